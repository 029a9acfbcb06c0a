"""Automatic quality checks on what units handed in, each with a stable rule id.

Only the newest receipt of each deliverable is checked (earlier revisions are superseded),
and only what was received by the as-of day, so a report and a bulletin for a given day
always show the same findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

from qth_disclosure.calendar import month_end, month_first, previous_month
from qth_disclosure.ledger import DeliverableKey, Submission
from qth_disclosure.registry import Registry

# rule id -> severity; ids are a contract: scripts filter on them
RULES = {
    "month-not-started": "error",
    "month-not-ended": "warning",
    "short-summary": "warning",
    "same-as-previous-month": "warning",
    "no-link": "warning",
}
MIN_SUMMARY_CHARS = 15
# a report received this many days or more before its month's last day covers too little
EARLY_DAYS = 7
# SequenceMatcher ratio at or above which two summaries count as the same text (内容雷同)
SAME_TEXT_RATIO = 0.9


@dataclass(frozen=True)
class Finding:
    rule: str
    submission: Submission
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return RULES[self.rule]


def lint(registry: Registry, submissions: Iterable[Submission], as_of: date,
         month: str | None = None) -> list[Finding]:
    """Findings on the newest receipt of each deliverable known on `as_of`.

    Ordered by unit (registry order), then kind, task, month and rule, for stable output.
    """
    newest: dict[DeliverableKey, Submission] = {}
    for s in submissions:
        if s.received_on > as_of:
            continue
        key = s.key
        if key not in newest or (s.received_on, s.id) > (newest[key].received_on,
                                                           newest[key].id):
            newest[key] = s
    findings: list[Finding] = []
    for s in newest.values():
        if month is not None and s.period != month:
            continue
        findings += _check(s, newest)
    unit_order = {a.code: i for i, a in enumerate(registry.agencies)}
    rule_order = list(RULES)
    findings.sort(key=lambda f: (unit_order.get(f.submission.agency, len(unit_order)),
                                 f.submission.kind, f.submission.task or "",
                                 f.submission.period or "", rule_order.index(f.rule)))
    return findings


def _check(s: Submission, newest: dict[DeliverableKey, Submission]) -> list[Finding]:
    found = []
    if s.kind == "monthly" and s.period:
        if s.received_on < month_first(s.period):
            found.append(Finding("month-not-started", s, {"received": s.received_on.isoformat(),
                                                          "month": s.period}))
        elif s.received_on <= month_end(s.period) - timedelta(days=EARLY_DAYS):
            found.append(Finding("month-not-ended", s, {"received": s.received_on.isoformat(),
                                                        "end": month_end(s.period).isoformat()}))
    if len(s.summary.strip()) < MIN_SUMMARY_CHARS:
        found.append(Finding("short-summary", s, {"length": len(s.summary.strip()),
                                                  "minimum": MIN_SUMMARY_CHARS}))
    if s.kind == "monthly" and s.period:
        previous = newest.get((s.kind, s.agency, s.task, previous_month(s.period)))
        if previous and _same_text(previous.summary, s.summary):
            found.append(Finding("same-as-previous-month", s, {"previous": previous.id,
                                                               "month": previous.period}))
    if not s.links:
        found.append(Finding("no-link", s))
    return found


def _same_text(a: str, b: str) -> bool:
    a, b = "".join(a.split()), "".join(b.split())
    return a == b or SequenceMatcher(None, a, b).ratio() >= SAME_TEXT_RATIO

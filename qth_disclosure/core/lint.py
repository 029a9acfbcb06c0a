"""Automatic quality checks on what units handed in, each with a stable rule id.

Only the newest receipt of each deliverable is checked (earlier revisions are superseded),
and only what was received by the as-of day, so a report and a bulletin for a given day
always show the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

from qth_disclosure.calendar import month_first
from qth_disclosure.ledger import DeliverableKey, PlanItem, Submission
from qth_disclosure.registry import Registry

# rule id -> severity; ids are a contract: scripts filter on them
RULES = {
    "month-not-started": "error",
    "month-not-ended": "warning",
    "short-summary": "warning",
    "same-as-previous-month": "warning",
    # monthly reports only: plans and summaries are documents sent to the office, not
    # published information
    "no-link": "warning",
    # a 部门方案 lists items with the five elements of plan 五(二), for every task the
    # unit leads
    "plan-item-incomplete": "error",
    "plan-task-uncovered": "error",
    "plan-without-items": "warning",
}
# the five elements, as the plan (and a bulletin) names them
ELEMENT_NAMES = {"matter": "公开事项", "content": "公开内容", "method": "公开方式",
                 "time_limit": "公开时限", "person": "责任人"}
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
         month: str | None = None,
         items: Mapping[int, Sequence[PlanItem]] | None = None,
         checked: Callable[[Submission], bool] | None = None) -> list[Finding]:
    """Findings on the newest receipt of each deliverable known on `as_of` (`items`: each
    plan submission's items, by its id); with `checked`, on those it accepts only (a
    bulletin's), the others given only to be compared with (`compared_with`).

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
        if (month is not None and s.period != month) or (checked is not None
                                                          and not checked(s)):
            continue
        listed = (items or {}).get(s.id, ()) if s.kind == "plan" else ()
        findings += _check(registry, s, newest, itemised=bool(listed))
        if s.kind == "plan":
            findings += _check_plan(registry, s, listed)
    unit_order = {a.code: i for i, a in enumerate(registry.agencies)}
    rule_order = list(RULES)
    findings.sort(key=lambda f: (unit_order.get(f.submission.agency, len(unit_order)),
                                 f.submission.kind, f.submission.task or "",
                                 f.submission.period or "", rule_order.index(f.rule)))
    return findings


def _check(registry: Registry, s: Submission, newest: dict[DeliverableKey, Submission],
           *, itemised: bool = False) -> list[Finding]:
    """The rules on one receipt; a plan given as items says what it says in them, and an
    annual report where it was published, so neither is judged by its summary's length."""
    found = []
    periodic = s.kind == "monthly" and s.period in registry.period_dues
    if periodic:
        assert s.period is not None
        end = registry.monthly.period_end(s.period)
        if s.received_on < month_first(s.period):
            found.append(Finding("month-not-started", s, {"received": s.received_on.isoformat(),
                                                          "month": s.period}))
        elif s.received_on <= end - timedelta(days=EARLY_DAYS):
            found.append(Finding("month-not-ended", s, {"received": s.received_on.isoformat(),
                                                        "end": end.isoformat()}))
    if len(s.summary.strip()) < MIN_SUMMARY_CHARS and s.kind != "annual_report" \
            and not itemised:
        found.append(Finding("short-summary", s, {"length": len(s.summary.strip()),
                                                  "minimum": MIN_SUMMARY_CHARS}))
    if periodic:
        earlier = compared_with(registry, s.key)
        previous = newest.get(earlier) if earlier else None
        if previous and _same_text(previous.summary, s.summary):
            found.append(Finding("same-as-previous-month", s, {"previous": previous.id,
                                                               "month": previous.period}))
    if not s.links and s.kind == "monthly":
        found.append(Finding("no-link", s))
    return found


def compared_with(registry: Registry, key: DeliverableKey) -> DeliverableKey | None:
    """The deliverable whose newest receipt that of `key` is compared with (the same
    unit's report on the same task for the month before), if any."""
    kind, agency, task, period = key
    if kind != "monthly" or period not in registry.period_dues:
        return None
    before = registry.monthly.previous(period)
    return (kind, agency, task, before) if before else None


def _check_plan(registry: Registry, s: Submission, items: Sequence[PlanItem]
                ) -> list[Finding]:
    """A 部门方案: each item with its five elements (五(二): 公开事项、公开内容、公开方式、公开时限,
    落实到人), and items for every task the unit leads."""
    if not items:
        return [Finding("plan-without-items", s)]
    found = []
    for item in items:
        if item.missing:
            found.append(Finding("plan-item-incomplete", s, {
                "item": item.position,
                "missing": "、".join(ELEMENT_NAMES[e] for e in item.missing)}))
    led = registry.tasks_led_by(s.agency)  # from the registry's index of leads
    covered = {item.task for item in items}
    uncovered = [task for task in led if task not in covered]
    if uncovered:
        found.append(Finding("plan-task-uncovered", s, {"tasks": "、".join(uncovered)}))
    return found


def incomplete_plans(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that a plan lacks elements or tasks (what status shows)."""
    return [f for f in findings if f.rule in ("plan-item-incomplete", "plan-task-uncovered")]


def _same_text(a: str, b: str) -> bool:
    """SequenceMatcher's ratio at least SAME_TEXT_RATIO. Two upper bounds are tried first:
    the lengths, and the longest common subsequence (the matching blocks difflib finds
    are in order in both texts, so they are a common subsequence and never longer): most
    pairs of summaries fail one, and the matching itself is costly."""
    a, b = "".join(a.split()), "".join(b.split())
    if a == b:
        return True
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total < SAME_TEXT_RATIO:
        return False
    if 2.0 * _common_subsequence(a, b) / total < SAME_TEXT_RATIO:
        return False
    return SequenceMatcher(None, a, b).ratio() >= SAME_TEXT_RATIO


def _common_subsequence(a: str, b: str) -> int:
    """The length of the longest common subsequence of `a` and `b`, a bit of an integer
    per character of `a` (Hyyrö's bit-parallel form of the dynamic programme): a few
    integer operations per character of `b` instead of a table of len(a) × len(b)."""
    where: dict[str, int] = {}
    for i, char in enumerate(a):
        where[char] = where.get(char, 0) | 1 << i
    row = -1  # every bit set: no character of `a` matched yet
    for char in b:
        matched = row & where.get(char, 0)
        row = (row + matched) | (row - matched)
    return (~row & ((1 << len(a)) - 1)).bit_count()

"""The year's records: ledger applications and their events -> the record sets of SETS.

One record per application, answer, clarification request or appeal case of the year,
carrying the fields (applicant kind, channel, outcome, timing, ...) a template can select.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from qth_disclosure.core.applications import assess_application, event_order, in_order
from qth_disclosure.core.stats.model import SETS, Record
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import Application, Event
from qth_disclosure.registry import Registry

# ---------------------------------------------------------------- the year's records


def check_year(registry: Registry, year: int, today: date) -> int:
    """A year that has ended, from the first year the registry's law profiles cover.

    Statistics are for whole years: a year still running would show its open applications
    as carried over before the year is out.
    """
    first = min((p.effective_from.year for p in registry.law_profiles), default=today.year)
    last = today.year - 1
    if not first <= year <= last:
        raise InputError("stats_bad_year", value=year, first=first, last=last)
    return year


def year_records(registry: Registry, applications: Iterable[Application],
                 events: Iterable[Event], year: int) -> dict[str, list[Record]]:
    """Every set of SETS for the year, from the applications given and their events."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    by_application: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_application[e.application].append(e)
    out: dict[str, list[Record]] = {name: [] for name in SETS}
    for app in applications:
        own = in_order(by_application[app.id])
        base = {"applicant_kind": app.applicant_kind, "channel": app.channel}
        # the result that ends the application: its answer, or its closing without one
        answer = next((e for e in own if e.kind in ("answer", "close")), None)
        if first <= app.received_on <= last:
            out["received_in_year"].append(base)
        if app.received_on < first and not _answered_by(answer, first - timedelta(days=1)):
            out["open_at_year_start"].append(base)
        if answer is not None and first <= answer.occurred_on <= last:
            out["answered_in_year"].append({**base, **_answer_fields(registry, app, own,
                                                                       answer)})
        if app.received_on <= last and not _answered_by(answer, last):
            out["open_at_year_end"].append(base)
        out["clarify_requests_in_year"] += [
            base for e in own
            if e.kind == "pause" and e.details.get("why") == "clarify"
            and first <= e.occurred_on <= last
        ]
        out["appeals_in_year"] += _appeal_cases(own, base, first, last)
    return out


def _answered_by(answer: Event | None, day: date) -> bool:
    return answer is not None and answer.occurred_on <= day


def _answer_fields(registry: Registry, app: Application, events: Sequence[Event],
                   answer: Event) -> Record:
    outcome = str(answer.details.get("outcome")) if answer.kind == "answer" \
        else f"closed_{answer.details.get('why')}"
    fields = {"outcome": outcome, "timing": _timing(registry, app, events, answer)}
    if answer.details.get("ground"):
        fields["ground"] = str(answer.details["ground"])
    return fields


def _timing(registry: Registry, app: Application, events: Sequence[Event],
            answer: Event) -> str:
    # judged as on the answer day, against the due date as it stood then (requests.py)
    status = assess_application(app, events, registry.law_for(app.received_on),
                                registry.work_calendar, answer.occurred_on)
    if status.state == "answered_late" or (status.state == "closed" and status.due is not None
                                           and answer.occurred_on > status.due):
        return "late"
    extended = any(e.kind == "extend" and e.occurred_on <= answer.occurred_on for e in events)
    return "extended" if extended else "on_time"


def _appeal_cases(events: Sequence[Event], base: Record, first: date,
                  last: date) -> list[Record]:
    """One case per kind of appeal on the application, if it was first brought this year.

    Later appeal events of the same kind carry the case's later results; the latest dated
    by 31 December counts (a result decided next year is next year's news).
    """
    appeals = [e for e in events if e.kind == "appeal"]  # already by date, then id
    openers: dict[str, Event] = {}
    for e in appeals:
        openers.setdefault(str(e.details.get("kind")), e)
    review = openers.get("reconsideration")
    cases = []
    for kind, opener in openers.items():
        if not first <= opener.occurred_on <= last:
            continue
        latest = [e for e in appeals if e.details.get("kind") == kind and e.occurred_on <= last][-1]
        if kind in ("reconsideration", "complaint"):
            route = kind
        elif review is not None and event_order(review) < event_order(opener):
            route = "lawsuit_after_reconsideration"
        else:
            route = "lawsuit_direct"
        cases.append({**base, "kind": kind, "route": route,
                      "result": str(latest.details.get("result", "pending"))})
    return cases

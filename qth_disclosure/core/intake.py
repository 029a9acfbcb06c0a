"""Turn what a user typed into validated ledger rows, or refuse with the reason.

Pure: the registry and "today" come in as arguments, nothing is written here. Every
refusal names the bad value and what would be valid.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from qth_disclosure.calendar import parse_month
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import (
    NewApplication,
    NewInspection,
    NewReview,
    NewSubmission,
    Submission,
)
from qth_disclosure.registry import Agency, Registry

# Long enough for a month's report with its item list, short enough that a pasted file
# or a runaway script cannot bloat the ledger or a bulletin.
MAX_TEXT_CHARS = 20_000
VERDICTS = ("pass", "fail", "rectify")
REVIEW_VERDICTS = ("accept", "return")


def monthly_report(
    registry: Registry, *, agency: str, task: str, month: str, summary: str,
    received_on: date, links: list[str], today: date,
) -> NewSubmission:
    unit = registry.agency(agency)
    found = registry.task(task)
    if not found.monthly:
        raise InputError("task_not_monthly", value=found.id,
                         valid=", ".join(t.id for t in registry.monthly_tasks))
    if unit.code not in found.lead:
        leads = ", ".join(registry.label(code) for code in found.lead)
        raise InputError("not_lead", agency=registry.label(unit.code), task=found.id,
                         valid=leads)
    period = reporting_month(registry, month)
    _check_day(registry, received_on, "--received", today)
    return NewSubmission(
        plan=registry.plan.id, kind="monthly", agency=unit.code, task=found.id, period=period,
        received_on=received_on, summary=text(summary, "--summary"), links=_links(links),
    )


def phase_deliverable(
    registry: Registry, *, agency: str, kind: str, summary: str, received_on: date,
    links: list[str], today: date,
) -> NewSubmission:
    """A unit's implementation plan (`plan`) or its year-end report (`summary`)."""
    unit = _reporting_unit(registry, agency)
    _check_day(registry, received_on, "--received", today)
    return NewSubmission(
        plan=registry.plan.id, kind=kind, agency=unit.code, task=None, period=None,
        received_on=received_on, summary=text(summary, "--summary"), links=_links(links),
    )


def inspection(
    registry: Registry, *, agency: str, verdict: str, inspected_on: date, note: str | None,
    today: date,
) -> NewInspection:
    _choice(verdict, VERDICTS, "--verdict")
    unit = _reporting_unit(registry, agency)
    _check_day(registry, inspected_on, "--date", today)
    return NewInspection(plan=registry.plan.id, agency=unit.code, verdict=verdict,
                         inspected_on=inspected_on, note=text(note, "--note", required=False))


def review(
    registry: Registry, submission: Submission | None, *, submission_id: int, verdict: str,
    comment: str, reviewed_on: date, today: date,
) -> NewReview:
    if submission is None or submission.plan != registry.plan.id:
        raise InputError("unknown_submission", value=submission_id)
    _choice(verdict, REVIEW_VERDICTS, "verdict")
    _check_day(registry, reviewed_on, "--date", today)
    if reviewed_on < submission.received_on:
        raise InputError("review_before_receipt", value=reviewed_on.isoformat(),
                         id=submission.id, received=submission.received_on.isoformat())
    return NewReview(submission=submission.id, verdict=verdict, reviewed_on=reviewed_on,
                     comment=text(comment, "--comment"))


def application(
    registry: Registry, *, agency: str, received_on: date, subject: str, applicant: str,
    applicant_kind: str, channel: str, today: date,
) -> NewApplication:
    """An application for disclosure; any unit, the office included, receives them."""
    unit = registry.agency(agency)
    if received_on > today:
        raise InputError("future_date", what="--received", value=received_on.isoformat(),
                         today=today.isoformat())
    law = registry.law_for(received_on)
    registry.work_calendar.day(received_on)  # refuse now a year the calendar cannot count
    return NewApplication(plan=registry.plan.id, agency=unit.code, received_on=received_on,
                          subject=text(subject, "--subject"),
                          applicant=text(applicant, "--applicant", required=False),
                          applicant_kind=applicant_kind, channel=channel, law_profile=law.id)


def reporting_month(registry: Registry, month: str) -> str:
    """A YYYY-MM month inside the plan's monthly reporting window."""
    period = parse_month(month, "--month")
    rule = registry.monthly
    if period not in rule.months:
        raise InputError("month_outside_window", value=period, first=rule.first_month,
                         last=rule.last_month)
    return period


def check_as_of(as_of: date, today: date) -> date:
    """Status is what was known on a day; a day still to come is not known yet."""
    if as_of > today:
        raise InputError("future_date", what="--as-of", value=as_of.isoformat(),
                         today=today.isoformat())
    return as_of


def _choice(value: str, valid: tuple[str, ...], what: str) -> None:
    if value not in valid:
        raise InputError("bad_choice", what=what, value=value, valid=", ".join(valid))


def _reporting_unit(registry: Registry, ref: str) -> Agency:
    unit = registry.agency(ref)
    if unit.code == registry.plan.office:
        raise InputError("office_owes_nothing", value=registry.label(unit.code))
    return unit


def _check_day(registry: Registry, day: date, what: str, today: date) -> None:
    if day > today:
        raise InputError("future_date", what=what, value=day.isoformat(), today=today.isoformat())
    if day < registry.plan.issued_on:
        raise InputError("before_plan", what=what, value=day.isoformat(),
                         issued=registry.plan.issued_on.isoformat())


def text(value: str | None, what: str, *, required: bool = True) -> str:
    """Free text, stripped, within the length limit; required text must not be empty."""
    stripped = (value or "").strip()
    if required and not stripped:
        raise InputError("empty_text", what=what)
    if len(stripped) > MAX_TEXT_CHARS:
        raise InputError("text_too_long", what=what, length=len(stripped), limit=MAX_TEXT_CHARS)
    return stripped


def _links(links: list[str]) -> tuple[str, ...]:
    out = []
    for link in links:
        parts = urlsplit(link.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError("bad_link", value=link)
        out.append(link.strip())
    return tuple(out)

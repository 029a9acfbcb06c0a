"""The daily report cron mails: what is overdue, due soon, newly arrived, returned.

Pure: everything is computed from the rows known on the as-of day D, and "arrived" means
received since the working day before D (on a Monday: since Friday), so running the report
for the same D twice gives the same report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from qth_disclosure.core.applications import ApplicationStatus
from qth_disclosure.core.compliance import Assessed, PhaseState, Status, assess, latest_reviews
from qth_disclosure.core.lint import Finding, lint
from qth_disclosure.core.rates import monthly_on_time
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import Clearance, Inspection, PlanItem, Review, Submission
from qth_disclosure.registry import ALL_KINDS, Registry

KIND_ORDER = ALL_KINDS


@dataclass(frozen=True)
class Returned:
    deliverable: Assessed
    review: Review


@dataclass(frozen=True)
class Report:
    status: Status
    within: int
    overdue: tuple[Assessed, ...]  # the units' (the office's own K1 reports included)
    due_soon: tuple[Assessed, ...]
    arrived: tuple[Submission, ...]
    returned: tuple[Returned, ...]
    # findings on what arrived (the office reviews those today), and on everything known
    findings: tuple[Finding, ...]
    all_findings: tuple[Finding, ...]
    applications: tuple[ApplicationStatus, ...] = ()
    # the working day before the as-of day: what arrived since, what fell overdue since
    since: date | None = None
    # inspections the office has not done by their day: its own lapse (未验收)
    not_inspected: tuple[Assessed, ...] = ()
    # open applications whose answer falls due within `within` working days
    applications_due_soon: tuple[ApplicationStatus, ...] = ()
    # monthly reports awaiting the office's 保密审查 before they are published
    uncleared: tuple[Assessed, ...] = ()
    # (month, on time, owed) of each reporting month due by the as-of day, counted as its
    # bulletin counts them (the office's own reports left out)
    rates: tuple[tuple[str, int, int], ...] = ()

    @property
    def new_overdue(self) -> tuple[Assessed, ...]:
        """What fell overdue since the previous working day: due on or after it and
        before the as-of day (on a Monday, what was due on Friday or over the weekend)."""
        return tuple(d for d in (*self.overdue, *self.not_inspected)
                     if self.arrived_since <= d.deliverable.due < self.as_of)

    @property
    def anything_new_overdue(self) -> bool:
        """`--fail-on-new-overdue`: something fell overdue since the previous working day,
        or an application is overdue (each day it is, the applicant is owed an answer)."""
        return bool(self.new_overdue or self.applications_overdue)

    @property
    def findings_in_all(self) -> int:
        return len(self.all_findings)

    @property
    def applications_overdue(self) -> tuple[ApplicationStatus, ...]:
        return tuple(a for a in self.applications if a.state == "overdue")

    @property
    def applications_lapsed(self) -> tuple[ApplicationStatus, ...]:
        """Unanswered applications whose consultation ended by itself, its bound passed
        with no resume recorded (2019 arts. 32, 34): the count went on without the office
        saying so, and the answer is owed on the day it gives."""
        return tuple(a for a in self.applications if a.state in ("open", "overdue")
                     and a.consultation_lapsed is not None)

    @property
    def applications_open(self) -> tuple[ApplicationStatus, ...]:
        return tuple(a for a in self.applications if a.state == "open")

    @property
    def anything_overdue(self) -> bool:
        return bool(self.overdue or self.not_inspected or self.applications_overdue)

    @property
    def as_of(self) -> date:
        return self.status.as_of

    @property
    def arrived_since(self) -> date:
        return self.since or self.as_of - timedelta(days=1)

    @property
    def active_phases(self) -> tuple[PhaseState, ...]:
        return tuple(p for p in self.status.phases if p.state == "active")


def build_report(
    registry: Registry,
    as_of: date,
    submissions: Iterable[Submission],
    reviews: Iterable[Review],
    inspections: Iterable[Inspection],
    within: int,
    applications: Iterable[ApplicationStatus] = (),
    *,
    items: Mapping[int, Sequence[PlanItem]] | None = None,
    clearances: Iterable[Clearance] = (),
) -> Report:
    """The report from every row known on `as_of`, in memory (the submissions that count:
    none voided)."""
    rows = [s for s in submissions if s.received_on <= as_of]
    effective = [r for r in reviews if r.reviewed_on <= as_of]
    status = assess(registry, as_of, rows, effective, inspections)
    since = previous_working_day(registry, as_of)
    return report_from(registry, status, rows, [s for s in rows if s.received_on >= since],
                       latest_reviews(effective, as_of), within, applications,
                       items=items, clearances=clearances)


def report_from(
    registry: Registry,
    status: Status,
    newest: Iterable[Submission],
    arrived: Iterable[Submission],
    in_force: Mapping[int, Review],
    within: int,
    applications: Iterable[ApplicationStatus] = (),
    *,
    items: Mapping[int, Sequence[PlanItem]] | None = None,
    clearances: Iterable[Clearance] = (),
) -> Report:
    """The report from what it shows: the status on its day, the submissions among which
    are the newest of each deliverable (what lint checks; more may be given), those that
    arrived since the previous working day, the review in force of each returned
    deliverable's record (more may be given), the plans' items and the 保密审查 records."""
    as_of = status.as_of
    order = _unit_order(registry)
    kind_order = {kind: i for i, kind in enumerate(KIND_ORDER)}

    def by_unit(d: Assessed) -> tuple[int, int, str, str, date]:
        item = d.deliverable
        return (order[item.agency], kind_order[item.kind], item.task or "",
                item.period or "", item.due)

    # sorted once: each list below is a part of it, in the same order as sorting the
    # part (the sort is stable)
    ordered = sorted(status.deliverables, key=by_unit)
    horizon = as_of + timedelta(days=within)
    overdue = [d for d in ordered if d.state == "missing" and not d.office_lapse]
    not_inspected = [d for d in ordered if d.office_lapse]
    due_soon = sorted((d for d in status.deliverables
                       if d.state == "pending" and d.deliverable.due <= horizon),
                      key=lambda d: (d.deliverable.due, *by_unit(d)))
    since = previous_working_day(registry, as_of)
    arrived = sorted((s for s in arrived if s.received_on >= since),
                     key=lambda s: (s.received_on, s.id))
    listed = tuple(applications)
    answer_horizon = _working_days_ahead(registry, as_of, within)
    applications_due_soon = tuple(sorted(
        (a for a in listed if a.state == "open" and a.due is not None
         and a.due <= answer_horizon), key=lambda a: (a.due, a.application.id)))
    returned = tuple(
        Returned(d, in_force[d.record])
        for d in ordered if d.state == "returned" and d.record is not None
    )
    findings = tuple(lint(registry, newest, as_of, items=items))
    cleared = {c.submission for c in clearances if c.cleared_on <= as_of}
    # 保密审查: the receipt each monthly deliverable stands on, not yet cleared
    uncleared = tuple(d for d in ordered
                      if d.deliverable.kind == "monthly" and d.record is not None
                      and d.state != "returned" and d.record not in cleared)
    arrived_ids = {s.id for s in arrived}
    return Report(status, within, tuple(overdue), tuple(due_soon), tuple(arrived), returned,
                  tuple(f for f in findings if f.submission.id in arrived_ids), findings,
                  listed, since, tuple(not_inspected), applications_due_soon, uncleared,
                  monthly_on_time(registry, status))


def previous_working_day(registry: Registry, day: date) -> date:
    """The working day before `day` on the official calendar; the day before where the
    calendar does not reach (a year it carries no notice for)."""
    try:
        return registry.work_calendar.previous_working_day(day)
    except InputError:
        return day - timedelta(days=1)


def _working_days_ahead(registry: Registry, day: date, count: int) -> date:
    try:
        return registry.work_calendar.working_days_after(day, count)
    except InputError:
        return day + timedelta(days=count)


def _unit_order(registry: Registry) -> dict[str, int]:
    return {a.code: i for i, a in enumerate(registry.agencies)}

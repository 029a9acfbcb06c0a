"""The daily report cron mails: what is overdue, due soon, newly arrived, returned.

Pure: everything is computed from the rows known on the as-of day D, and "arrived" means
received on D-1 or D, so running the report for the same D twice gives the same report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from qth_disclosure.core.applications import ApplicationStatus
from qth_disclosure.core.compliance import Assessed, PhaseState, Status, assess, latest_reviews
from qth_disclosure.core.lint import Finding, lint
from qth_disclosure.ledger import Inspection, Review, Submission
from qth_disclosure.registry import Registry

KIND_ORDER = ("plan", "monthly", "summary", "inspection")


@dataclass(frozen=True)
class Returned:
    deliverable: Assessed
    review: Review


@dataclass(frozen=True)
class Report:
    status: Status
    within: int
    overdue: tuple[Assessed, ...]
    due_soon: tuple[Assessed, ...]
    arrived: tuple[Submission, ...]
    returned: tuple[Returned, ...]
    # findings on what arrived (the office reviews those today), and on everything known
    findings: tuple[Finding, ...]
    all_findings: tuple[Finding, ...]
    applications: tuple[ApplicationStatus, ...] = ()

    @property
    def findings_in_all(self) -> int:
        return len(self.all_findings)

    def findings_for(self, month: str) -> tuple[Finding, ...]:
        """Findings on the monthly reports of `month` (what a bulletin on it names)."""
        return tuple(f for f in self.all_findings if f.submission.period == month)

    @property
    def applications_overdue(self) -> tuple[ApplicationStatus, ...]:
        return tuple(a for a in self.applications if a.state == "overdue")

    @property
    def applications_open(self) -> tuple[ApplicationStatus, ...]:
        return tuple(a for a in self.applications if a.state == "open")

    @property
    def anything_overdue(self) -> bool:
        return bool(self.overdue or self.applications_overdue)

    @property
    def as_of(self) -> date:
        return self.status.as_of

    @property
    def since(self) -> date:
        return self.as_of - timedelta(days=1)

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
) -> Report:
    """The report from every row known on `as_of`, in memory."""
    rows = [s for s in submissions if s.received_on <= as_of]
    effective = [r for r in reviews if r.reviewed_on <= as_of]
    status = assess(registry, as_of, rows, effective, inspections)
    since = as_of - timedelta(days=1)
    return report_from(registry, status, rows, [s for s in rows if s.received_on >= since],
                       latest_reviews(effective, as_of), within, applications)


def report_from(
    registry: Registry,
    status: Status,
    newest: Iterable[Submission],
    arrived: Iterable[Submission],
    in_force: Mapping[int, Review],
    within: int,
    applications: Iterable[ApplicationStatus] = (),
) -> Report:
    """The report from what it shows: the status on its day, the submissions among which
    are the newest of each deliverable (what lint checks; more may be given), those that
    arrived on the day or the day before, and the review in force of each returned
    deliverable's record (more may be given)."""
    as_of = status.as_of
    order = _unit_order(registry)

    def by_unit(d: Assessed) -> tuple[int, int, str, str, date]:
        item = d.deliverable
        return (order[item.agency], KIND_ORDER.index(item.kind), item.task or "",
                item.period or "", item.due)

    horizon = as_of + timedelta(days=within)
    overdue = sorted((d for d in status.deliverables if d.state == "missing"), key=by_unit)
    due_soon = sorted((d for d in status.deliverables
                       if d.state == "pending" and d.deliverable.due <= horizon),
                      key=lambda d: (d.deliverable.due, *by_unit(d)))
    arrived = sorted(arrived, key=lambda s: (s.received_on, s.id))
    returned = tuple(
        Returned(d, in_force[d.record])
        for d in sorted(status.deliverables, key=by_unit)
        if d.state == "returned" and d.record is not None
    )
    findings = tuple(lint(registry, newest, as_of))
    arrived_ids = {s.id for s in arrived}
    return Report(status, within, tuple(overdue), tuple(due_soon), tuple(arrived), returned,
                  tuple(f for f in findings if f.submission.id in arrived_ids), findings,
                  tuple(applications))


def _unit_order(registry: Registry) -> dict[str, int]:
    return {a.code: i for i, a in enumerate(registry.agencies)}

"""Between the commands and the pure core: what the ledger knew on a day, in the core's terms.

Each function reads what its answer needs, and no more, through the ledger's queries, then
hands the rows to the pure core. Commands call these rather than the ledger and the core
separately, so a rule such as "one deliverable's state" or "the daily report" is asked of
the ledger in one place.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from qth_disclosure.core.applications import ApplicationStatus, assess_all
from qth_disclosure.core.compliance import (
    Assessed,
    Deliverable,
    Status,
    assess,
    assess_from,
    deliverables,
)
from qth_disclosure.ledger import DeliverableKey, Ledger, Submission
from qth_disclosure.registry import Registry

if TYPE_CHECKING:  # the report and its lint load only for the commands that print it
    from qth_disclosure.core.bulletin import Scope
    from qth_disclosure.core.daily_report import Report
    from qth_disclosure.documents.model import Document

# Below this many submission rows per deliverable one scan of the ledger is cheaper than
# a few indexed probes per deliverable; above it, probes keep status independent of size.
SCAN_ROWS_PER_DELIVERABLE = 20


def _probed(ledger: Ledger, owed: list[Deliverable]) -> bool:
    """Whether the ledger is large enough for indexed probes per deliverable to be
    cheaper than one scan of the plan's rows."""
    return ledger.submissions_bound() > SCAN_ROWS_PER_DELIVERABLE * len(owed)


def status(registry: Registry, ledger: Ledger, day: date, agency: str | None = None) -> Status:
    """Every deliverable's state (of one unit, or all) as the ledger knew it on `day`."""
    plan = registry.plan.id
    inspections = ledger.inspections(plan, agency=agency, inspected_by=day)
    owed = deliverables(registry, agency)
    if not _probed(ledger, owed):
        return assess(registry, day, ledger.submissions(plan, agency=agency, received_by=day),
                      ledger.reviews(plan, effective_by=day), inspections, agency, owed)
    keys = [d.key for d in owed if d.kind != "inspection"]
    found = dict(zip(keys, ledger.receipts_of(plan, keys, day), strict=True))
    return assess_from(registry, day, lambda d, _: found[d.key], inspections, agency, owed)


def deliverable_state(registry: Registry, ledger: Ledger, key: DeliverableKey,
                      day: date) -> Assessed:
    """One deliverable's state on `day`, from its own receipts only (what a write reports)."""
    agency = key[1]
    owed = [d for d in deliverables(registry, agency) if d.key == key]
    inspections = (ledger.inspections(registry.plan.id, agency=agency, inspected_by=day)
                   if key[0] == "inspection" else [])
    plan = registry.plan.id
    found = assess_from(registry, day, lambda d, when: ledger.receipts(plan, d.key, when),
                        inspections, agency, owed)
    return found.deliverables[0]


def applications(registry: Registry, ledger: Ledger, day: date,
                 agency: str | None = None) -> list[ApplicationStatus]:
    """Every application (of one unit, or all) with its clock and state on `day`."""
    return assess_all(registry, ledger.applications(registry.plan.id, agency=agency),
                      ledger.events(), day)


def daily_report(registry: Registry, ledger: Ledger, day: date, within: int,
                 *, with_applications: bool = True, with_arrivals: bool = True) -> Report:
    """The daily report on `day`. A small ledger's rows known then are read once; a large
    one's report reads what it shows: each deliverable's state and newest receipt by
    indexed probes, what arrived by the day index (unless `with_arrivals` is False: a
    bulletin names none, and its report then has none), and the returned records'
    reviews."""
    from qth_disclosure.core.daily_report import build_report, report_from

    plan = registry.plan.id
    known = applications(registry, ledger, day) if with_applications else ()
    owed = deliverables(registry)
    if not _probed(ledger, owed):
        return build_report(registry, day, ledger.submissions(plan, received_by=day),
                            ledger.reviews(plan, effective_by=day),
                            ledger.inspections(plan, inspected_by=day), within, known)
    found = status(registry, ledger, day)
    returned = [d.record for d in found.deliverables
                if d.state == "returned" and d.record is not None]
    return report_from(registry, found, lint_rows(registry, ledger, day, owed),
                       ledger.submissions(plan, received_from=day - timedelta(days=1),
                                          received_by=day) if with_arrivals else (),
                       ledger.reviews_in_force(returned, day), within, known)


def lint_rows(registry: Registry, ledger: Ledger, day: date,
              owed: list[Deliverable] | None = None) -> list[Submission]:
    """The submissions lint needs on `day`: every row known then, from a small ledger;
    from a large one, the newest receipt of each deliverable the plan owes, by probes
    (a deliverable no longer in the registry is then not linted: see benchmarks/README)."""
    plan = registry.plan.id
    owed = deliverables(registry) if owed is None else owed
    if not _probed(ledger, owed):
        return ledger.submissions(plan, received_by=day)
    return ledger.newest(plan, [d.key for d in owed if d.kind != "inspection"], day)


def bulletin(registry: Registry, ledger: Ledger, scope: Scope, day: date) -> Document:
    """The bulletin on `scope` as the ledger knew it on `day`, numbered as the next of its
    series in `day`'s year."""
    from qth_disclosure.core import bulletin as composing

    rules = registry.documents
    number = 1 if rules is None else ledger.next_document_number(
        registry.plan.id, composing.series(rules), day.year)
    report = daily_report(registry, ledger, day, 0, with_applications=False,
                          with_arrivals=False)
    findings = tuple(f for f in report.all_findings if f.submission.period in scope.periods)
    return composing.compose(registry, report.status, scope, number, report.returned,
                             findings)

"""Between the commands and the pure core: what the ledger knew on a day, in the core's terms.

Each function reads what its answer needs, and no more, through the ledger's queries, then
hands the rows to the pure core. Commands call these rather than the ledger and the core
separately, so a rule such as "one deliverable's state" or "the daily report" is asked of
the ledger in one place.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from qth_disclosure.core.applications import ApplicationStatus, assess_all
from qth_disclosure.core.compliance import (
    Assessed,
    Status,
    assess,
    assess_from,
    deliverables,
    live,
)
from qth_disclosure.ledger import DeliverableKey, Ledger, PlanItem, Submission
from qth_disclosure.registry import Registry

if TYPE_CHECKING:  # the report and its lint load only for the commands that print it
    from qth_disclosure.core.daily_report import Report
    from qth_disclosure.core.lint import Finding

# Below this many submission rows per deliverable one scan of the ledger is cheaper than
# a few indexed probes per deliverable; above it, probes keep status independent of size.
SCAN_ROWS_PER_DELIVERABLE = 20


def submissions(registry: Registry, ledger: Ledger, day: date,
                agency: str | None = None) -> list[Submission]:
    """The submissions received by `day` that count then: none voided by then."""
    plan = registry.plan.id
    return live(ledger.submissions(plan, agency=agency, received_by=day),
                ledger.voids(plan, effective_by=day), day)


def status(registry: Registry, ledger: Ledger, day: date, agency: str | None = None) -> Status:
    """Every deliverable's state (of one unit, or all) as the ledger knew it on `day`."""
    plan = registry.plan.id
    inspections = ledger.inspections(plan, agency=agency, inspected_by=day)
    owed = deliverables(registry, agency)
    if ledger.submissions_bound() <= SCAN_ROWS_PER_DELIVERABLE * len(owed):
        return assess(registry, day, submissions(registry, ledger, day, agency),
                      ledger.reviews(plan, effective_by=day), inspections, agency, owed)
    return assess_from(registry, day, lambda d, when: ledger.receipts(plan, d.key, when),
                       inspections, agency, owed)


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
                 *, with_applications: bool = True) -> Report:
    """The daily report on `day`: the ledger's rows known then, read once."""
    from qth_disclosure.core.daily_report import build_report

    plan = registry.plan.id
    return build_report(registry, day, submissions(registry, ledger, day),
                        ledger.reviews(plan, effective_by=day),
                        ledger.inspections(plan, inspected_by=day), within,
                        applications(registry, ledger, day) if with_applications else (),
                        items=plan_items(registry, ledger),
                        clearances=ledger.clearances(plan, cleared_by=day))


def plan_items(registry: Registry, ledger: Ledger,
               agency: str | None = None) -> dict[int, list[PlanItem]]:
    """Each plan submission's items, by its id, in the unit's order."""
    found: dict[int, list[PlanItem]] = {}
    for item in ledger.plan_items(registry.plan.id, agency=agency):
        found.setdefault(item.submission, []).append(item)
    return found


def findings(registry: Registry, ledger: Ledger, day: date, month: str | None = None,
             agency: str | None = None) -> list[Finding]:
    """Lint's findings on what counts on `day` (plans with their items)."""
    from qth_disclosure.core.lint import lint

    return lint(registry, submissions(registry, ledger, day, agency), day, month,
                plan_items(registry, ledger, agency))


def bulletin_report(registry: Registry, ledger: Ledger, day: date) -> Report:
    """The daily report as a bulletin counts it: the units it names only, never the office,
    which reports K1 to itself (registry.counted_units)."""
    return daily_report(registry, ledger, day, 0, with_applications=False).counted(
        registry.counted_units)


def incomplete_plans(registry: Registry, ledger: Ledger, day: date,
                     agency: str | None = None) -> list[Finding]:
    """The plans in force on `day` whose items lack an element or a led task (五(二))."""
    from qth_disclosure.core.lint import incomplete_plans as incomplete

    if not ledger.plan_items(registry.plan.id, agency=agency):
        return []  # no plan was given as items: nothing to check, and no lint to load
    return incomplete(f for f in findings(registry, ledger, day, agency=agency)
                      if f.submission.kind == "plan")

"""Between the commands and the pure core: what the ledger knew on a day, in the core's terms.

Each function reads what its answer needs, and no more, through the ledger's queries, then
hands the rows to the pure core. Commands call these rather than the ledger and the core
separately, so a rule such as "one deliverable's state" or "the daily report" is asked of
the ledger in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Literal

from qth_disclosure.core.compliance import (
    Assessed,
    Deliverable,
    Receipts,
    ReceiptSource,
    Sheet,
    Status,
    assess,
    assess_from,
    deliverables,
    latest_reviews,
    live,
    owed_count,
    returned_submissions,
    sheet_from,
    voided,
)
from qth_disclosure.ledger import DeliverableKey, Event, Ledger, PlanItem, Review, Submission
from qth_disclosure.registry import Registry

if TYPE_CHECKING:  # the report and its lint load only for the commands that print it
    from decimal import Decimal

    # the applications' clocks and fees: only what shows applications (not a write's state)
    from qth_disclosure.core.applications import ApplicationStatus
    from qth_disclosure.core.bulletin import Scope
    from qth_disclosure.core.daily_report import Report, Returned
    from qth_disclosure.core.lint import Finding
    from qth_disclosure.core.publication import Publication
    from qth_disclosure.core.scoring import Ranked, UnitScore
    from qth_disclosure.core.stats import Statistics, Template
    from qth_disclosure.documents.model import Document

# Below this many submission rows per deliverable one pass over the ledger is cheaper than
# a few indexed probes per deliverable; above it, probes keep status independent of size.
SCAN_ROWS_PER_DELIVERABLE = 20
# At most this many rows, a ledger of few revisions is read whole into memory: cheaper
# than the queries of the one ordered pass, and what the in-memory core is written for.
SMALL_LEDGER_ROWS = 50_000
# Submissions an export reads at a time (`live_submissions`): few enough that a page is a
# few MiB, enough that the queries' own cost is lost among the rows'.
PAGE_ROWS = 2000

Reading = Literal["scan", "one_pass", "probes"]


def _reading(ledger: Ledger, owed: list[Deliverable] | int) -> Reading:
    """How the deliverables' receipts are read: a small ledger whole ("scan"); one of many
    revisions per deliverable by indexed probes, deliverable by deliverable ("probes");
    one of many deliverables and few revisions each by one ordered pass of the deliverable
    index, a row per deliverable ("one_pass")."""
    bound = ledger.submissions_bound()
    if bound > SCAN_ROWS_PER_DELIVERABLE * (owed if isinstance(owed, int) else len(owed)):
        return "probes"
    return "scan" if bound <= SMALL_LEDGER_ROWS else "one_pass"


def submissions(registry: Registry, ledger: Ledger, day: date,
                agency: str | None = None, *,
                received_from: date | None = None) -> list[Submission]:
    """The submissions received by `day` (and from `received_from`) that count then: none
    voided by then."""
    plan = registry.plan.id
    return live(ledger.submissions(plan, agency=agency, received_from=received_from,
                                   received_by=day),
                ledger.voids(plan, effective_by=day), day)


def live_submissions(registry: Registry, ledger: Ledger,
                     day: date) -> Callable[[], Iterator[Submission]]:
    """`submissions` on `day` (every unit's) as a stream: each call of the function returned
    reads them afresh, oldest recorded first, a page at a time, so however many there are
    only a page of them is in memory. Read inside `ledger.snapshot()`, every call gives
    the same rows."""
    plan = registry.plan.id
    gone = voided(ledger.voids(plan, effective_by=day), day)

    def rows() -> Iterator[Submission]:
        for page in ledger.submission_pages(plan, received_by=day, page=PAGE_ROWS):
            yield from (s for s in page if s.id not in gone)

    return rows


def status(registry: Registry, ledger: Ledger, day: date, agency: str | None = None) -> Status:
    """Every deliverable's state (of one unit, or all) as the ledger knew it on `day`."""
    plan = registry.plan.id
    inspections = ledger.inspections(plan, agency=agency, inspected_by=day)
    owed = deliverables(registry, agency)
    reading = _reading(ledger, owed)
    if reading == "scan":
        return assess(registry, day, submissions(registry, ledger, day, agency),
                      ledger.reviews(plan, effective_by=day), inspections, agency, owed)
    if reading == "one_pass":
        return assess_from(registry, day, _one_pass(registry, ledger, day, agency)[0],
                           inspections, agency, owed)
    keys = [d.key for d in owed if d.kind != "inspection"]
    found = dict(zip(keys, ledger.receipts_of(plan, keys, day), strict=True))
    return assess_from(registry, day, lambda d, _: found[d.key], inspections, agency, owed)


def status_sheet(registry: Registry, ledger: Ledger, day: date,
                 agency: str | None = None) -> Sheet:
    """What `status` shows people on `day`: as `status`, but where the ledger is read in
    one pass, the monthly reports' states only, from the earliest receipt of each; the
    deliverables with a receipt voided or returned by then are probed one by one."""
    plan = registry.plan.id
    if _reading(ledger, owed_count(registry, agency)) != "one_pass":
        return Sheet.of(registry, status(registry, ledger, day, agency))
    returned = returned_submissions(ledger.reviews(plan, effective_by=day, agency=agency), day)
    void_ids = [v.submission for v in ledger.voids(plan, effective_by=day)]
    exceptions = {s.key for s in ledger.submissions_with_ids(plan, [*returned, *void_ids])
                  if agency is None or s.agency == agency}
    return sheet_from(registry, day, ledger.monthly_firsts(plan, day, agency=agency),
                      ledger.other_firsts(plan, day, agency=agency),
                      lambda d, when: ledger.receipts(plan, d.key, when), exceptions,
                      ledger.inspections(plan, agency=agency, inspected_by=day), agency)


def _one_pass(registry: Registry, ledger: Ledger, day: date, agency: str | None = None,
              periods: list[str] | None = None
              ) -> tuple[ReceiptSource, dict[DeliverableKey, int]]:
    """Each deliverable's receipts as `judge` needs them, from the earliest and newest of
    every deliverable read in one pass, and the reviews (read by their own table): the
    earliest is the one timeliness counts unless it was returned, and then (rarely) that
    deliverable alone is probed for the earliest not returned. With the ids of the newest
    receipts, the ones lint checks. With `periods`, only the deliverables of those periods
    are read (and may be asked for)."""
    plan = registry.plan.id
    ends = ledger.receipt_ends(plan, day, agency=agency, periods=periods)
    returned = returned_submissions(ledger.reviews(plan, effective_by=day, agency=agency), day)
    none: Receipts = ([], set())

    def receipts(d: Deliverable, when: date) -> Receipts:
        found = ends.get(d.key)
        if found is None:
            return none
        first, newest = found
        if newest[1] in returned or first[1] not in returned:
            return [first, newest] if first != newest else [first], returned
        return ledger.receipts(plan, d.key, when)

    return receipts, {key: newest for key, (_, (_, newest)) in ends.items()}


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


def clock_events(ledger: Ledger, application: int | None = None) -> list[Event]:
    """What the clock of one application (or of every one) counts: its events and those
    its fees make (a fee notice stops the clock until the payment)."""
    from qth_disclosure.core.fees import with_fees

    return with_fees(ledger.events(application), ledger.fees(application))


def applications(registry: Registry, ledger: Ledger, day: date,
                 agency: str | None = None) -> list[ApplicationStatus]:
    """Every application (of one unit, or all) with its clock and state on `day`."""
    found = ledger.applications(registry.plan.id, agency=agency)
    if not found:  # no clock to count: status on a plan without applications loads none
        return []
    from qth_disclosure.core.applications import assess_all

    return assess_all(registry, found, clock_events(ledger), day)


def daily_report(registry: Registry, ledger: Ledger, day: date, within: int) -> Report:
    """The daily report on `day`. A small ledger's rows known then are read once; a large
    one's report reads what it shows: each deliverable's state and newest receipt by
    indexed probes, what arrived by the day index, and the returned records' reviews."""
    from qth_disclosure.core.daily_report import (
        build_report,
        previous_working_day,
        report_from,
    )

    plan = registry.plan.id
    known = applications(registry, ledger, day)
    owed = deliverables(registry)
    items = plan_items(registry, ledger)
    clearances = ledger.clearances(plan, cleared_by=day)
    reading = _reading(ledger, owed)
    if reading == "scan":
        return build_report(registry, day, submissions(registry, ledger, day),
                            ledger.reviews(plan, effective_by=day),
                            ledger.inspections(plan, inspected_by=day), within, known,
                            items=items, clearances=clearances)
    if reading == "one_pass":
        source, newest = _one_pass(registry, ledger, day)
        found = assess_from(registry, day, source,
                            ledger.inspections(plan, inspected_by=day), owed=owed)
        # the receipts' ends (a province's 200,000 deliverables) are let go before the
        # newest receipts are read, not held beside them until the report is made
        wanted = list(newest.values())
        del source, newest
        linted = ledger.submissions_with_ids(plan, wanted)
        del wanted
    else:
        found = status(registry, ledger, day)
        linted = lint_rows(registry, ledger, day, owed)
    returned = [d.record for d in found.deliverables
                if d.state == "returned" and d.record is not None]
    # arrivals since the previous working day (on a Monday: since Friday)
    since = previous_working_day(registry, day)
    return report_from(registry, found, linted,
                       submissions(registry, ledger, day, received_from=since),
                       ledger.reviews_in_force(returned, day), within, known,
                       items=items, clearances=clearances)


def lint_rows(registry: Registry, ledger: Ledger, day: date,
              owed: list[Deliverable] | None = None) -> list[Submission]:
    """The submissions lint needs on `day`: every row known then, from a small ledger;
    from a large one, the newest receipt of each deliverable: by one ordered pass, or by
    probes of each deliverable the plan owes where each has many revisions (a deliverable
    no longer in the registry is then not linted: see benchmarks/README)."""
    plan = registry.plan.id
    # how many are owed is what chooses the reading; the list itself only the probes need
    reading = _reading(ledger, owed_count(registry) if owed is None else owed)
    if reading == "scan":
        return submissions(registry, ledger, day)
    if reading == "one_pass":
        return ledger.submissions_with_ids(
            plan, [newest for _, (_, newest) in ledger.receipt_ends(plan, day).values()])
    owed = deliverables(registry) if owed is None else owed
    return ledger.newest(plan, [d.key for d in owed if d.kind != "inspection"], day)


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

    rows = (submissions(registry, ledger, day, agency) if agency is not None
            else lint_rows(registry, ledger, day))
    return lint(registry, rows, day, month, plan_items(registry, ledger, agency))


def incomplete_plans(registry: Registry, ledger: Ledger, day: date,
                     agency: str | None = None) -> list[Finding]:
    """The plans in force on `day` whose items lack an element or a led task (五(二))."""
    from qth_disclosure.core.lint import incomplete_plans as incomplete

    if not ledger.plan_items(registry.plan.id, agency=agency):
        return []  # no plan was given as items: nothing to check, and no lint to load
    return incomplete(f for f in findings(registry, ledger, day, agency=agency)
                      if f.submission.kind == "plan")


def bulletin(registry: Registry, ledger: Ledger, scope: Scope, day: date) -> Document:
    """The bulletin on `scope` as the ledger knew it on `day`, numbered as the next of its
    series in `day`'s year."""
    from qth_disclosure.core import bulletin as composing

    rules = registry.documents
    number = 1 if rules is None else ledger.next_document_number(
        registry.plan.id, composing.series(rules), day.year)
    if scope.kind == "inspection":
        return inspection_bulletin(registry, ledger, scope, day, number)
    status, returned, found = bulletin_facts(registry, ledger, scope, day)
    return composing.compose(registry, status, scope, number, returned, found)


def bulletin_facts(registry: Registry, ledger: Ledger, scope: Scope, day: date
                   ) -> tuple[Status, list[Returned], list[Finding]]:
    """What a bulletin on `scope` states, as the daily report would give it for the
    scope's deliverables of the units it names (never the office, which reports K1 to
    itself: registry.counted_units), but read and judged for those only: their states,
    the returned ones' reviews in force, and lint's findings on their newest receipts (the
    receipts each is compared with are read too, never checked)."""
    from qth_disclosure.core.daily_report import Returned
    from qth_disclosure.core.lint import compared_with, lint

    plan = registry.plan.id
    counted = registry.counted_units
    every = deliverables(registry)
    owed = [d for d in every if scope.covers(d.kind, d.period) and d.agency in counted]
    keys = {d.key for d in owed}
    wanted = list(dict.fromkeys([*keys, *filter(None, (compared_with(registry, key)
                                                       for key in keys))]))
    inspections = ledger.inspections(plan, inspected_by=day)
    reading = _reading(ledger, every)
    in_force: Callable[[list[int]], dict[int, Review]]
    if reading == "scan":
        rows = submissions(registry, ledger, day)
        reviews = ledger.reviews(plan, effective_by=day)
        status = assess(registry, day, rows, reviews, inspections, owed=owed)
        linted = rows
        in_force = lambda _: latest_reviews(reviews, day)  # noqa: E731
    else:
        if reading == "one_pass":
            # a monthly bulletin's months and those before, not the whole year's
            periods = (None if scope.kind != "monthly" else
                       list(dict.fromkeys(str(key[3]) for key in wanted)))
            source, newest = _one_pass(registry, ledger, day, periods=periods)
            status = assess_from(registry, day, source, inspections, owed=owed)
            linted = ledger.submissions_with_ids(
                plan, [newest[key] for key in wanted if key in newest])
        else:
            probed = [d.key for d in owed if d.kind != "inspection"]
            found = dict(zip(probed, ledger.receipts_of(plan, probed, day), strict=True))
            status = assess_from(registry, day, lambda d, _: found[d.key], inspections,
                                 owed=owed)
            linted = ledger.newest(plan, [key for key in wanted if key[0] != "inspection"],
                                   day)
        in_force = lambda records: ledger.reviews_in_force(records, day)  # noqa: E731
    records = [d.record for d in status.deliverables
               if d.state == "returned" and d.record is not None]
    reviews_of = in_force(records)
    returned = [Returned(d, reviews_of[d.record]) for d in status.deliverables
                if d.state == "returned" and d.record is not None]
    return status, returned, lint(registry, linted, day, items=plan_items(registry, ledger),
                                  checked=lambda s: s.key in keys)


def inspection_bulletin(registry: Registry, ledger: Ledger, scope: Scope, day: date,
                        number: int) -> Document:
    """The 验收结果 bulletin on `day`: the inspections' verdicts known then and, where the
    registry scores, the inspected units' ranking among themselves as its second 附件."""
    from qth_disclosure.core.inspection_bulletin import compose_inspection
    from qth_disclosure.core.scoring import ranking_table

    states = status(registry, ledger, day)
    table = None
    if registry.documents is not None and registry.scoring is not None:
        table = ranking_table(registry, ranking(registry, ledger, day, states), day,
                              units=[a.code for a in registry.owing("inspection")])
    return compose_inspection(registry, states.counted(registry.counted_units), scope, number,
                              ledger.inspections(registry.plan.id, inspected_by=day), table)


def publication(registry: Registry, ledger: Ledger, day: date) -> Publication:
    """The 重点领域信息公开专栏, its 报送排行 and the office's overview as the ledger knew them
    on `day`: each deliverable's state (by probes on a large ledger), and of the submissions
    only those the office's review in force accepted, by their ids, with the voids and the
    保密审查 records that may still keep them off the column; the ranking as `rank` reads
    it, where the registry has scoring rules."""
    from qth_disclosure.core import publication as column

    plan = registry.plan.id
    reviews = ledger.reviews(plan, effective_by=day)
    accepted = column.accepted(reviews, day)
    rows = ledger.submissions_with_ids(plan, accepted, received_by=day)
    found = column.published(registry, rows, reviews,
                             ledger.voids_of(accepted, effective_by=day),
                             ledger.clearances_of(accepted, cleared_by=day), day)
    states = status(registry, ledger, day)
    ranked = ranking(registry, ledger, day, states) if registry.scoring is not None else []
    return column.publication(registry, states, found, ranked)


def scores(registry: Registry, ledger: Ledger, day: date,
           agency: str | None = None, states: Status | None = None) -> list[UnitScore]:
    """Each scored unit's 考核 score as the ledger knew it on `day` (or one unit's), every
    point traced to its rows: the deliverables' states as `status` reads them (indexed
    probes on a large ledger), and the review verdicts in force only when a rule prices
    or vetoes one (read by the reviews' index). `states`, where the caller has read them
    already, is that status (of the same unit, or all)."""
    from qth_disclosure.core.scoring import Reviewed, rules_of, score_units, scored_units

    rules = rules_of(registry)
    scored_units(registry, agency)  # the office named: refused before anything is read
    found = states if states is not None else status(registry, ledger, day, agency)
    reviewed = []
    if rules.scores_kind("review"):
        reviewed = [Reviewed(r.id, r.verdict, r.reviewed_on, r.submission, key)
                    for r, key in ledger.reviews_of_receipts(registry.plan.id, day,
                                                             agency=agency)]
    return score_units(registry, found, reviewed, agency=agency, rules=rules)


def ranking(registry: Registry, ledger: Ledger, day: date,
            states: Status | None = None) -> list[Ranked]:
    """报送排行 on `day`: every scored unit, best first (ties share a rank)."""
    from qth_disclosure.core.scoring import rank

    return rank(scores(registry, ledger, day, states=states))


def statistics(registry: Registry, ledger: Ledger, template: Template, year: int,
               agency: str | None = None
               ) -> tuple[Statistics, dict[str, Decimal] | None]:
    """The year's form for a unit or the whole city, as `stats` prints it and the annual
    report fills it: every table counted from the applications, their events and fees, and
    the figures recorded with `proactive`; beside it the 2021 form's table 二 (those
    figures), None for a form without it (a template without `proactive`)."""
    from qth_disclosure.core.fees import taken_in_year, with_fees
    from qth_disclosure.core.proactive import in_force
    from qth_disclosure.core.stats import compute

    applications, fees = ledger.applications(registry.plan.id), ledger.fees()
    recorded = in_force(ledger.proactive_figures(registry.plan.id, year), agency)
    # counts as whole numbers; 万元 exact
    figures: dict[str, int | Decimal] = {
        **{k: v if k == "fees" else int(v) for k, v in recorded.items()},
        "application_fees": taken_in_year(fees, applications, year, agency)}
    result = compute(registry, template, applications, with_fees(ledger.events(), fees), year,
                     agency, figures)
    # the 2021 form's table 二 (the template's `proactive`) comes before its table 三
    return result, recorded if template.proactive is not None else None

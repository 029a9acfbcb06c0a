"""Pure functions: registry x ledger rows x as-of day -> deliverables, their states, phases.

Nothing here reads the clock or the ledger: callers pass the rows known on the as-of day,
so status as of a past day shows exactly what was known on that day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import NamedTuple

from qth_disclosure.ledger import DeliverableKey, Inspection, Review, Submission, Void
from qth_disclosure.registry import ALL_KINDS, Phase, Registry

STATES = ("on_time", "late", "missing", "pending", "returned")
# an inspection's state is its latest verdict (合格, 限期整改, 不合格), with its own date;
# before any, pending or missing (未验收: the office's own lapse, not the unit's)
VERDICT_STATES = ("pass", "rectify", "fail")
ALL_STATES = (*STATES, *VERDICT_STATES)


# NamedTuples, not dataclasses: a province-sized plan has tens of thousands of these,
# and a tuple is several times cheaper to make than a frozen dataclass.
class Deliverable(NamedTuple):
    kind: str  # plan | monthly | summary | inspection | annual_report
    agency: str
    task: str | None
    period: str | None
    due: date

    @property
    def key(self) -> DeliverableKey:
        return (self.kind, self.agency, self.task, self.period)


class Assessed(NamedTuple):
    deliverable: Deliverable
    state: str
    # the ledger row that decides the state: a submission id, or an inspection id for
    # kind `inspection`; None while nothing has been received
    record: int | None
    received_on: date | None  # for an inspection: the day of its latest verdict
    verdict: str | None = None  # the latest inspection verdict

    @property
    def office_lapse(self) -> bool:
        """An inspection the office has not done by its day: the office's own 未验收."""
        return self.deliverable.kind == "inspection" and self.state == "missing"


class PhaseState(NamedTuple):
    phase: Phase
    state: str
    days_left: int | None  # whole days after the as-of day until the phase's last day


class Status(NamedTuple):
    plan: str
    as_of: date
    phases: tuple[PhaseState, ...]
    deliverables: tuple[Assessed, ...]

    @property
    def totals(self) -> dict[str, int]:
        """How many deliverables are in each state; the verdicts' states only once an
        inspection has one."""
        counts = dict.fromkeys(STATES, 0)
        for d in self.deliverables:
            counts[d.state] = counts.get(d.state, 0) + 1
        return {s: counts[s] for s in ALL_STATES if s in counts}

    def counted(self, units: frozenset[str]) -> Status:
        """The status of `units`' deliverables only (a bulletin's: the office's left out)."""
        return self._replace(deliverables=tuple(
            d for d in self.deliverables if d.deliverable.agency in units))

    @property
    def next_deadline(self) -> tuple[date, list[Assessed]] | None:
        """The earliest due day among deliverables still pending, with what falls due then."""
        pending = [d for d in self.deliverables if d.state == "pending"]
        if not pending:
            return None
        first = min(d.deliverable.due for d in pending)
        return first, [d for d in pending if d.deliverable.due == first]


class Grid(NamedTuple):
    """The monthly reports' states: a row per (unit, task) in the plan's order, a column
    per month. A province owes 300,000 of them: one list of state names ("" where a row
    owes no report that month), not an Assessed each."""

    months: tuple[str, ...]
    dues: tuple[date, ...]
    rows: tuple[tuple[str, str], ...]  # (agency, task)
    states: list[str]  # row after row, a state per month

    def counts(self) -> dict[str, int]:
        """How many reports are in each state (in no particular order)."""
        counts: dict[str, int] = {}
        for state in set(self.states):
            counts[state] = self.states.count(state)
        counts.pop("", None)
        return counts


class Sheet(NamedTuple):
    """What `status` shows people: the deliverables that are not monthly reports assessed
    (`others`), the monthly reports' states (`grid`), and the whole Status where it was
    read (a list of problems names each deliverable)."""

    others: Status
    grid: Grid
    whole: Status | None = None

    @classmethod
    def of(cls, registry: Registry, status: Status) -> Sheet:
        """The sheet of a status read whole."""
        by_row: dict[tuple[str, str], dict[str, str]] = {}
        others = []
        for d in status.deliverables:
            item = d.deliverable
            if item.kind == "monthly":
                by_row.setdefault((item.agency, item.task or ""), {})[item.period or ""] = \
                    d.state
            else:
                others.append(d)
        months = tuple(registry.monthly.months)
        dues = tuple(registry.period_dues[m] for m in months)
        states = [row.get(m, "") for row in by_row.values() for m in months]
        return cls(status._replace(deliverables=tuple(others)),
                   Grid(months, dues, tuple(by_row), states), status)

    @property
    def totals(self) -> dict[str, int]:
        """As `Status.totals`, of every deliverable."""
        counts = dict.fromkeys(STATES, 0)
        for state, n in self.grid.counts().items():
            counts[state] = counts.get(state, 0) + n
        for d in self.others.deliverables:
            counts[d.state] = counts.get(d.state, 0) + 1
        return {s: counts[s] for s in ALL_STATES if s in counts}

    @property
    def next_deadline(self) -> tuple[date, dict[str, int], Deliverable | None] | None:
        """As `Status.next_deadline`: the earliest due day among deliverables still
        pending, how many of each kind fall due then (in the plan's order of kinds), and
        the one deliverable when there is one only."""
        grid = self.grid
        pending = [d for d in self.others.deliverables if d.state == "pending"]
        width = len(grid.months)
        columns = {j for j in range(width) if "pending" in grid.states[j::width]} \
            if width else set()
        dues = [d.deliverable.due for d in pending] + [grid.dues[j] for j in columns]
        if not dues:
            return None
        first = min(dues)
        counts = dict.fromkeys(ALL_KINDS, 0)
        only = [d.deliverable for d in pending if d.deliverable.due == first]
        for item in only:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        for j in columns:
            if grid.dues[j] == first:
                cells = grid.states[j::width]
                n = cells.count("pending")
                counts["monthly"] += n
                if n == 1:
                    agency, task = grid.rows[cells.index("pending")]
                    only.append(Deliverable("monthly", agency, task, grid.months[j], first))
        counts = {k: n for k, n in counts.items() if n}
        return first, counts, only[0] if sum(counts.values()) == 1 else None


def sheet_from(
    registry: Registry,
    as_of: date,
    monthly_firsts: Iterable[tuple[str, str, str, str]],
    other_firsts: Iterable[tuple[DeliverableKey, tuple[date, int]]],
    probed: ReceiptSource,
    exceptions: set[DeliverableKey],
    inspections: Iterable[Inspection] = (),
    agency: str | None = None,
) -> Sheet:
    """The sheet from the earliest receipt of every deliverable, as known on `as_of`: of
    each monthly report (agency, task, period, and the day as ISO text; cheapest in that
    order), of the others
    (key, (received_on, id)). A deliverable none of whose receipts was voided or returned
    is on time or late by its earliest receipt, as `judge` says. The `exceptions`, the
    deliverables with a receipt voided or returned by then, ask `probed` for their
    receipts and are judged in full."""
    months = tuple(registry.monthly.months)
    dues = tuple(registry.period_dues[m] for m in months)
    width = len(months)
    rows = tuple(dict.fromkeys((lead, task.id) for task in registry.monthly_tasks
                               for lead in task.lead if agency is None or lead == agency))
    start = {row: i * width for i, row in enumerate(rows)}
    column = {m: j for j, m in enumerate(months)}
    # a day's ISO text orders as the day does: received by the due day is on time
    due_text = [due.isoformat() for due in dues]
    states = ["missing" if as_of > due else "pending" for due in dues] * len(rows)
    # an exception's cell is judged in full below, over what this writes; a grid row's
    # reports come one after another, so its place is looked up once for them
    row: tuple[str | None, str | None] = (None, None)
    place: int | None = None
    for unit, task_id, month, day in monthly_firsts:
        if unit != row[0] or task_id != row[1]:
            row, place = (unit, task_id), start.get((unit, task_id))
        j = column.get(month)
        if place is not None and j is not None:
            states[place + j] = "on_time" if day <= due_text[j] else "late"
    earliest = {key: [end] for key, end in other_firsts if key not in exceptions}
    for key in exceptions:
        kind, code, task, period = key
        base, j = start.get((code, task or "")), column.get(period or "")
        if kind == "monthly" and base is not None and j is not None:
            d = Deliverable(kind, code, task, period, dues[j])
            states[base + j] = judge(d.due, as_of, *probed(d, as_of))[0]
    none: Receipts = ([], set())

    def receipts(d: Deliverable, when: date) -> Receipts:
        if d.key in exceptions:
            return probed(d, when)
        found = earliest.get(d.key)
        return none if found is None else (found, set())

    others = assess_from(registry, as_of, receipts, inspections, agency,
                         deliverables(registry, agency, monthly=False))
    return Sheet(others, Grid(months, dues, rows, states))


def phase_states(registry: Registry, as_of: date) -> tuple[PhaseState, ...]:
    """Each phase upcoming before its first day, active through its last, done after."""
    out = []
    for phase in registry.phases:
        if as_of < phase.start:
            out.append(PhaseState(phase, "upcoming", None))
        elif as_of <= phase.end:
            out.append(PhaseState(phase, "active", (phase.end - as_of).days))
        else:
            out.append(PhaseState(phase, "done", None))
    return tuple(out)


def owed_count(registry: Registry, agency: str | None = None) -> int:
    """len(deliverables(registry, agency)), without making 300,000 of them for a province:
    the monthly reports counted, the rest made."""
    return len(deliverables(registry, agency, monthly=False)) + len(registry.period_dues) * sum(
        1 for task in registry.monthly_tasks for lead in task.lead
        if agency is None or lead == agency)


def deliverables(registry: Registry, agency: str | None = None, *,
                 monthly: bool = True) -> list[Deliverable]:
    """Everything owed under the plan, in phase order, optionally for one unit (without
    the monthly reports, unless `monthly`)."""
    def wanted(code: str) -> bool:
        return agency is None or code == agency

    out: list[Deliverable] = []

    def phase_deliverables(kind: str) -> list[Deliverable]:
        due = registry.phase_due(kind)
        return [Deliverable(kind, a.code, None, None, due) for a in registry.owing(kind)
                if wanted(a.code)]

    out += phase_deliverables("plan")
    dues = list(registry.period_dues.items())
    for task in registry.monthly_tasks if monthly else ():
        for lead in task.lead:
            if wanted(lead):
                out += [Deliverable("monthly", lead, task.id, month, due) for month, due in dues]
    out += phase_deliverables("summary")
    out += phase_deliverables("inspection")
    # 年度报告: every unit's, the office's too, due as the law says
    annual_due = registry.annual_report_due
    if annual_due is not None:
        year = str(registry.annual_report_year)
        out += [Deliverable("annual_report", a.code, None, year, annual_due)
                for a in registry.agencies if wanted(a.code)]
    return out


# What a deliverable's receipts come to as known on a day: receipts sorted by
# (received_on, id), at least the earliest not returned and the newest, and which of the
# given ones are returned. `judge` needs no more than that.
Receipts = tuple[list[tuple[date, int]], set[int]]
ReceiptSource = Callable[[Deliverable, date], Receipts]


def assess(
    registry: Registry,
    as_of: date,
    submissions: Iterable[Submission],
    reviews: Iterable[Review] = (),
    inspections: Iterable[Inspection] = (),
    agency: str | None = None,
    owed: Sequence[Deliverable] | None = None,
) -> Status:
    """The state of every deliverable as known on `as_of`, from rows in memory.

    Rows received (or reviews dated) after `as_of` are ignored here as well, so callers may
    pass more than they filtered.
    """
    received: dict[DeliverableKey, list[tuple[date, int]]] = defaultdict(list)
    for s in submissions:
        if s.received_on <= as_of:
            received[s.key].append((s.received_on, s.id))
    returned = returned_submissions(reviews, as_of)

    def from_memory(d: Deliverable, _: date) -> Receipts:
        return sorted(received.get(d.key, [])), returned

    return assess_from(registry, as_of, from_memory, inspections, agency, owed)


def assess_from(
    registry: Registry,
    as_of: date,
    receipts: ReceiptSource,
    inspections: Iterable[Inspection] = (),
    agency: str | None = None,
    owed: Sequence[Deliverable] | None = None,
) -> Status:
    """The state of every deliverable, asking `receipts` for each one.

    The ledger answers with a few indexed probes per deliverable, so the cost of a status
    depends on the plan's size, not on how many revisions the ledger holds.
    """
    verdicts: dict[DeliverableKey, list[tuple[date, int, str]]] = defaultdict(list)
    for i in inspections:
        if i.inspected_on <= as_of:
            verdicts[("inspection", i.agency, None, None)].append((i.inspected_on, i.id, i.verdict))
    assessed = []
    for d in owed if owed is not None else deliverables(registry, agency):
        if d.kind == "inspection":
            assessed.append(inspected(d, as_of, verdicts.get(d.key, [])))
        else:
            state, record, when = judge(d.due, as_of, *receipts(d, as_of))
            assessed.append(Assessed(d, state, record, when))
    return Status(registry.plan.id, as_of, phase_states(registry, as_of), tuple(assessed))


def inspected(d: Deliverable, as_of: date, verdicts: Sequence[tuple[date, int, str]]
              ) -> Assessed:
    """An inspection's state: its latest verdict by `as_of` (by day, then as recorded),
    with that verdict's own day; before any, pending until its due day, then missing."""
    known = sorted(v for v in verdicts if v[0] <= as_of)
    if not known:
        return Assessed(d, "missing" if as_of > d.due else "pending", None, None)
    day, row_id, verdict = known[-1]
    return Assessed(d, verdict, row_id, day, verdict)


def voided(voids: Iterable[Void], as_of: date) -> set[int]:
    """The submissions voided by `as_of`: from its void's day on, one counts nowhere."""
    return {v.submission for v in voids if v.voided_on <= as_of}


def live(submissions: Iterable[Submission], voids: Iterable[Void], as_of: date
         ) -> list[Submission]:
    """The submissions that count on `as_of`: every one not voided by then."""
    gone = voided(voids, as_of)
    return [s for s in submissions if s.id not in gone]


def latest_reviews(reviews: Iterable[Review], as_of: date) -> dict[int, Review]:
    """Each submission's review in force on `as_of`: the latest effective by then (by its
    day, then as recorded). A review dated after `as_of` was not yet known."""
    latest: dict[int, Review] = {}
    for r in reviews:
        if r.reviewed_on > as_of:
            continue
        seen = latest.get(r.submission)
        if seen is None or (r.reviewed_on, r.id) > (seen.reviewed_on, seen.id):
            latest[r.submission] = r
    return latest


def returned_submissions(reviews: Iterable[Review], as_of: date) -> set[int]:
    """Submissions whose review in force on `as_of` returned them."""
    return {sid for sid, r in latest_reviews(reviews, as_of).items() if r.verdict == "return"}


def judge(
    due: date, as_of: date, rows: Sequence[tuple[date, int]], returned: set[int]
) -> tuple[str, int | None, date | None]:
    """State of one deliverable from its receipts, sorted by (received_on, id).

    Returned while the newest receipt is returned; otherwise timeliness comes from the
    earliest receipt that was not returned.
    """
    if not rows:
        return ("missing" if as_of > due else "pending"), None, None
    newest_day, newest_id = rows[-1]
    if newest_id in returned:
        return "returned", newest_id, newest_day
    day, row_id = next(r for r in rows if r[1] not in returned)
    return ("on_time" if day <= due else "late"), row_id, day

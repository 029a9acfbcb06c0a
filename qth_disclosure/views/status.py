"""The status view: phases on a timeline, the monthly grid, phase deliverables, totals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from qth_disclosure.core.compliance import STATES, Assessed, PhaseState, Sheet, Status
from qth_disclosure.output.jsonstream import Streamed
from qth_disclosure.output.render import Block, Cell, CellValue, Heading, Line, Table
from qth_disclosure.registry import MONTH_END, Registry
from qth_disclosure.views.labels import Translate, deliverable_label, unit_label

if TYPE_CHECKING:  # the applications' code loads only when there are applications
    from qth_disclosure.core.applications import ApplicationStatus
    from qth_disclosure.core.lint import Finding

STATE_STYLE = {"on_time": "ok", "late": "warn", "missing": "bad", "pending": "muted",
               "returned": "bad", "pass": "ok", "rectify": "warn", "fail": "bad"}
# an inspection not done by its day is the office's own lapse (未验收), not a unit's 未报
NOT_INSPECTED_STYLE = "accent"
TIMELINE_WIDTH = 24
# the days outside a phase: not a space, so that the bar is one word a narrow terminal
# keeps whole rather than wraps
TIMELINE_IDLE = "·"


def status_data(status: Status, registry: Registry, only: str | None = None) -> dict[str, Any]:
    """The JSON contract of `disclose status` (with `--only problems`, the problems only);
    the deliverables' records are made as they are written (a province lists 312,000)."""
    return {
        "plan": status.plan,
        "as_of": status.as_of.isoformat(),
        "phases": [
            {"id": p.phase.id, "name": p.phase.name, "start": p.phase.start.isoformat(),
             "end": p.phase.end.isoformat(), "state": p.state}
            for p in status.phases
        ],
        "deliverables": Streamed(deliverable_data(d) for d in status.deliverables
                                 if only is None or is_problem(d)),
        "totals": status.totals,
    }


def deliverable_data(d: Assessed) -> dict[str, Any]:
    item = d.deliverable
    return {"kind": item.kind, "agency": item.agency, "task": item.task, "period": item.period,
            "due": item.due.isoformat(), "state": d.state, "submission": d.record}


def status_blocks(sheet: Sheet, registry: Registry, t: Translate,
                  agency: str | None = None,
                  applications: Sequence[ApplicationStatus] = (),
                  only: str | None = None, plans: Sequence[Finding] = ()) -> list[Block]:
    """The page for people; with `only` "problems", of a sheet read whole."""
    plan = registry.plan
    status = sheet.others
    blocks: list[Block] = [
        Line.of(Cell(t("status.title", title=plan.title, number=plan.document_number,
                       as_of=status.as_of.isoformat()), "accent"))
    ]
    if agency:
        blocks.append(Line.of(t("status.unit_only", unit=unit_label(t, registry, agency))))
    # at a glance first: what is wrong today, what falls due next, which phase is on
    blocks += _at_a_glance(sheet, registry, t, applications)
    if only == "problems":
        assert sheet.whole is not None  # the problems are listed one by one
        return blocks + _problems(sheet.whole, registry, t, applications)
    blocks += _phases(status.phases, status.as_of, t)
    blocks += _monthly_grid(sheet, registry, t, agency)
    blocks += _phase_deliverables(status, registry, t)
    blocks += _incomplete_plans(plans, registry, t)
    blocks += _totals(sheet, t)
    blocks += applications_summary(applications, registry, t)
    return blocks


FAILED_VERDICTS = ("fail", "rectify")


def is_problem(d: Assessed) -> bool:
    """What `status --only problems` lists: a report missing, late or returned, an
    inspection failed or to be rectified."""
    # an inspection not done is the office's own lapse (未验收), not a unit's 未报
    return (d.state in ("missing", "late", "returned") and not d.office_lapse) or (
        d.deliverable.kind == "inspection" and d.verdict in FAILED_VERDICTS)


def _at_a_glance(sheet: Sheet, registry: Registry, t: Translate,
                 applications: Sequence[ApplicationStatus]) -> list[Block]:
    status = sheet.others
    problems = [d for d in status.deliverables if is_problem(d)]
    # a monthly report missing, late or returned is always a problem: no office lapse
    monthly = sheet.grid.counts()
    counts: list[CellValue] = []
    for state in ("missing", "late", "returned"):
        n = sum(1 for d in problems if d.state == state) + monthly.get(state, 0)
        counts += [Cell(f"{t(f'state.{state}')} {n}", STATE_STYLE[state] if n else "muted"),
                   t("status.glance_sep")]
    failed = sum(1 for d in problems if d.deliverable.kind == "inspection"
                 and d.verdict in FAILED_VERDICTS)
    overdue = sum(1 for a in applications if a.state == "overdue")
    counts += [Cell(t("status.glance_failed", count=failed), "bad" if failed else "muted"),
               t("status.glance_sep"),
               Cell(t("status.glance_overdue_applications", count=overdue),
                    "bad" if overdue else "muted")]
    active = [p for p in status.phases if p.state == "active"]
    phases = t("status.glance_sep").join(
        t("status.glance_phase", name=p.phase.name, end=p.phase.end.isoformat(),
          days=p.days_left if p.days_left is not None else 0) for p in active) \
        or t("status.glance_no_phase")
    return [Heading(t("status.glance")),
            Line((t("status.glance_problems"), *counts)),
            _next_deadline(sheet, registry, t),
            Line.of(t("status.glance_active", phases=phases))]


def _problems(status: Status, registry: Registry, t: Translate,
              applications: Sequence[ApplicationStatus]) -> list[Block]:
    rows = [d for d in status.deliverables if is_problem(d)]
    blocks: list[Block] = [Heading(t("status.problems"))]
    if not rows:
        blocks.append(Line.of(t("status.no_problems")))
    else:
        table = Table([t("col.unit"), t("col.kind"), t("col.due"), t("col.state"),
                       t("col.received")])
        for d in rows:
            item = d.deliverable
            state = _described(d, t) if item.kind == "inspection" else Cell(
                t(f"state.{d.state}"), STATE_STYLE[d.state])
            table.rows.append([registry.agency(item.agency).name,
                               deliverable_label(t, item.kind, item.task, item.period),
                               item.due.isoformat(), state,
                               d.received_on.isoformat() if d.received_on else ""])
        blocks.append(table)
    overdue = [a for a in applications if a.state == "overdue"]
    if overdue:
        blocks += applications_summary(overdue, registry, t)
    return blocks


def applications_summary(applications: Sequence[ApplicationStatus], registry: Registry,
                         t: Translate) -> list[Block]:
    """How many applications are open, and the overdue ones by name (plan section 三)."""
    open_ = [a for a in applications if a.state == "open"]
    overdue = [a for a in applications if a.state == "overdue"]
    blocks: list[Block] = [
        Heading(t("status.applications")),
        Line.of(t("status.applications_counts", open=len(open_)), Cell(
            t("status.applications_overdue", overdue=len(overdue)),
            "bad" if overdue else "muted")),
    ]
    if overdue:
        table = Table([t("col.id"), t("col.unit"), t("col.received"), t("col.due"),
                       t("col.days_overdue"), t("col.subject")],
                      align=["left", "left", "left", "left", "right", "left"])
        for a in overdue:
            assert a.due is not None  # overdue means a due date has passed
            table.rows.append([str(a.application.id),
                               registry.agency(a.application.agency).name,
                               a.application.received_on.isoformat(), a.due.isoformat(),
                               Cell(str((a.as_of - a.due).days), "bad"),
                               a.application.subject])
        blocks.append(table)
    return blocks


def _phases(phases: tuple[PhaseState, ...], as_of: date, t: Translate) -> list[Block]:
    first = min(p.phase.start for p in phases)
    last = max(p.phase.end for p in phases)
    span = max((last - first).days, 1)

    def column(day: date) -> int:
        return round((day - first).days / span * (TIMELINE_WIDTH - 1))

    marker = column(as_of) if first <= as_of <= last else None
    table = Table([t("col.phase"), t("col.from"), t("col.to"), t("col.state"),
                   t("col.timeline_today", day=as_of.isoformat())])
    for p in phases:
        lo, hi = column(p.phase.start), column(p.phase.end)
        bar = "".join(
            "|" if i == marker else ("=" if lo <= i <= hi else TIMELINE_IDLE)
            for i in range(TIMELINE_WIDTH)
        )
        state = t(f"phase.{p.state}")
        if p.state == "active" and p.days_left is not None:
            left = t("status.last_day") if p.days_left == 0 else t("status.days_left",
                                                                     days=p.days_left)
            state = t("status.state_detail", state=state, detail=left)
        elif p.state == "upcoming":
            state = t("status.state_detail", state=state,
                      detail=t("status.starts_in", days=(p.phase.start - as_of).days))
        style = {"active": "accent", "done": "muted", "upcoming": None}[p.state]
        name = t("status.phase_name", name=p.phase.name, name_en=p.phase.name_en)
        table.rows.append([Cell(name, style), p.phase.start.isoformat(), p.phase.end.isoformat(),
                           Cell(state, style), Cell(bar, style)])
    return [Heading(t("status.phases")), table]


def _marks_legend(t: Translate) -> str:
    return "  ".join(f"{t(f'mark.{s}')} {t(f'state.{s}')}" for s in STATES)


def _monthly_grid(sheet: Sheet, registry: Registry, t: Translate,
                  agency: str | None) -> list[Block]:
    grid = sheet.grid
    blocks: list[Block] = [Heading(t("status.monthly", rule=due_rule_words(registry, t)))]
    if not grid.rows:
        blocks.append(Line.of(t("status.no_monthly", unit=unit_label(t, registry, agency or ""))))
        return blocks
    months = list(grid.months)
    mark: dict[str, CellValue] = {"": "", **_marks(t)}
    table = Table([t("col.unit"), t("col.task"), *months],
                  align=["left", "left"] + ["mark"] * len(months))
    marks = list(map(mark.__getitem__, grid.states))
    width = len(months)
    names: dict[str, str] = {}
    for i, (code, task) in enumerate(grid.rows):
        name = names.get(code)
        if name is None:
            name = names[code] = registry.agency(code).name
        table.rows.append([name, task, *marks[i * width:(i + 1) * width]])
    blocks += [table, Line.of(t("status.legend", marks=_marks_legend(t)))]
    return blocks


def due_rule_words(registry: Registry, t: Translate) -> str:
    """The periodic reports' due rule in words, with its roll."""
    rule = registry.monthly
    prefix = "FREQ=MONTHLY;BYMONTHDAY="
    if (rule.due_rule, rule.counted_from) == (MONTH_END, "period_end"):
        when = t("status.rule_month_end")
    elif rule.due_rule.startswith(prefix) and rule.counted_from == "after_period" \
            and rule.due_rule[len(prefix):].isdigit():
        when = t("status.rule_next_month_day", day=rule.due_rule[len(prefix):])
    else:
        when = t("status.rule_other", rule=rule.due_rule)
    if rule.roll == "next_working_day":
        return t("status.rule_rolled", rule=when)
    if rule.roll == "previous_working_day":
        return t("status.rule_rolled_back", rule=when)
    return when


def _marks(t: Translate) -> dict[str, Cell]:
    """One Cell per state, made once: a province's grid has tens of thousands of cells."""
    return {state: Cell(t(f"mark.{state}"), STATE_STYLE[state]) for state in STATES}


def _phase_deliverables(status: Status, registry: Registry, t: Translate) -> list[Block]:
    kinds = ["plan", "summary", "inspection", "annual_report"]
    by_unit: dict[str, dict[str, Assessed]] = {}
    due: dict[str, str] = {}
    for d in status.deliverables:
        if d.deliverable.kind in kinds:
            by_unit.setdefault(d.deliverable.agency, {})[d.deliverable.kind] = d
            due[d.deliverable.kind] = d.deliverable.due.isoformat()
    if not by_unit:
        return []
    kinds = [k for k in kinds if k in due]
    table = Table([t("col.unit")] + [t("col.kind_due", kind=t(f"kind.{k}"), due=due[k])
                                     for k in kinds])
    # a unit the plan does not inspect (a district, the county) owes no inspection: —
    not_owed = Cell(t("mark.not_owed"), "muted")
    # a province's units share a few states and days: each cell is described once
    described: dict[tuple[str, date | None, bool], Cell] = {}

    def describe(d: Assessed) -> Cell:
        seen = (d.state, d.received_on, d.office_lapse)
        found = described.get(seen)
        if found is None:
            found = described[seen] = _described(d, t)
        return found

    for code, row in by_unit.items():
        table.rows.append([registry.agency(code).name]
                          + [describe(row[k]) if k in row else not_owed for k in kinds])
    return [Heading(t("status.phase_deliverables")), table]


def _described(d: Assessed, t: Translate) -> Cell:
    if d.office_lapse:
        return Cell(f"{t('mark.not_inspected')} {t('state.not_inspected')}",
                    NOT_INSPECTED_STYLE)
    text = f"{t(f'mark.{d.state}')} {t(f'state.{d.state}')}"
    if d.received_on:  # for an inspection, its latest verdict's own day
        text += f" {d.received_on.isoformat()}"
    return Cell(text, STATE_STYLE[d.state])


def _incomplete_plans(plans: Sequence[Finding], registry: Registry,
                      t: Translate) -> list[Block]:
    """Plans whose items lack one of the five elements, or a task the unit leads."""
    if not plans:
        return []
    table = Table([t("col.unit"), t("col.id"), t("col.message")])
    for f in plans:
        table.rows.append([registry.agency(f.submission.agency).name, f"#{f.submission.id}",
                           Cell(t(f"lint.{f.rule}", **f.params), "bad")])
    return [Heading(t("status.plans_incomplete", count=len(plans))), table]


def _totals(sheet: Sheet, t: Translate) -> list[Block]:
    totals = sheet.totals
    parts: list[CellValue] = []
    for state in totals:
        if parts:
            parts.append("  ")
        parts.append(Cell(f"{t(f'state.{state}')} {totals[state]}",
                          STATE_STYLE[state] if totals[state] else "muted"))
    return [Heading(t("status.totals")), Line(tuple(parts))]


def _next_deadline(sheet: Sheet, registry: Registry, t: Translate) -> Line:
    upcoming = sheet.next_deadline
    if upcoming is None:
        return Line.of(t("status.nothing_pending"))
    due, counts, one = upcoming
    days = (due - sheet.others.as_of).days
    when = t("status.today") if days == 0 else t("status.in_days", days=days)
    if one is not None:
        what = (f"{registry.agency(one.agency).name} "
                f"{deliverable_label(t, one.kind, one.task, one.period)}")
    else:
        what = t("list_sep").join(f"{t(f'kind.{k}')} × {n}" for k, n in counts.items())
    return Line.of(Cell(t("status.next_deadline", due=due.isoformat(), days=when,
                          count=sum(counts.values()), what=what), "accent"))

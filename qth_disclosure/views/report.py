"""The report, lint and bulletin-list views."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from qth_disclosure.core.bulletin import kind_of
from qth_disclosure.core.compliance import Assessed
from qth_disclosure.core.daily_report import Report
from qth_disclosure.core.lint import Finding
from qth_disclosure.core.rates import percent
from qth_disclosure.ledger import Bulletin
from qth_disclosure.output.render import Block, Cell, CellValue, Heading, Line, Table
from qth_disclosure.registry import Registry
from qth_disclosure.views.labels import Translate, deliverable_label, remembered
from qth_disclosure.views.status import STATE_STYLE, applications_summary

# ---------------------------------------------------------------- report


def report_data(report: Report, registry: Registry, t: Translate) -> dict[str, Any]:
    as_of = report.as_of

    def item(d: Assessed, **extra: Any) -> dict[str, Any]:
        x = d.deliverable
        return {"kind": x.kind, "agency": x.agency, "name": registry.agency(x.agency).name,
                "task": x.task, "period": x.period, "due": x.due.isoformat(), **extra}

    return {
        "plan": report.status.plan,
        "as_of": as_of.isoformat(),
        "within": report.within,
        "active_phases": [{"id": p.phase.id, "name": p.phase.name,
                           "end": p.phase.end.isoformat(), "days_left": p.days_left}
                          for p in report.active_phases],
        "totals": report.status.totals,
        "on_time_rates": [{"month": m, "on_time": n, "owed": owed, "rate": percent(n, owed)}
                          for m, n, owed in report.rates],
        "overdue": [item(d, days_overdue=(as_of - d.deliverable.due).days)
                    for d in report.overdue],
        "due_soon": [item(d, days_left=(d.deliverable.due - as_of).days)
                     for d in report.due_soon],
        "not_inspected": [item(d, days_overdue=(as_of - d.deliverable.due).days)
                          for d in report.not_inspected],
        "new_overdue": [item(d) for d in report.new_overdue],
        "arrived_since": report.arrived_since.isoformat(),
        "arrived": [{"id": s.id, "kind": s.kind, "agency": s.agency,
                     "name": registry.agency(s.agency).name, "task": s.task,
                     "period": s.period, "received_on": s.received_on.isoformat()}
                    for s in report.arrived],
        "returned": [item(r.deliverable, submission=r.review.submission,
                          reviewed_on=r.review.reviewed_on.isoformat(),
                          comment=r.review.comment) for r in report.returned],
        "lint": findings_data(report.findings, registry, t),
        "lint_in_all": report.findings_in_all,
        "applications_open": len(report.applications_open),
        "applications_overdue": [
            {"id": a.application.id, "agency": a.application.agency,
             "name": registry.agency(a.application.agency).name,
             "received_on": a.application.received_on.isoformat(),
             "due": a.due.isoformat() if a.due else None,
             "days_overdue": (as_of - a.due).days if a.due else None,
             "subject": a.application.subject}
            for a in report.applications_overdue],
        "uncleared": [item(d, submission=d.record) for d in report.uncleared],
        "applications_consultation_ended": [
            {"id": a.application.id, "agency": a.application.agency,
             "name": registry.agency(a.application.agency).name,
             "received_on": a.application.received_on.isoformat(),
             "why": lapsed[0].details["why"], "paused_on": lapsed[0].occurred_on.isoformat(),
             "ended_on": lapsed[1].isoformat(), "due": a.due.isoformat() if a.due else None,
             "state": a.state, "subject": a.application.subject}
            for a in report.applications_lapsed
            for lapsed in (a.consultation_lapsed,) if lapsed is not None],
        "applications_due_soon": [
            {"id": a.application.id, "agency": a.application.agency,
             "name": registry.agency(a.application.agency).name,
             "received_on": a.application.received_on.isoformat(),
             "due": a.due.isoformat() if a.due else None,
             "days_left": (a.due - as_of).days if a.due else None,
             "subject": a.application.subject}
            for a in report.applications_due_soon],
    }


def report_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One CSV row per item, the section first, in report order."""
    rows = []
    for section, days_key in (("overdue", "days_overdue"), ("not_inspected", "days_overdue"),
                              ("due_soon", "days_left"), ("arrived", None), ("returned", None),
                              ("uncleared", None), ("lint", None),
                              ("applications_overdue", "days_overdue"),
                              ("applications_due_soon", "days_left"),
                              ("applications_consultation_ended", None)):
        for entry in data[section]:
            rows.append({
                "section": section, "kind": entry.get("kind"), "agency": entry.get("agency"),
                "name": entry.get("name"), "task": entry.get("task"),
                "period": entry.get("period"), "due": entry.get("due"),
                "days": entry.get(days_key) if days_key else None,
                "submission": entry.get("submission", entry.get("id")),
                "note": entry.get("comment") or entry.get("message") or entry.get("subject")
                or entry.get("received_on"),
            })
    return rows


REPORT_CSV_COLUMNS = ["section", "kind", "agency", "name", "task", "period", "due", "days",
                      "submission", "note"]


def report_blocks(report: Report, registry: Registry, t: Translate) -> Iterator[Block]:
    """The report's blocks, each made when the renderer asks for it: a province's report
    holds one of its long tables at a time, not all four (175,000 rows)."""
    t = remembered(t)
    plan = registry.plan
    as_of = report.as_of
    yield Line.of(Cell(t("report.title", title=plan.title, number=plan.document_number,
                         as_of=as_of.isoformat()), "accent"))
    for p in report.active_phases:
        yield Line.of(t("report.active_phase", name=p.phase.name,
                        start=p.phase.start.isoformat(), end=p.phase.end.isoformat(),
                        days=p.days_left))
    if not report.active_phases:
        yield Line.of(t("report.no_active_phase"))
    totals = report.status.totals
    yield Line.of(t("report.totals", items="  ".join(
        f"{t(f'state.{s}')} {n}" for s, n in totals.items())))
    if report.rates:
        yield Line.of(t("report.rates", items="  ".join(
            f"{m} {percent(n, owed)}%" for m, n, owed in report.rates)))

    # the same few labels, dates and day counts recur on 100,000 rows: each is made once
    shown: dict[Any, Any] = {}

    def once(key: Any, make: Callable[[], CellValue]) -> Any:
        value = shown.get(key)
        if value is None:
            value = shown[key] = make()
        return value

    def what(d: Assessed) -> str:
        x = d.deliverable
        return once(("label", x.kind, x.task, x.period),  # type: ignore[no-any-return]
                    lambda: deliverable_label(t, x.kind, x.task, x.period))

    def day(d: date) -> str:
        return once(d, d.isoformat)  # type: ignore[no-any-return]

    def late(d: Assessed, style: str) -> CellValue:
        n = (as_of - d.deliverable.due).days
        return once((n, style), lambda: Cell(str(n), style))  # type: ignore[no-any-return]

    # overdue is grouped by unit: the unit is named on its first line only
    yield Heading(t("report.overdue", count=len(report.overdue)))
    yield _deliverable_table(report.overdue, registry, t, what, day, t("col.days_overdue"),
                             lambda d: late(d, "bad"), group_units=True)
    if report.not_inspected:  # the office's own lapse, apart from the units'
        yield Heading(t("report.not_inspected", count=len(report.not_inspected),
                        office=registry.office.name))
        yield _deliverable_table(report.not_inspected, registry, t, what, day,
                                 t("col.days_overdue"), lambda d: late(d, "accent"))
    yield Heading(t("report.due_soon", days=report.within, count=len(report.due_soon)))
    yield _deliverable_table(report.due_soon, registry, t, what, day, t("col.days_left"),
                             lambda d: str((d.deliverable.due - as_of).days))
    if report.applications_due_soon:
        yield Heading(t("report.applications_due_soon", days=report.within,
                        count=len(report.applications_due_soon)))
        yield _applications_due_soon(report, registry, t)

    yield Heading(t("report.arrived", since=report.arrived_since.isoformat(),
                    count=len(report.arrived)))
    yield _arrived_table(report, registry, t, day) if report.arrived \
        else Line.of(t("report.none"))

    yield Heading(t("report.returned", count=len(report.returned)))
    yield _returned_table(report, registry, t, what) if report.returned \
        else Line.of(t("report.none"))

    if report.uncleared:  # 保密审查 before publication (2008 art. 14)
        yield Heading(t("report.uncleared", count=len(report.uncleared)))
        yield _deliverable_table(report.uncleared, registry, t, what, day, t("col.id"),
                                 lambda d: f"#{d.record}", group_units=True)
    yield Heading(t("report.lint", count=len(report.findings), total=report.findings_in_all))
    yield lint_table(report.findings, registry, t) if report.findings \
        else Line.of(t("report.none"))
    yield from applications_summary(report.applications, registry, t)
    if report.applications_lapsed:  # 2019 arts. 32, 34: the office should know
        yield Heading(t("report.consultations_ended", count=len(report.applications_lapsed)))
        yield _consultations_ended(report, registry, t)


def _applications_due_soon(report: Report, registry: Registry, t: Translate) -> Table:
    soon = Table([t("col.id"), t("col.unit"), t("col.received"), t("col.due"),
                  t("col.days_left"), t("col.subject")],
                 align=["left", "left", "left", "left", "right", "left"])
    for a in report.applications_due_soon:
        assert a.due is not None
        soon.rows.append([str(a.application.id), registry.agency(a.application.agency).name,
                          a.application.received_on.isoformat(), a.due.isoformat(),
                          str((a.due - report.as_of).days), a.application.subject])
    return soon


def _arrived_table(report: Report, registry: Registry, t: Translate,
                   day: Callable[[date], str]) -> Table:
    arrived = Table([t("col.id"), t("col.unit"), t("col.item"), t("col.received"),
                     t("col.state")])
    # the state of what arrived only, not a map of every deliverable's (309,000 a province)
    wanted = {s.id for s in report.arrived}
    states = {d.record: d.state for d in report.status.deliverables if d.record in wanted}
    del wanted
    for s in report.arrived:
        state = states.get(s.id)
        label: CellValue = (Cell(t(f"state.{state}"), STATE_STYLE[state]) if state
                            else t("report.superseded"))
        arrived.rows.append([str(s.id), registry.agency(s.agency).name,
                             deliverable_label(t, s.kind, s.task, s.period),
                             day(s.received_on), label])
    return arrived


def _returned_table(report: Report, registry: Registry, t: Translate,
                    what: Callable[[Assessed], str]) -> Table:
    table = Table([t("col.unit"), t("col.item"), t("col.due"), t("col.id"),
                   t("col.reviewed"), t("col.comment")])
    for r in report.returned:
        table.rows.append([registry.agency(r.deliverable.deliverable.agency).name,
                           what(r.deliverable), r.deliverable.deliverable.due.isoformat(),
                           f"#{r.review.submission}", r.review.reviewed_on.isoformat(),
                           r.review.comment])
    return table


def _consultations_ended(report: Report, registry: Registry, t: Translate) -> Table:
    table = Table([t("col.id"), t("col.unit"), t("col.consultation"), t("col.from"),
                   t("col.consultation_ended_on"), t("col.due"), t("col.subject")])
    for a in report.applications_lapsed:
        lapsed = a.consultation_lapsed
        assert lapsed is not None
        due = (Cell(a.due.isoformat(), "bad" if a.state == "overdue" else None)
               if a.due else t("request.paused_due"))
        table.rows.append([str(a.application.id), registry.agency(a.application.agency).name,
                           t(f"consultation.{lapsed[0].details['why']}"),
                           lapsed[0].occurred_on.isoformat(),
                           Cell(lapsed[1].isoformat(), "warn"), due, a.application.subject])
    return table


def _deliverable_table(
    items: Sequence[Assessed], registry: Registry, t: Translate,
    what: Callable[[Assessed], str], day: Callable[[date], str], days_header: str,
    days: Callable[[Assessed], CellValue], *, group_units: bool = False,
) -> Block:
    if not items:
        return Line.of(t("report.none"))
    table = Table([t("col.unit"), t("col.item"), t("col.due"), days_header],
                  align=["left", "left", "left", "right"])
    previous = None
    for d in items:
        unit = registry.agency(d.deliverable.agency).name
        shown = "" if group_units and unit == previous else unit
        table.rows.append([shown, what(d), day(d.deliverable.due), days(d)])
        previous = unit
    return table


# ---------------------------------------------------------------- lint


def findings_data(findings: Sequence[Finding], registry: Registry,
                  t: Translate) -> list[dict[str, Any]]:
    return [
        {"rule": f.rule, "severity": f.severity, "submission": f.submission.id,
         "kind": f.submission.kind, "agency": f.submission.agency,
         "name": registry.agency(f.submission.agency).name, "task": f.submission.task,
         "period": f.submission.period, "message": t(f"lint.{f.rule}", **f.params)}
        for f in findings
    ]


def lint_table(findings: Sequence[Finding], registry: Registry, t: Translate) -> Table:
    t = remembered(t)
    table = Table([t("col.rule"), t("col.severity"), t("col.id"), t("col.unit"),
                   t("col.item"), t("col.message")])
    for row in findings_data(findings, registry, t):
        what = deliverable_label(t, row["kind"], row["task"], row["period"])
        table.rows.append([row["rule"], Cell(t(f"severity.{row['severity']}"),
                                             "bad" if row["severity"] == "error" else "warn"),
                           f"#{row['submission']}", row["name"], what, row["message"]])
    return table


def lint_blocks(findings: Sequence[Finding], registry: Registry, t: Translate) -> list[Block]:
    if not findings:
        return [Line.of(t("lint.clean"))]
    return [lint_table(findings, registry, t)]


# ---------------------------------------------------------------- bulletins


def bulletins_data(bulletins: Sequence[Bulletin],
                   titles: Mapping[int | None, str] | None = None) -> list[dict[str, Any]]:
    """Bulletins issued; each titled by its document (`titles`, by bulletin id), or, issued
    before documents were kept, by its text's first line."""
    titles = titles or {}
    return [{"id": b.id, "number": b.number, "kind": kind_of(b.month), "month": b.month,
             "as_of": b.as_of.isoformat(),
             "reissue_of": b.reissue_of, "recorded_at": b.recorded_at,
             "recorded_by": b.recorded_by, "title": titles.get(b.id, b.text.splitlines()[0]),
             "chain_length": b.chain_length, "chain_head": b.chain_head}
            for b in bulletins]


def bulletin_data(number: int, month: str, as_of: date, text: str,
                  issued: Bulletin | None) -> dict[str, Any]:
    """One bulletin for machines: its text, and its ledger row unless it was a preview."""
    return {"id": issued.id if issued else None, "number": number, "kind": kind_of(month),
            "month": month,
            "as_of": as_of.isoformat(), "issued": issued is not None,
            "reissue_of": issued.reissue_of if issued else None,
            "title": text.splitlines()[0], "text": text}


def bulletins_blocks(bulletins: Sequence[Bulletin], t: Translate,
                     titles: Mapping[int | None, str] | None = None) -> list[Block]:
    if not bulletins:
        return [Line.of(t("bulletin.none_issued"))]
    table = Table([t("col.number"), t("col.kind"), t("col.period"), t("col.as_of"),
                   t("col.recorded"),
                   t("col.by"), t("col.reissue_of"), t("col.bulletin_title")])
    for row in bulletins_data(bulletins, titles):
        table.rows.append([str(row["number"]), t(f"kind.{row['kind']}"),
                           "" if row["kind"] != "monthly" else row["month"], row["as_of"],
                           row["recorded_at"],
                           row["recorded_by"], f"#{row['reissue_of']}" if row["reissue_of"]
                           else "", row["title"]])
    return [table]

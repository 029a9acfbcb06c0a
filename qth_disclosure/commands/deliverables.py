"""Commands that record and list what units hand in: submit, inspect, review, history."""

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qth_disclosure.commands.common import (
    AgencyFilter,
    FormatOption,
    UsageProblem,
    agency_code,
    complete_agency,
    complete_month,
    complete_task,
    is_row_id,
    note_backdated,
    recorder,
    session,
)
from qth_disclosure.output.render import Format, emit
from qth_disclosure.session import Session
from qth_disclosure.vocab import SubmissionKind

if TYPE_CHECKING:
    from qth_disclosure.ledger import Ledger, NewAttachment, NewPlanItem


class PhaseKind(str, Enum):
    plan = "plan"
    summary = "summary"
    annual_report = "annual_report"


class ClearanceResult(str, Enum):
    passed = "passed"
    withheld = "withheld"


class Verdict(str, Enum):
    pass_ = "pass"
    fail = "fail"
    rectify = "rectify"


By = Annotated[str | None, typer.Option("--by", metavar="NAME")]
Received = Annotated[str | None, typer.Option(
    "--received", metavar="YYYY-MM-DD")]


def submit(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", "-a", autocompletion=complete_agency)],
    summary: Annotated[str | None, typer.Option("--summary", "-s")] = None,
    task: Annotated[str | None, typer.Option("--task", "-t", autocompletion=complete_task)] = None,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              autocompletion=complete_month)] = None,
    kind: Annotated[PhaseKind | None, typer.Option(
        "--kind")] = None,
    items: Annotated[Path | None, typer.Option("--items", metavar="FILE",
                                               dir_okay=False)] = None,
    received: Received = None,
    link: Annotated[list[str] | None, typer.Option(
        "--link", metavar="URL")]
    = None,
    # text, made a Path when read: see export's --out
    attach: Annotated[list[str] | None, typer.Option("--attach", metavar="FILE")] = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record a monthly report (--task, --month), a unit's plan or summary, or its annual
    report (--kind)."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.records import submission_recorded

    s = session(ctx)
    # given at all, not truthy: an empty --task or --month is refused as a bad value below
    monthly = (task is not None, month is not None)
    if kind and any(monthly):
        raise UsageProblem("options_monthly_or_kind")
    if not kind and month is None:
        raise UsageProblem("options_monthly_incomplete" if task is not None
                           else "options_monthly_or_kind")
    if items is not None and kind is not PhaseKind.plan:
        raise UsageProblem("options_items_plan_only")
    today = s.today()
    received_on = s.day(received, "--received")
    plan_items = _plan_items(s, items)
    # every file read whole, and refused in one line, before the ledger is opened
    attached = _attachments(s, attach or [])
    if kind:
        new = intake.phase_deliverable(s.registry, agency=agency, kind=kind.value,
                                       summary=summary, received_on=received_on,
                                       links=link or [], today=today, items=len(plan_items))
    else:
        assert month is not None
        if task is None:  # the one monthly task the unit leads
            task = intake.led_monthly_task(s.registry, agency)
        new = intake.monthly_report(s.registry, agency=agency, task=task,
                                    month=month, summary=summary or "",
                                    received_on=received_on, links=link or [], today=today)
    with s.ledger(for_writing=True) as ledger:
        s.may_write_for(new.agency, ledger)
        row = ledger.add_submission(new, recorder(s, by, ledger), items=plan_items,
                                    attachments=attached,
                                    check=lambda latest: intake.check_revision(new, latest))
        files = ledger.attachments_of([row.id]) if attached else []
        d = queries.deliverable_state(s.registry, ledger, row.key, today)
        note_backdated(s, ledger, received_on, row.kind, row.period)
        if row.kind == "plan":  # the only kind whose errors lint can find at entry
            _warn_findings(s, ledger, row.id, row.agency)
    data, blocks = submission_recorded(row, d, s.registry, s.t, files)
    emit(fmt, data, lambda: blocks, rows=[data])


def _attachments(s: Session, paths: list[str]) -> "list[NewAttachment]":
    if not paths:
        return []
    from qth_disclosure.attachment_files import read_attachments

    return read_attachments([Path(p) for p in paths], s.registry.plan.attachments_max_bytes)


def _plan_items(s: Session, path: Path | None) -> "list[NewPlanItem]":
    if path is None:
        return []
    from qth_disclosure.core import intake
    from qth_disclosure.item_files import read_items

    return intake.plan_items(s.registry, read_items(path), str(path))


def _warn_findings(s: Session, ledger: "Ledger", submission: int, agency: str) -> None:
    """Lint's errors on what was just entered, as warnings: it is recorded all the same."""
    from qth_disclosure import queries

    for f in queries.findings(s.registry, ledger, s.today(), agency=agency):
        if f.submission.id == submission and f.severity == "error":
            typer.echo(s.t("submit.lint_warning", rule=f.rule,
                           message=s.t(f"lint.{f.rule}", **f.params)), err=True)


def inspect(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", "-a", autocompletion=complete_agency)],
    verdict: Annotated[Verdict, typer.Option("--verdict")],
    date: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD")],
    note: Annotated[str | None, typer.Option("--note")] = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the office's acceptance inspection (验收) of a unit."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.records import inspection_recorded

    s = session(ctx)
    new = intake.inspection(s.registry, agency=agency, verdict=verdict.value,
                            inspected_on=s.day(date, "--date"), note=note, today=s.today())
    with s.ledger(for_writing=True) as ledger:
        s.may_decide("inspect", ledger)
        row = ledger.add_inspection(new, recorder(s, by, ledger))
        note_backdated(s, ledger, row.inspected_on, "inspection")
        d = queries.deliverable_state(s.registry, ledger, ("inspection", row.agency, None, None),
                                      s.today())
    data, blocks = inspection_recorded(row, d, s.registry, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


def review(
    ctx: typer.Context,
    submission: Annotated[int, typer.Argument()],
    comment: Annotated[str, typer.Option("--comment", "-c")],
    accept: Annotated[bool, typer.Option("--accept")] = False,
    return_: Annotated[bool, typer.Option("--return")] = False,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="YYYY-MM-DD")]
    = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the office's quality verdict on a submission: accept it or return it."""
    from qth_disclosure.core import intake
    from qth_disclosure.views.records import review_recorded

    s = session(ctx)
    if accept == return_:
        raise UsageProblem("options_accept_or_return")
    reviewed_on = s.day(date, "--date")
    with s.ledger(for_writing=True) as ledger:
        s.may_decide("review", ledger)
        stamp = recorder(s, by, ledger)
        found = ledger.submission(submission) if is_row_id(submission) else None
        new = intake.review(s.registry, found, submission_id=submission,
                            verdict="accept" if accept else "return", comment=comment,
                            reviewed_on=reviewed_on, today=s.today())
        row = ledger.add_review(new, stamp)
        assert found is not None  # intake.review refused an unknown submission
        note_backdated(s, ledger, reviewed_on, found.kind, found.period)
    data, blocks = review_recorded(row, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


def void(
    ctx: typer.Context,
    submission: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option("--reason")],
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD")] = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Void a mistaken entry: from --date on it counts nowhere, and stays in history."""
    from qth_disclosure.core import intake
    from qth_disclosure.views.records import void_recorded

    s = session(ctx)
    voided_on = s.day(date, "--date")
    with s.ledger(for_writing=True) as ledger:
        s.may_decide("void", ledger)
        stamp = recorder(s, by, ledger)
        found = ledger.submission(submission) if is_row_id(submission) else None
        new = intake.void(s.registry, found, submission_id=submission, reason=reason,
                          voided_on=voided_on, today=s.today())
        row = ledger.add_void(new, stamp)
        assert found is not None
        note_backdated(s, ledger, voided_on, found.kind, found.period)
    data, blocks = void_recorded(row, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


def clear(
    ctx: typer.Context,
    submission: Annotated[int, typer.Argument()],
    result: Annotated[ClearanceResult, typer.Option("--result")],
    comment: Annotated[str | None, typer.Option("--comment", "-c")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD")] = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the office's confidentiality review (保密审查) of a submission."""
    from qth_disclosure.core import intake
    from qth_disclosure.views.records import clearance_recorded

    s = session(ctx)
    cleared_on = s.day(date, "--date")
    with s.ledger(for_writing=True) as ledger:
        s.may_decide("clear", ledger)
        stamp = recorder(s, by, ledger)
        found = ledger.submission(submission) if is_row_id(submission) else None
        voided = [v.voided_on for v in ledger.voids(s.registry.plan.id)
                  if found is not None and v.submission == found.id]
        new = intake.clearance(s.registry, found, submission_id=submission,
                               result=result.value, comment=comment, cleared_on=cleared_on,
                               today=s.today(), voided_on=voided[0] if voided else None)
        row = ledger.add_clearance(new, stamp)
    data, blocks = clearance_recorded(row, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


def history(
    ctx: typer.Context,
    agency: AgencyFilter = None,
    task: Annotated[str | None, typer.Option("--task", "-t", autocompletion=complete_task)] = None,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              autocompletion=complete_month)] = None,
    kind: Annotated[SubmissionKind | None, typer.Option("--kind")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List every submission, revisions included, oldest first."""
    from qth_disclosure.calendar import parse_month
    from qth_disclosure.core import intake
    from qth_disclosure.ledger import Attachment
    from qth_disclosure.views.listings import history_blocks, history_data, history_rows

    s = session(ctx)
    code = agency_code(s, agency)
    task_id = None if task is None else s.registry.task(task).id
    period = None if month is None else parse_month(month, "--month")
    # as known on a day: what had been received by then, and the reviews in effect
    day = None if as_of is None else intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    with s.ledger() as ledger:
        rows = ledger.submissions(s.registry.plan.id, agency=code, task=task_id, period=period,
                                  received_by=day, kind=kind)
        reviews = ledger.reviews(s.registry.plan.id, agency=code, effective_by=day)
        # the voids of the rows shown, by their submission's index
        voids = {v.submission: v for v in ledger.voids_of([r.id for r in rows],
                                                           effective_by=day)}
        attachments: dict[int, list[Attachment]] = {}
        for a in ledger.attachments_of([r.id for r in rows]):
            attachments.setdefault(a.submission, []).append(a)
    data = history_data(rows, voids, attachments)
    emit(fmt, data, lambda: history_blocks(rows, reviews, s.registry, s.t, voids, attachments),
         rows=lambda: history_rows(data))


def register(app: typer.Typer) -> None:
    app.command()(submit)
    app.command()(inspect)
    app.command()(review)
    app.command()(void)
    app.command()(clear)
    app.command()(history)

"""Commands that record and list what units hand in: submit, inspect, review, history."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from qth_disclosure.commands.common import (
    AgencyFilter,
    Format,
    FormatOption,
    UsageProblem,
    emit,
    ledger_status,
    session,
)
from qth_disclosure.output.render import Line
from qth_disclosure.session import Session

if TYPE_CHECKING:  # the core loads when a command runs, not when `--help` does
    from qth_disclosure.core.compliance import Assessed
    from qth_disclosure.ledger import Ledger


class PhaseKind(str, Enum):
    plan = "plan"
    summary = "summary"


class Verdict(str, Enum):
    pass_ = "pass"
    fail = "fail"
    rectify = "rectify"


By = Annotated[str | None, typer.Option("--by", metavar="NAME",
                                        help="Who records this [default: your login name]")]
Received = Annotated[str | None, typer.Option(
    "--received", metavar="YYYY-MM-DD", help="Day the office received it [default: today]")]


def submit(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", "-a", help="The reporting unit: code or "
                                        "name as the plan writes it")],
    summary: Annotated[str, typer.Option("--summary", "-s",
                                         help="What was done and published")],
    task: Annotated[str | None, typer.Option("--task", "-t", help="Task id of a monthly "
                                             "report, e.g. K2-1")] = None,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              help="The month reported on")] = None,
    kind: Annotated[PhaseKind | None, typer.Option(
        "--kind", help="A phase deliverable instead of a monthly report")] = None,
    received: Received = None,
    link: Annotated[list[str] | None, typer.Option(
        "--link", metavar="URL", help="Where the information was published (repeatable)")]
    = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record a monthly report (--task, --month) or a unit's plan or summary (--kind)."""
    from qth_disclosure.core import intake

    s = session(ctx)
    if kind and (task or month):
        raise UsageProblem("options_monthly_or_kind")
    if not kind and not (task and month):
        raise UsageProblem("options_monthly_incomplete" if (task or month)
                           else "options_monthly_or_kind")
    today = s.today()
    received_on = s.day(received, "--received")
    if kind:
        new = intake.phase_deliverable(s.registry, agency=agency, kind=kind.value,
                                       summary=summary, received_on=received_on,
                                       links=link or [], today=today)
    else:
        assert task and month
        new = intake.monthly_report(s.registry, agency=agency, task=task,
                                    month=month, summary=summary,
                                    received_on=received_on, links=link or [], today=today)
    s.may_write_for(new.agency)
    stamp = s.stamp(by)
    with s.ledger(for_writing=True) as ledger:
        row = ledger.add_submission(new, stamp)
        d = _deliverable_now(s, ledger, row.agency, (row.kind, row.agency, row.task, row.period))
    data = {"id": row.id, "kind": row.kind, "agency": row.agency, "task": row.task,
            "period": row.period, "received_on": row.received_on.isoformat(),
            "due": d.deliverable.due.isoformat(), "state": d.state}
    what = " ".join(x for x in (s.t(f"kind.{row.kind}"), row.task, row.period) if x)
    message = s.t("submit.recorded", id=row.id, unit=s.registry.label(row.agency), what=what,
                  received=data["received_on"], due=data["due"], state=s.t(f"state.{d.state}"))
    if row.revision_of:
        message += s.t("submit.revision", of=row.revision_of)
    emit(fmt, data, lambda: [Line.of(message)], csv_rows=[data])


def inspect(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", "-a", help="The unit inspected")],
    verdict: Annotated[Verdict, typer.Option("--verdict", help="The acceptance verdict")],
    date: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD",
                                      help="Day of the inspection")],
    note: Annotated[str | None, typer.Option("--note", help="Findings, in a sentence")] = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the office's acceptance inspection (验收) of a unit."""
    from qth_disclosure.core import intake

    s = session(ctx)
    s.may_decide("inspect")
    new = intake.inspection(s.registry, agency=agency, verdict=verdict.value,
                            inspected_on=s.day(date, "--date"), note=note, today=s.today())
    with s.ledger(for_writing=True) as ledger:
        row = ledger.add_inspection(new, s.stamp(by))
        d = _deliverable_now(s, ledger, row.agency, ("inspection", row.agency, None, None))
    data = {"id": row.id, "kind": "inspection", "agency": row.agency, "verdict": row.verdict,
            "inspected_on": row.inspected_on.isoformat(), "note": row.note,
            "due": d.deliverable.due.isoformat(), "state": d.state}
    message = s.t("inspect.recorded", id=row.id, unit=s.registry.label(row.agency),
                  verdict=s.t(f"verdict.{row.verdict}"), date=data["inspected_on"],
                  state=s.t(f"state.{d.state}"))
    emit(fmt, data, lambda: [Line.of(message)], csv_rows=[data])


def review(
    ctx: typer.Context,
    submission: Annotated[int, typer.Argument(help="Submission id (see 'disclose history')")],
    comment: Annotated[str, typer.Option("--comment", "-c", help="Why, for the unit")],
    accept: Annotated[bool, typer.Option("--accept", help="The report is good")] = False,
    return_: Annotated[bool, typer.Option("--return", help="Return it for rework")] = False,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Day the verdict takes effect [default: today]")]
    = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the office's quality verdict on a submission: accept it or return it."""
    from qth_disclosure.core import intake

    s = session(ctx)
    if accept == return_:
        raise UsageProblem("options_accept_or_return")
    s.may_decide("review")
    with s.ledger(for_writing=True) as ledger:
        new = intake.review(s.registry, ledger.submission(submission), submission_id=submission,
                            verdict="accept" if accept else "return", comment=comment,
                            reviewed_on=s.day(date, "--date"), today=s.today())
        row = ledger.add_review(new, s.stamp(by))
    data = {"id": row.id, "submission": row.submission, "verdict": row.verdict,
            "comment": row.comment, "reviewed_on": row.reviewed_on.isoformat()}
    message = s.t("review.recorded", id=row.id, submission=row.submission,
                  verdict=s.t(f"verdict.{row.verdict}"), date=data["reviewed_on"])
    emit(fmt, data, lambda: [Line.of(message)], csv_rows=[data])


def history(
    ctx: typer.Context,
    agency: AgencyFilter = None,
    task: Annotated[str | None, typer.Option("--task", "-t", help="Only this task")] = None,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              help="Only this month")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List every submission, revisions included, oldest first."""
    from qth_disclosure.calendar import parse_month
    from qth_disclosure.views.listings import history_blocks, history_data

    s = session(ctx)
    code = s.registry.agency(agency).code if agency else None
    task_id = s.registry.task(task).id if task else None
    period = parse_month(month, "--month") if month else None
    with s.ledger() as ledger:
        rows = ledger.submissions(s.registry.plan.id, agency=code, task=task_id, period=period)
        reviews = ledger.reviews(s.registry.plan.id)
    emit(fmt, history_data(rows), lambda: history_blocks(rows, reviews, s.registry, s.t))


def _deliverable_now(s: Session, ledger: "Ledger", agency: str,
                     key: tuple[object, ...]) -> "Assessed":
    """The state of one deliverable as the ledger stands today."""
    status = ledger_status(s, ledger, s.today(), agency)
    return next(d for d in status.deliverables if d.deliverable.key == key)


def register(app: typer.Typer) -> None:
    app.command()(submit)
    app.command()(inspect)
    app.command()(review)
    app.command()(history)

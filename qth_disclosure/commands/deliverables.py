"""Commands that record and list what units hand in: submit, inspect, review, history."""

from enum import Enum
from typing import Annotated

import typer

from qth_disclosure.commands.common import (
    AgencyFilter,
    FormatOption,
    UsageProblem,
    agency_code,
    is_row_id,
    recorder,
    session,
)
from qth_disclosure.output.render import Format, emit


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
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.records import submission_recorded

    s = session(ctx)
    # given at all, not truthy: an empty --task or --month is refused as a bad value below
    monthly = (task is not None, month is not None)
    if kind and any(monthly):
        raise UsageProblem("options_monthly_or_kind")
    if not kind and not all(monthly):
        raise UsageProblem("options_monthly_incomplete" if any(monthly)
                           else "options_monthly_or_kind")
    today = s.today()
    received_on = s.day(received, "--received")
    if kind:
        new = intake.phase_deliverable(s.registry, agency=agency, kind=kind.value,
                                       summary=summary, received_on=received_on,
                                       links=link or [], today=today)
    else:
        assert task is not None and month is not None
        new = intake.monthly_report(s.registry, agency=agency, task=task,
                                    month=month, summary=summary,
                                    received_on=received_on, links=link or [], today=today)
    s.may_write_for(new.agency)
    stamp = recorder(s, by)
    with s.ledger(for_writing=True) as ledger:
        row = ledger.add_submission(new, stamp)
        d = queries.deliverable_state(s.registry, ledger, row.key, today)
    data, blocks = submission_recorded(row, d, s.registry, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


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
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.records import inspection_recorded

    s = session(ctx)
    s.may_decide("inspect")
    new = intake.inspection(s.registry, agency=agency, verdict=verdict.value,
                            inspected_on=s.day(date, "--date"), note=note, today=s.today())
    stamp = recorder(s, by)
    with s.ledger(for_writing=True) as ledger:
        row = ledger.add_inspection(new, stamp)
        d = queries.deliverable_state(s.registry, ledger, ("inspection", row.agency, None, None),
                                      s.today())
    data, blocks = inspection_recorded(row, d, s.registry, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


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
    from qth_disclosure.views.records import review_recorded

    s = session(ctx)
    if accept == return_:
        raise UsageProblem("options_accept_or_return")
    s.may_decide("review")
    reviewed_on = s.day(date, "--date")
    stamp = recorder(s, by)
    with s.ledger(for_writing=True) as ledger:
        found = ledger.submission(submission) if is_row_id(submission) else None
        new = intake.review(s.registry, found, submission_id=submission,
                            verdict="accept" if accept else "return", comment=comment,
                            reviewed_on=reviewed_on, today=s.today())
        row = ledger.add_review(new, stamp)
    data, blocks = review_recorded(row, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


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
    code = agency_code(s, agency)
    task_id = None if task is None else s.registry.task(task).id
    period = None if month is None else parse_month(month, "--month")
    with s.ledger() as ledger:
        rows = ledger.submissions(s.registry.plan.id, agency=code, task=task_id, period=period)
        reviews = ledger.reviews(s.registry.plan.id, agency=code)
    emit(fmt, history_data(rows), lambda: history_blocks(rows, reviews, s.registry, s.t))


def register(app: typer.Typer) -> None:
    app.command()(submit)
    app.command()(inspect)
    app.command()(review)
    app.command()(history)

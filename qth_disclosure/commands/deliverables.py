"""Commands that record and list what units hand in: submit, inspect, review, history."""

from enum import Enum
from typing import Annotated

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
    recorder,
    session,
)
from qth_disclosure.output.render import Format, emit
from qth_disclosure.vocab import SubmissionKind


class PhaseKind(str, Enum):
    plan = "plan"
    summary = "summary"


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
    summary: Annotated[str, typer.Option("--summary", "-s")],
    task: Annotated[str | None, typer.Option("--task", "-t", autocompletion=complete_task)] = None,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              autocompletion=complete_month)] = None,
    kind: Annotated[PhaseKind | None, typer.Option(
        "--kind")] = None,
    received: Received = None,
    link: Annotated[list[str] | None, typer.Option(
        "--link", metavar="URL")]
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
    if not kind and month is None:
        raise UsageProblem("options_monthly_incomplete" if task is not None
                           else "options_monthly_or_kind")
    today = s.today()
    received_on = s.day(received, "--received")
    if kind:
        new = intake.phase_deliverable(s.registry, agency=agency, kind=kind.value,
                                       summary=summary, received_on=received_on,
                                       links=link or [], today=today)
    else:
        assert month is not None
        if task is None:  # the one monthly task the unit leads
            task = intake.led_monthly_task(s.registry, agency)
        new = intake.monthly_report(s.registry, agency=agency, task=task,
                                    month=month, summary=summary,
                                    received_on=received_on, links=link or [], today=today)
    with s.ledger(for_writing=True) as ledger:
        s.may_write_for(new.agency, ledger)
        row = ledger.add_submission(new, recorder(s, by, ledger))
        d = queries.deliverable_state(s.registry, ledger, row.key, today)
    data, blocks = submission_recorded(row, d, s.registry, s.t)
    emit(fmt, data, lambda: blocks, rows=[data])


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
    data, blocks = review_recorded(row, s.t)
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
    from qth_disclosure.views.listings import history_blocks, history_data

    s = session(ctx)
    code = agency_code(s, agency)
    task_id = None if task is None else s.registry.task(task).id
    period = None if month is None else parse_month(month, "--month")
    # as known on a day: what had been received by then, and the reviews in effect
    day = None if as_of is None else intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    with s.ledger() as ledger:
        rows = ledger.submissions(s.registry.plan.id, agency=code, task=task_id, period=period,
                                  received_by=day)
        reviews = ledger.reviews(s.registry.plan.id, agency=code, effective_by=day)
    if kind is not None:
        rows = [r for r in rows if r.kind == kind]
    emit(fmt, history_data(rows), lambda: history_blocks(rows, reviews, s.registry, s.t))


def register(app: typer.Typer) -> None:
    app.command()(submit)
    app.command()(inspect)
    app.command()(review)
    app.command()(history)

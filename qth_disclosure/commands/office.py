"""The office's tools: the cron report, quality lint, and bulletins (通报)."""

from datetime import date
from typing import Annotated

import typer

from qth_disclosure.commands.common import MAX_ROW_ID, FormatOption, UsageProblem, recorder, session
from qth_disclosure.output.render import Format, Verbatim, emit
from qth_disclosure.session import Session

OVERDUE_EXIT = 3
DEFAULT_WITHIN = 7  # days ahead the daily report looks for what falls due

AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", help="As known on this day [default: today]")]


def report(
    ctx: typer.Context,
    as_of: AsOf = None,
    within: Annotated[int, typer.Option("--within", min=0, max=366, metavar="N",
                                        help="Show what falls due in the next N days "
                                        "(applications: N working days)")]
    = DEFAULT_WITHIN,
    fmt: FormatOption = Format.table,
    fail_on_overdue: Annotated[bool, typer.Option(
        "--fail-on-overdue", help=f"Exit {OVERDUE_EXIT} when anything is overdue")] = False,
    fail_on_new_overdue: Annotated[bool, typer.Option(
        "--fail-on-new-overdue", help=f"Exit {OVERDUE_EXIT} only when something fell overdue "
        "since the previous working day, or an application is overdue")] = False,
) -> None:
    """Print the daily report: overdue, due soon, arrived, returned, quality findings."""
    from qth_disclosure import queries
    from qth_disclosure.views.report import (
        REPORT_CSV_COLUMNS,
        report_blocks,
        report_data,
        report_rows,
    )

    s = session(ctx)
    day = _as_of(s, as_of)
    with s.ledger() as ledger:
        result = queries.daily_report(s.registry, ledger, day, within)
    data = report_data(result, s.registry, s.t)
    emit(fmt, data, lambda: report_blocks(result, s.registry, s.t),
         rows=lambda: report_rows(data), columns=REPORT_CSV_COLUMNS)
    if (fail_on_overdue and result.anything_overdue) or (
            fail_on_new_overdue and result.anything_new_overdue):
        raise typer.Exit(OVERDUE_EXIT)


def lint(
    ctx: typer.Context,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              help="Only monthly reports for this month")]
    = None,
    as_of: AsOf = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Check the newest receipt of every deliverable for quality problems (rule ids)."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.report import findings_data, lint_blocks

    s = session(ctx)
    day = _as_of(s, as_of)
    period = None if month is None else intake.reporting_month(s.registry, month)
    with s.ledger() as ledger:
        findings = queries.findings(s.registry, ledger, day, period)
    emit(fmt, findings_data(findings, s.registry, s.t),
         lambda: lint_blocks(findings, s.registry, s.t))


def bulletin(
    ctx: typer.Context,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              help="The reporting month")] = None,
    as_of: AsOf = None,
    number: Annotated[int | None, typer.Option(
        "--number", min=1, max=MAX_ROW_ID,
        help="Bulletin number [default: one more than the last issued]")]
    = None,
    preview: Annotated[bool, typer.Option("--preview", help="Print without recording")]
    = False,
    reissue: Annotated[bool, typer.Option(
        "--reissue", help="Issue again for a month already bulletined")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the bulletins issued")] = False,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME",
                                           help="Who issues it [default: your login name]")]
    = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Issue the 通报 on a month's reports: on time, late, not at all, returned."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.core.bulletin import compose
    from qth_disclosure.errors import InputError
    from qth_disclosure.ledger import NewBulletin
    from qth_disclosure.views.report import bulletin_data, bulletins_blocks, bulletins_data

    s = session(ctx)
    if list_:
        if month is not None or preview or reissue or number is not None:
            raise UsageProblem("options_list_alone")
        with s.ledger() as ledger:
            bulletins = ledger.bulletins(s.registry.plan.id)
        emit(fmt, bulletins_data(bulletins), lambda: bulletins_blocks(bulletins, s.t))
        return
    if fmt is Format.csv:  # a document has no rows; its listing (--list) has
        raise UsageProblem("bad_choice", what="--format", value=fmt.value,
                           valid="table, text, markdown, json")
    if preview and reissue:
        raise UsageProblem("options_preview_or_reissue")
    if month is None:
        raise UsageProblem("options_bulletin_month")
    period = intake.reporting_month(s.registry, month)
    day = _as_of(s, as_of)
    plan = s.registry.plan.id
    with s.ledger(for_writing=not preview) as ledger:
        if not preview:
            s.may_decide("bulletin", ledger)
        stamp = None if preview else recorder(s, by, ledger)
        result = queries.bulletin_report(s.registry, ledger, day)
        if number is None:
            number = ledger.next_bulletin_number(plan)
            if number > MAX_ROW_ID:  # the last one issued was given the largest --number
                raise InputError("bulletin_number_exhausted", number=number, limit=MAX_ROW_ID)
        text = compose(s.registry, result.status, period, number, result.returned,
                       result.findings_for(period))
        issued = None
        if stamp is not None:
            issued = ledger.add_bulletin(
                NewBulletin(plan, number, period, day, text.render("text")),
                stamp, reissue=reissue)
            typer.echo(s.t("bulletin.issued", number=issued.number, month=period,
                           id=issued.id, seq=issued.chain_length, head=issued.chain_head),
                       err=True)
    data = bulletin_data(number, period, day, text.render("text"), issued)
    emit(fmt, data, lambda: [Verbatim(text.render(
        "markdown" if fmt is Format.markdown else "text"))])


def _as_of(s: Session, as_of: str | None) -> date:
    from qth_disclosure.core import intake

    return intake.check_as_of(s.day(as_of, "--as-of"), s.today())


def register(app: typer.Typer) -> None:
    app.command()(report)
    app.command()(lint)
    app.command()(bulletin)

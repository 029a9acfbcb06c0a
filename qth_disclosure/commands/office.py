"""The office's tools: the cron report and quality lint (bulletins: bulletin_cmd)."""

from datetime import date
from typing import Annotated, Any

import typer

from qth_disclosure.commands.common import FormatOption, complete_month, session
from qth_disclosure.output.render import Format, emit
from qth_disclosure.session import Session

OVERDUE_EXIT = 3
DEFAULT_WITHIN = 7  # days ahead the daily report looks for what falls due

AsOf = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD")]


def report(
    ctx: typer.Context,
    as_of: AsOf = None,
    within: Annotated[int, typer.Option("--within", min=0, max=366, metavar="N")]
    = DEFAULT_WITHIN,
    fmt: FormatOption = Format.table,
    fail_on_overdue: Annotated[bool, typer.Option(
        "--fail-on-overdue")] = False,
    fail_on_new_overdue: Annotated[bool, typer.Option(
        "--fail-on-new-overdue")] = False,
) -> None:
    """Print the daily report: overdue, due soon, arrived, returned, quality findings."""
    from datetime import timedelta
    from itertools import chain

    from qth_disclosure import queries
    from qth_disclosure.views.reminders import sent_yesterday_blocks, sent_yesterday_data
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
        mailed = ledger.reminders(s.registry.plan.id, sent_on=day - timedelta(days=1))

    def data() -> dict[str, Any]:
        # made only for the formats that print it: a province's report as a table would
        # otherwise build a dictionary for each of its 175,000 lines as well
        found = report_data(result, s.registry, s.t)
        found["reminders_sent"] = sent_yesterday_data(mailed)
        return found

    # the blocks one at a time, each let go once written (render_document)
    emit(fmt, data, lambda: chain(report_blocks(result, s.registry, s.t),
                                  sent_yesterday_blocks(mailed, s.registry, s.t)),
         rows=lambda: report_rows(data()), columns=REPORT_CSV_COLUMNS)
    if (fail_on_overdue and result.anything_overdue) or (
            fail_on_new_overdue and result.anything_new_overdue):
        raise typer.Exit(OVERDUE_EXIT)


def lint(
    ctx: typer.Context,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              autocompletion=complete_month)]
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
    emit(fmt, lambda: findings_data(findings, s.registry, s.t),
         lambda: lint_blocks(findings, s.registry, s.t))


def _as_of(s: Session, as_of: str | None) -> date:
    from qth_disclosure.core import intake

    return intake.check_as_of(s.day(as_of, "--as-of"), s.today())


def register(app: typer.Typer) -> None:
    app.command()(report)
    app.command()(lint)

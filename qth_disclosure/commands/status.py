"""The coordinator's view: `disclose status`."""

from typing import Annotated, Any, Literal

import typer

from qth_disclosure.commands.common import (
    AgencyFilter,
    FormatOption,
    agency_code,
    complete_agency,
    session,
)
from qth_disclosure.output.render import Format, emit


def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD")] = None,
    agency: AgencyFilter = None,
    only: Annotated[Literal["problems"] | None, typer.Option("--only")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Phases and every deliverable's state: on_time, late, missing, pending, returned."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.core.compliance import Sheet
    from qth_disclosure.views.status import (
        deliverable_data,
        is_problem,
        status_blocks,
        status_data,
    )

    s = session(ctx)
    registry = s.registry
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    code = agency_code(s, agency)
    with s.ledger() as ledger:
        # the page for people shows a monthly report's state only (and names the problems
        # one by one only with --only problems); json and csv list every deliverable
        sheet: Sheet | None = None
        if fmt.for_people and only is None:
            sheet = queries.status_sheet(registry, ledger, day, code)
            result = sheet.others
        else:
            result = queries.status(registry, ledger, day, code)
        # only the page for people summarises applications; json and csv list deliverables
        applications = queries.applications(registry, ledger, day, code) if fmt.for_people \
            else []
        # plans whose items lack elements or tasks (plan 五(二)); csv lists deliverables only
        plans = queries.incomplete_plans(registry, ledger, day, code) \
            if fmt is not Format.csv else []

    def as_json() -> dict[str, Any]:
        # lint's findings on those plans beside the deliverables; only json lays out
        # findings, so the page and csv never import the report's views
        from qth_disclosure.views.report import findings_data

        return status_data(result, registry, only) | {
            "plans_incomplete": findings_data(plans, registry, s.t)}

    emit(fmt, as_json,
         lambda: status_blocks(sheet or Sheet.of(registry, result), registry, s.t, code,
                               applications, only, plans),
         rows=lambda: [deliverable_data(d) for d in result.deliverables
                       if only is None or is_problem(d)])


def todo(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", "-a", autocompletion=complete_agency)],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """One unit's page: what it owes and when, what is overdue, what it sent, what was
    returned, its open applications."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.todo import todo_blocks, todo_data, todo_rows

    s = session(ctx)
    registry = s.registry
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    code = registry.agency(agency).code
    with s.ledger() as ledger:
        result = queries.status(registry, ledger, day, code)
        applications = queries.applications(registry, ledger, day, code)
    emit(fmt, lambda: todo_data(result, code, applications, registry),
         lambda: todo_blocks(result, registry, s.t, code, applications),
         rows=lambda: todo_rows(result))


def register(app: typer.Typer) -> None:
    app.command()(status)
    app.command()(todo)

"""The coordinator's view: `disclose status`."""

from typing import Annotated

import typer

from qth_disclosure.commands.common import AgencyFilter, FormatOption, agency_code, session
from qth_disclosure.output.render import Format, emit


def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Show what was known on this day "
        "[default: today in Asia/Shanghai]")] = None,
    agency: AgencyFilter = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Phases and every deliverable's state: on_time, late, missing, pending, returned."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.status import deliverable_data, status_blocks, status_data

    s = session(ctx)
    registry = s.registry
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    code = agency_code(s, agency)
    with s.ledger() as ledger:
        result = queries.status(registry, ledger, day, code)
        # only the page for people summarises applications; json and csv list deliverables
        applications = queries.applications(registry, ledger, day, code) if fmt.for_people \
            else []
        # plans whose items lack elements or tasks (plan 五(二)), for people too
        plans = queries.incomplete_plans(registry, ledger, day, code) if fmt.for_people \
            else []
    emit(fmt, lambda: status_data(result, registry),
         lambda: status_blocks(result, registry, s.t, code, applications, plans),
         rows=lambda: [deliverable_data(d) for d in result.deliverables])


def register(app: typer.Typer) -> None:
    app.command()(status)

"""The coordinator's view: `disclose status`."""

from typing import Annotated

import typer

from qth_disclosure.commands.common import (
    AgencyFilter,
    Format,
    FormatOption,
    emit,
    ledger_status,
    session,
)


def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Show what was known on this day "
        "[default: today in Asia/Shanghai]")] = None,
    agency: AgencyFilter = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Phases and every deliverable's state: on_time, late, missing, pending, returned."""
    from qth_disclosure.core import intake
    from qth_disclosure.core.applications import assess_all
    from qth_disclosure.views.status import deliverable_data, status_blocks, status_data

    s = session(ctx)
    registry = s.registry
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    code = registry.agency(agency).code if agency else None
    plan = registry.plan.id
    with s.ledger() as ledger:
        result = ledger_status(s, ledger, day, code)
        applications = assess_all(registry, ledger.applications(plan, agency=code),
                                  ledger.events(), day)
    emit(fmt, lambda: status_data(result, registry),
         lambda: status_blocks(result, registry, s.t, code, applications),
         csv_rows=lambda: [deliverable_data(d) for d in result.deliverables])


def register(app: typer.Typer) -> None:
    app.command()(status)

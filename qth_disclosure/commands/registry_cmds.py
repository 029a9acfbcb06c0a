"""Commands over the registry: agencies, tasks, check."""

from typing import Annotated

import typer

from qth_disclosure.commands.common import AgencyFilter, FormatOption, agency_code, session
from qth_disclosure.output.render import Format, emit


def agencies(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """List the units of the plan: code, name as the plan writes it, full name, kind."""
    from qth_disclosure.views.listings import agencies_blocks, agencies_data, agencies_rows

    s = session(ctx)
    units = s.registry.agencies
    emit(fmt, lambda: agencies_data(units, s.registry),
         lambda: agencies_blocks(units, s.registry, s.t),
         rows=lambda: agencies_rows(units, s.registry))


def tasks(ctx: typer.Context, agency: AgencyFilter = None,
          fmt: FormatOption = Format.table) -> None:
    """List the plan's tasks with their lead and cooperating units."""
    from qth_disclosure.views.listings import tasks_blocks, tasks_data

    s = session(ctx)
    chosen = list(s.registry.tasks)
    code = agency_code(s, agency)
    if code is not None:
        chosen = [t for t in chosen if code in t.lead or code in t.cooperating]
    emit(fmt, tasks_data(chosen), lambda: tasks_blocks(chosen, s.registry, s.t))


def check(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Validate tasks.yaml and agencies.yaml; print every problem with file:line."""
    from qth_disclosure.registry import check_registry

    s = session(ctx)
    registry, problems = check_registry(s.registry_dir)
    for problem in problems:
        typer.echo(problem.message(s.lang))
    if problems or registry is None:
        typer.echo(s.t("check_failed", count=len(problems)), err=True)
        raise typer.Exit(1)
    if not quiet:
        typer.echo(s.t("check_ok", agencies=len(registry.agencies), tasks=len(registry.tasks),
                       monthly=len(registry.monthly_tasks), phases=len(registry.phases),
                       source=registry.source))


def register(app: typer.Typer) -> None:
    app.command()(agencies)
    app.command()(tasks)
    app.command()(check)

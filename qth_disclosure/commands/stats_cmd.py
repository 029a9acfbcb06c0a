"""`disclose stats`: the statistics of the annual disclosure report, per unit or city-wide."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import (
    FormatOption,
    complete_agency,
    session,
)
from qth_disclosure.output.render import Format, emit
from qth_disclosure.vocab import TemplateId


def stats(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", "-y", metavar="YYYY")],
    agency: Annotated[str | None, typer.Option(
        "--agency", "-a", autocompletion=complete_agency)] = None,
    template: Annotated[TemplateId | None, typer.Option(
        "--template")] = None,
    fmt: FormatOption = Format.table,
    # text, made a Path below: Typer's Path type would look a NUL-holding name up and fail
    template_file: Annotated[str | None, typer.Option(
        "--template-file", metavar="FILE", hidden=True)] = None,
) -> None:
    """Count applications received and answered, reconsiderations and lawsuits, for the
    annual disclosure report: one unit, or the whole city. Every consistency rule of the
    form is checked; a table that breaks one is refused, not printed."""
    from qth_disclosure.core.stats import (
        check_year,
        compute,
        default_template,
        load_template,
        template_path,
    )
    from qth_disclosure.views.stats import csv_columns, stats_blocks, stats_data, stats_rows

    s = session(ctx)
    check_year(s.registry, year, s.today())
    unit = None if agency is None else s.registry.agency(agency)
    spec = load_template(template_path(template or default_template(year))
                         if template_file is None else Path(template_file))
    with s.ledger() as ledger:
        result = compute(s.registry, spec, ledger.applications(s.registry.plan.id),
                         ledger.events(), year, unit.code if unit else None)
    who = unit.full_name if unit else s.t("stats.city")
    emit(fmt, lambda: stats_data(result), lambda: stats_blocks(result, who, s.t),
         rows=lambda: stats_rows(result), columns=csv_columns(result))


def register(app: typer.Typer) -> None:
    app.command()(stats)

"""`disclose stats`: the statistics of the annual disclosure report, per unit or city-wide."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import FormatOption, session
from qth_disclosure.output.render import Format, emit
from qth_disclosure.vocab import TemplateId


def stats(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", "-y", metavar="YYYY",
                                      help="The calendar year reported on; it must be over")],
    agency: Annotated[str | None, typer.Option(
        "--agency", "-a", help="One unit: code (czj) or name as the plan writes it (市财政局) "
        "[default: the whole city, every unit added up]")] = None,
    template: Annotated[TemplateId | None, typer.Option(
        "--template", help="2014: the statistics of 国办发〔2014〕32号; 2021: tables 三 and 四 "
        "of 国办公开办函〔2021〕30号 [default: 2014 for years up to 2018, else 2021]")] = None,
    fmt: FormatOption = Format.table,
    # text, made a Path below: Typer's Path type would look a NUL-holding name up and fail
    template_file: Annotated[str | None, typer.Option(
        "--template-file", metavar="FILE", hidden=True,
        help="Evaluate this template file instead of a shipped one")] = None,
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

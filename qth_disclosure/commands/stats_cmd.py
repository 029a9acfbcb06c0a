"""`disclose stats`: the statistics of the annual disclosure report, per unit or city-wide."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import (
    FormatOption,
    complete_agency,
    recorder,
    session,
)
from qth_disclosure.output.render import Format, Line, emit
from qth_disclosure.vocab import ProactiveItem, TemplateId


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
    from qth_disclosure import queries

    with s.ledger() as ledger:
        result, proactive = queries.statistics(s.registry, ledger, spec, year,
                                               unit.code if unit else None)
    who = unit.full_name if unit else s.t("stats.city")
    emit(fmt, lambda: stats_data(result, proactive),
         lambda: stats_blocks(result, who, s.t, proactive),
         rows=lambda: stats_rows(result), columns=csv_columns(result))


def proactive(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", "-a", autocompletion=complete_agency)],
    year: Annotated[int, typer.Option("--year", "-y", metavar="YYYY")],
    item: Annotated[ProactiveItem, typer.Option("--item", metavar="ITEM")],
    count: Annotated[str, typer.Option("--count", metavar="N")],
    by: Annotated[str | None, typer.Option("--by", metavar="NAME")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record one figure of a unit's proactive-disclosure table (2021 form table 二) for a
    year; the latest recorded is the one in force."""
    from qth_disclosure.core.proactive import figure
    from qth_disclosure.core.stats import check_year
    from qth_disclosure.ledger import NewProactiveFigure

    s = session(ctx)
    check_year(s.registry, year, s.today())
    unit = s.registry.agency(agency)
    new = NewProactiveFigure(s.registry.plan.id, unit.code, year, item, figure(item, count))
    with s.ledger(for_writing=True) as ledger:
        stamp = recorder(s, by, ledger)
        # the office's alone, as the server's rules say (server_rules.OFFICE_TABLES)
        recorded = ledger.add_proactive_figure(
            new, stamp, check=lambda: s.may_decide("proactive", ledger))
    data = {"id": recorded.id, "agency": unit.code, "year": year, "item": item,
            "figure": recorded.figure}
    emit(fmt, data, lambda: [Line.of(s.t("proactive.recorded", id=recorded.id,
                                         unit=s.registry.units(unit.code), year=year,
                                         item=item, figure=recorded.figure))], rows=[data])


def register(app: typer.Typer) -> None:
    app.command()(stats)
    app.command()(proactive)

"""`disclose stats`: the statistics of the annual disclosure report, per unit or city-wide."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from qth_disclosure.commands.common import session
from qth_disclosure.output.render import (
    Block,
    Cell,
    CellValue,
    Heading,
    Line,
    Table,
    dump_csv,
    dump_json,
    render_document,
)
from qth_disclosure.vocab import TemplateId

if TYPE_CHECKING:  # the core loads when a command runs, not when `--help` does
    from qth_disclosure.core.stats import Column, Statistics, TableResult


Translate = Callable[..., str]
StatsFormat = Literal["text", "markdown", "json", "csv"]


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
    fmt: Annotated[StatsFormat, typer.Option(
        "--format", "-f", help="text (colour only on a terminal), markdown, json, csv")]
    = "text",
    template_file: Annotated[Path | None, typer.Option(
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

    s = session(ctx)
    check_year(s.registry, year, s.today())
    unit = s.registry.agency(agency) if agency else None
    spec = load_template(template_file or template_path(template or default_template(year)))
    with s.ledger() as ledger:
        result = compute(s.registry, spec, ledger.applications(s.registry.plan.id),
                         ledger.events(), year, unit.code if unit else None)
    if fmt == "json":
        dump_json(stats_data(result))
    elif fmt == "csv":
        dump_csv(stats_rows(result), columns=csv_columns(result))
    else:
        who = unit.full_name if unit else s.t("stats.city")
        render_document(stats_blocks(result, who, s.t), "markdown" if fmt == "markdown"
                        else "table")


# ---------------------------------------------------------------- views


def stats_data(result: "Statistics") -> dict[str, Any]:
    return {
        "year": result.year,
        "template": result.template.id,
        "title": result.template.title,
        "agency": result.agency,
        "tables": [_table_data(table) for table in result.tables],
    }


def _table_data(table: "TableResult") -> dict[str, Any]:
    spec = table.spec
    return {
        "key": spec.key,
        "title": spec.title,
        "columns": [{"key": c.key, "label": c.label, "group": c.group} for c in spec.columns],
        "rows": [{"key": r.key, "label": r.label, "heading": r.kind == "heading",
                  "values": table.values.get(r.key, {}), "note": r.note} for r in spec.rows],
        "rules": [rule.id for rule in spec.rules],  # every one of them held
    }


def csv_columns(result: "Statistics") -> list[str]:
    keys: list[str] = []
    for table in result.tables:
        keys += [c.key for c in table.spec.columns if c.key not in keys]
    return ["table", "row", "label", *keys]


def stats_rows(result: "Statistics") -> list[dict[str, Any]]:
    """One CSV row per table row; a heading row, or a column another table lacks, is empty."""
    return [{"table": table.spec.key, "row": r.key, "label": r.label,
             **table.values.get(r.key, {})}
            for table in result.tables for r in table.spec.rows]


def stats_blocks(result: "Statistics", who: str, t: Translate) -> list[Block]:
    blocks: list[Block] = [Line.of(Cell(t("stats.title", unit=who, year=result.year,
                                          title=result.template.title), "accent"))]
    for table in result.tables:
        blocks += [Heading(table.spec.title), _table_block(table, t)]
    rules = [rule.id for table in result.tables for rule in table.spec.rules]
    blocks.append(Line.of(Cell(t("stats.rules_held", count=len(rules), rules=", ".join(rules)),
                               "muted")))
    return blocks


def _table_block(table: "TableResult", t: Translate) -> Table:
    columns = table.spec.columns
    out = Table([t("col.item"), *(c.label for c in columns)],
                align=["left", *("right" for _ in columns)])
    if any(c.group for c in columns):
        out.rows.append(["", *_group_cells(columns)])
    for row in table.spec.rows:
        values = table.values.get(row.key)
        out.rows.append([row.label, *(str(values[c.key]) if values is not None else ""
                                      for c in columns)])
    return out


def _group_cells(columns: tuple["Column", ...]) -> list[CellValue]:
    """The form's two-level header as a first row: each group named over its first column."""
    cells: list[CellValue] = []
    previous = None
    for c in columns:
        cells.append(Cell(c.group, "muted") if c.group and c.group != previous else "")
        previous = c.group
    return cells


def register(app: typer.Typer) -> None:
    app.command()(stats)

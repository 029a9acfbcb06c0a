"""The statistics of the annual disclosure report: tables for people, data for machines."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from qth_disclosure.core.proactive import shown
from qth_disclosure.core.stats import Statistics, TableResult
from qth_disclosure.output.render import Block, Cell, Heading, Line, Table
from qth_disclosure.views.labels import Translate


def stats_data(result: Statistics,
               proactive: Mapping[str, Decimal] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": result.year,
        "template": result.template.id,
        "title": result.template.title,
        "agency": result.agency,
        "tables": [_table_data(table) for table in result.tables],
    }
    if proactive is not None:  # 2021 form table 二: each item's figure (fees in 万元)
        data["proactive"] = {item: shown(value) for item, value in proactive.items()}
    return data


def _table_data(table: TableResult) -> dict[str, Any]:
    spec = table.spec
    return {
        "key": spec.key,
        "title": spec.title,
        "columns": [{"key": c.key, "label": c.label, "group": c.group, "band": c.band}
                    for c in spec.columns],
        "rows": [{"key": r.key, "label": r.label, "heading": r.kind == "heading",
                  "values": _plain(table.values.get(r.key, {})), "note": r.note}
                 for r in spec.rows],
        "rules": [rule.id for rule in spec.rules],  # every one of them held
    }


def _plain(values: Mapping[str, int | Decimal]) -> dict[str, int | str]:
    """A row's cells for machines: counts as numbers, recorded 万元 as exact decimal text
    (as `proactive` gives them)."""
    return {k: shown(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def csv_columns(result: Statistics) -> list[str]:
    keys: list[str] = []
    for table in result.tables:
        keys += [c.key for c in table.spec.columns if c.key not in keys]
    return ["table", "row", "label", *keys]


def stats_rows(result: Statistics) -> list[dict[str, Any]]:
    """One CSV row per table row; a heading row, or a column another table lacks, is empty."""
    return [{"table": table.spec.key, "row": r.key, "label": r.label,
             **_plain(table.values.get(r.key, {}))}
            for table in result.tables for r in table.spec.rows]


def stats_blocks(result: Statistics, who: str, t: Translate,
                 proactive: Mapping[str, Decimal] | None = None) -> list[Block]:
    blocks: list[Block] = [Line.of(Cell(t("stats.title", unit=who, year=result.year,
                                          title=result.template.title), "accent"))]
    table_two = result.template.proactive
    if proactive is not None and table_two is not None:
        blocks.append(Heading(table_two.title))
        for block in table_two.blocks:  # the form's blocks, each with its headings
            out = Table([block.heading, *block.columns],
                        align=["left", *("right" for _ in block.columns)])
            for label, items in block.rows:
                out.rows.append([label, *(shown(proactive[i]) for i in items)])
            blocks.append(out)
    for table in result.tables:
        blocks += [Heading(table.spec.title), _table_block(table, t)]
    # the rules' ids are for machines (json); people read what was checked
    rules = [rule for table in result.tables for rule in table.spec.rules]
    blocks.append(Line.of(Cell(t("stats.rules_held", count=len(rules),
                                 columns=sum(r.each == "column" for r in rules),
                                 rows=sum(r.each == "row" for r in rules)), "muted")))
    return blocks


def _table_block(table: TableResult, t: Translate) -> Table:
    columns = table.spec.columns
    out = Table([t("col.item"), *(c.label for c in columns)],
                align=["left", *("right" for _ in columns)],
                groups=(["", *(c.group or "" for c in columns)]
                        if any(c.group for c in columns) else None),
                bands=(["", *(c.band or "" for c in columns)]
                       if any(c.band for c in columns) else None),
                narrow="split")
    for row in table.spec.rows:
        values = table.values.get(row.key)
        out.rows.append([row.label, *(_shown(values[c.key]) if values is not None else ""
                                      for c in columns)])
    return out


def _shown(value: int | Decimal) -> str:
    return shown(value) if isinstance(value, Decimal) else str(value)

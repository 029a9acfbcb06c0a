"""Evaluating a template: its tables counted over the year's records, then its rules checked.

A cell counts the records its row and column select, or adds up other cells; a table whose
figures break one of its consistency rules (勾稽) is refused, naming the rule and the cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from qth_disclosure.core.stats.model import Filter, Record, TableSpec, Template
from qth_disclosure.core.stats.records import year_records
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import Application, Event
from qth_disclosure.registry import Registry

# ---------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class TableResult:
    spec: TableSpec
    # data row key -> column key -> count, or a recorded figure (万元 as a Decimal)
    values: dict[str, dict[str, int | Decimal]]


@dataclass(frozen=True)
class Statistics:
    template: Template
    year: int
    agency: str | None  # a unit's code, or None for the whole city
    tables: tuple[TableResult, ...]


def compute(registry: Registry, template: Template, applications: Iterable[Application],
            events: Iterable[Event], year: int, agency: str | None = None,
            figures: Mapping[str, int | Decimal] | None = None) -> Statistics:
    """The template's tables for one unit (`agency`) or every unit, their rules checked.

    `events` include those of the fees (core.fees.with_fees); `figures` are the year's
    recorded figures (model.FIGURES), 0 where not given."""
    chosen = [a for a in applications if agency is None or a.agency == agency]
    records = year_records(registry, chosen, events, year)
    tables = tuple(evaluate_table(spec, records, figures or {}) for spec in template.tables)
    for table in tables:
        check_rules(template, table)
    return Statistics(template, year, agency, tables)


def evaluate_table(spec: TableSpec, records: Mapping[str, Sequence[Record]],
                   figures: Mapping[str, int | Decimal] | None = None) -> TableResult:
    rows = {r.key: r for r in spec.rows}
    columns = {c.key: c for c in spec.columns}
    cache: dict[tuple[str, str], int | Decimal] = {}

    def cell(row_key: str, column_key: str) -> int | Decimal:
        # sums were checked for cycles when the template was loaded
        if (row_key, column_key) not in cache:
            row, column = rows[row_key], columns[column_key]
            if column.sum:
                value: int | Decimal = sum(cell(row_key, k) for k in column.sum)
            elif row.kind == "sum":
                value = sum(cell(k, column_key) for k in row.sum)
            elif row.kind == "zero":
                value = 0
            elif row.kind == "figure":
                assert row.figure is not None
                value = (figures or {}).get(row.figure, 0)
            else:
                value = sum(1 for s in row.sets for record in records[s]
                            if _matches(record, row.where) and _matches(record, column.where))
            cache[row_key, column_key] = value
        return cache[row_key, column_key]

    return TableResult(spec, {r.key: {c.key: cell(r.key, c.key) for c in spec.columns}
                              for r in spec.data_rows})


def _matches(record: Record, where: Filter) -> bool:
    return all(record.get(name) in allowed for name, allowed in where)


# ---------------------------------------------------------------- the consistency rules (勾稽)


def check_rules(template: Template, table: TableResult) -> None:
    """Refuse a table that breaks one of its template's rules, naming rule and cell."""
    spec = table.spec
    for rule in spec.rules:
        places = ([c.key for c in spec.columns] if rule.each == "column"
                  else [r.key for r in spec.data_rows])
        for at in places:
            left = _side(table.values, rule.left, at, rule.each)
            right = _side(table.values, rule.right, at, rule.each)
            if left != right:
                detail = (f"{spec.key}[{at}]: {' + '.join(rule.left)} = {left} \u2260 "
                          f"{' + '.join(rule.right)} = {right}")
                raise InputError("stats_rule_broken", template=template.id,
                                 file=str(template.source), rule=rule.id, detail=detail)


def _side(values: Mapping[str, Mapping[str, int | Decimal]], keys: Iterable[str], at: str,
          each: str) -> int | Decimal:
    """Rows added up in column `at` (each: column), or columns added up in row `at`."""
    return sum(values[k][at] if each == "column" else values[at][k] for k in keys)

"""Annual-report statistics: a template (YAML, data) evaluated over the year's applications.

Pure: registry, template, applications, events and a year in; counts out. The forms change
with the law (国办发〔2014〕32号, then 国办公开办函〔2021〕30号) and with what a province asks,
so the tables, their rows and columns, which records each cell counts and the 勾稽 rules
that must hold are all data in `stat_templates/`; this module only knows the ledger.

A template is validated when loaded, every problem with file and line, like the registry;
a table whose figures break one of its rules is refused, never shown wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, get_args

from qth_disclosure.core.applications import (
    APPEAL_KINDS,
    APPEAL_RESULTS,
    APPLICANT_KINDS,
    CHANNELS,
    GROUNDS,
    OUTCOMES,
    assess_application,
    event_order,
    in_order,
)
from qth_disclosure.errors import InputError, Problem, RegistryError
from qth_disclosure.ledger import Application, Event
from qth_disclosure.registry import Registry
from qth_disclosure.registry.checker import Checker, T
from qth_disclosure.registry.yamlfile import LineMap, read_yaml
from qth_disclosure.vocab import TemplateId

TEMPLATE_IDS: tuple[str, ...] = get_args(TemplateId)
TEMPLATES_DIR = Path(__file__).resolve().parent / "stat_templates"
# the national format (2019 trial, 2021 revision) replaced the 2014 statistics from the
# reports on 2019 onwards; its table 三 differs from the trial only in （六）
FIRST_YEAR_OF_2021_FORMAT = 2019

# ---------------------------------------------------------------- what can be counted

# How an answer stood against its deadline: on time without an extension, on time within
# an approved extension, or after the due date.
TIMINGS = ("on_time", "extended", "late")
# The three groups of the 2021 form's table 四.
ROUTES = ("reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration")

_APPLICATION = {"applicant_kind": APPLICANT_KINDS, "channel": CHANNELS}
_ANSWER = {**_APPLICATION, "outcome": OUTCOMES, "ground": GROUNDS, "timing": TIMINGS}
_APPEAL = {**_APPLICATION, "kind": APPEAL_KINDS, "route": ROUTES, "result": APPEAL_RESULTS}

# The record sets of a year, each with the fields its records carry and every value a field
# can take. A template that names another set, field or value is refused when loaded: a
# misspelt value would otherwise count nothing, silently.
SETS: dict[str, dict[str, tuple[str, ...]]] = {
    # one record per application received during the year
    "received_in_year": _APPLICATION,
    # received before 1 January and not answered before it (上年结转)
    "open_at_year_start": _APPLICATION,
    # one record per answer dated in the year, whenever the application came
    "answered_in_year": _ANSWER,
    # received by 31 December and not answered by then (结转下年度)
    "open_at_year_end": _APPLICATION,
    # one record per request to correct an unclear application (pause --why clarify)
    "clarify_requests_in_year": _APPLICATION,
    # one record per case: an application's reconsideration, or its lawsuit, first brought
    # in the year, with the latest result known on 31 December
    "appeals_in_year": _APPEAL,
}
ALL_FIELDS: dict[str, tuple[str, ...]] = {k: v for fields in SETS.values()
                                          for k, v in fields.items()}

Record = dict[str, str]
Filter = tuple[tuple[str, frozenset[str]], ...]  # every field's value must be one of these


# ---------------------------------------------------------------- the template


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str | None  # the form's header above several columns (法人或其他组织)
    where: Filter = ()  # () counts every record of the row
    sum: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: Literal["select", "sum", "zero", "heading"]
    sets: tuple[str, ...] = ()
    where: Filter = ()
    sum: tuple[str, ...] = ()
    note: str | None = None  # why an always-zero row has no source in the ledger
    line: int = field(default=0, compare=False)

    @property
    def fields(self) -> set[str]:
        """The fields every record of the row's sets carries."""
        return set.intersection(*(set(SETS[s]) for s in self.sets)) if self.sets else set()


@dataclass(frozen=True)
class Rule:
    id: str
    each: Literal["column", "row"]  # checked in every column (sums of rows), or every row
    left: tuple[str, ...]
    right: tuple[str, ...]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    rules: tuple[Rule, ...]

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind != "heading")


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    basis: str | None
    source: Path
    tables: tuple[TableSpec, ...]


class TemplateError(RegistryError):
    """A statistics template does not validate; carries every problem with file:line."""

    def message(self, lang: str = "en") -> str:
        from qth_disclosure.i18n import t

        first = self.problems[0].message(lang)
        if len(self.problems) == 1:
            return first
        return first + t(lang, "stats_template_more_problems", more=len(self.problems) - 1)


def template_path(template_id: str) -> Path:
    return TEMPLATES_DIR / f"{template_id}.yaml"


def default_template(year: int) -> TemplateId:
    return "2014" if year < FIRST_YEAR_OF_2021_FORMAT else "2021"


def load_template(path: Path) -> Template:
    """Read and validate a template; raise TemplateError listing every problem."""
    problems: list[Problem] = []
    template = _read_template(path, problems)
    if problems or template is None:
        raise TemplateError(problems)
    return template


# ---------------------------------------------------------------- the year's records


def check_year(registry: Registry, year: int, today: date) -> int:
    """A year that has ended, from the first year the registry's law profiles cover.

    Statistics are for whole years: a year still running would show its open applications
    as carried over before the year is out.
    """
    first = min((p.effective_from.year for p in registry.law_profiles), default=today.year)
    last = today.year - 1
    if not first <= year <= last:
        raise InputError("stats_bad_year", value=year, first=first, last=last)
    return year


def year_records(registry: Registry, applications: Iterable[Application],
                 events: Iterable[Event], year: int) -> dict[str, list[Record]]:
    """Every set of SETS for the year, from the applications given and their events."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    by_application: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_application[e.application].append(e)
    out: dict[str, list[Record]] = {name: [] for name in SETS}
    for app in applications:
        own = in_order(by_application[app.id])
        base = {"applicant_kind": app.applicant_kind, "channel": app.channel}
        answer = next((e for e in own if e.kind == "answer"), None)
        if first <= app.received_on <= last:
            out["received_in_year"].append(base)
        if app.received_on < first and not _answered_by(answer, first - timedelta(days=1)):
            out["open_at_year_start"].append(base)
        if answer is not None and first <= answer.occurred_on <= last:
            out["answered_in_year"].append({**base, **_answer_fields(registry, app, own,
                                                                       answer)})
        if app.received_on <= last and not _answered_by(answer, last):
            out["open_at_year_end"].append(base)
        out["clarify_requests_in_year"] += [
            base for e in own
            if e.kind == "pause" and e.details.get("why") == "clarify"
            and first <= e.occurred_on <= last
        ]
        out["appeals_in_year"] += _appeal_cases(own, base, first, last)
    return out


def _answered_by(answer: Event | None, day: date) -> bool:
    return answer is not None and answer.occurred_on <= day


def _answer_fields(registry: Registry, app: Application, events: Sequence[Event],
                   answer: Event) -> Record:
    fields = {"outcome": str(answer.details.get("outcome")), "timing": _timing(registry, app,
                                                                              events, answer)}
    if answer.details.get("ground"):
        fields["ground"] = str(answer.details["ground"])
    return fields


def _timing(registry: Registry, app: Application, events: Sequence[Event],
            answer: Event) -> str:
    # judged as on the answer day, against the due date as it stood then (requests.py)
    status = assess_application(app, events, registry.law_for(app.received_on),
                                registry.work_calendar, answer.occurred_on)
    if status.state == "answered_late":
        return "late"
    extended = any(e.kind == "extend" and e.occurred_on <= answer.occurred_on for e in events)
    return "extended" if extended else "on_time"


def _appeal_cases(events: Sequence[Event], base: Record, first: date,
                  last: date) -> list[Record]:
    """One case per kind of appeal on the application, if it was first brought this year.

    Later appeal events of the same kind carry the case's later results; the latest dated
    by 31 December counts (a result decided next year is next year's news).
    """
    appeals = [e for e in events if e.kind == "appeal"]  # already by date, then id
    openers: dict[str, Event] = {}
    for e in appeals:
        openers.setdefault(str(e.details.get("kind")), e)
    review = openers.get("reconsideration")
    cases = []
    for kind, opener in openers.items():
        if not first <= opener.occurred_on <= last:
            continue
        latest = [e for e in appeals if e.details.get("kind") == kind and e.occurred_on <= last][-1]
        if kind == "reconsideration":
            route = "reconsideration"
        elif review is not None and event_order(review) < event_order(opener):
            route = "lawsuit_after_reconsideration"
        else:
            route = "lawsuit_direct"
        cases.append({**base, "kind": kind, "route": route,
                      "result": str(latest.details.get("result", "pending"))})
    return cases


# ---------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class TableResult:
    spec: TableSpec
    values: dict[str, dict[str, int]]  # data row key -> column key -> count


@dataclass(frozen=True)
class Statistics:
    template: Template
    year: int
    agency: str | None  # a unit's code, or None for the whole city
    tables: tuple[TableResult, ...]


def compute(registry: Registry, template: Template, applications: Iterable[Application],
            events: Iterable[Event], year: int, agency: str | None = None) -> Statistics:
    """The template's tables for one unit (`agency`) or every unit, their rules checked."""
    chosen = [a for a in applications if agency is None or a.agency == agency]
    records = year_records(registry, chosen, events, year)
    tables = tuple(evaluate_table(spec, records) for spec in template.tables)
    for table in tables:
        check_rules(template, table)
    return Statistics(template, year, agency, tables)


def evaluate_table(spec: TableSpec, records: Mapping[str, Sequence[Record]]) -> TableResult:
    rows = {r.key: r for r in spec.rows}
    columns = {c.key: c for c in spec.columns}
    cache: dict[tuple[str, str], int] = {}

    def cell(row_key: str, column_key: str) -> int:
        # sums were checked for cycles when the template was loaded
        if (row_key, column_key) not in cache:
            row, column = rows[row_key], columns[column_key]
            if column.sum:
                value = sum(cell(row_key, k) for k in column.sum)
            elif row.kind == "sum":
                value = sum(cell(k, column_key) for k in row.sum)
            elif row.kind == "zero":
                value = 0
            else:
                value = sum(1 for s in row.sets for record in records[s]
                            if _matches(record, row.where) and _matches(record, column.where))
            cache[row_key, column_key] = value
        return cache[row_key, column_key]

    return TableResult(spec, {r.key: {c.key: cell(r.key, c.key) for c in spec.columns}
                              for r in spec.data_rows})


def _matches(record: Record, where: Filter) -> bool:
    return all(record.get(name) in allowed for name, allowed in where)


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


def _side(values: Mapping[str, Mapping[str, int]], keys: Iterable[str], at: str,
          each: str) -> int:
    """Rows added up in column `at` (each: column), or columns added up in row `at`."""
    return sum(values[k][at] if each == "column" else values[at][k] for k in keys)


# ---------------------------------------------------------------- reading a template


def _mapping(c: Checker, value: Any, line: int, where: str) -> LineMap | None:
    return c.mapping(value, line, where)


def _raw(c: Checker, value: Any, line: int, where: str) -> Any:
    return value


TEMPLATE_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "id": (T.text, True), "title": (T.text, True), "basis": (T.text, False),
    "tables": (_raw, False),  # checked entry by entry
}
TABLE_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "key": (T.text, True), "title": (T.text, True), "columns": (_raw, False),
    "rows": (_raw, False), "rules": (_raw, False),
}
COLUMN_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "key": (T.text, True), "label": (T.text, True), "group": (T.text, False),
    "select": (_mapping, False), "sum": (T.texts, False),
}
ROW_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "key": (T.text, True), "label": (T.text, True), "select": (_mapping, False),
    "sum": (T.texts, False), "heading": (T.flag, False), "always_zero": (T.text, False),
}


def _read_template(path: Path, problems: list[Problem]) -> Template | None:
    c = Checker(str(path), problems)
    before = len(problems)
    doc = read_yaml(path, problems)
    if len(problems) > before:
        return None
    top = c.mapping(doc, 1, path.name)
    if top is None:
        return None
    f = c.fields(top, path.name, TEMPLATE_SPEC)
    entries = c.entries(top, "tables")
    tables = [_read_table(c, m, f"tables[{i + 1}]") for i, m in enumerate(entries)]
    _unique(c, [(m.get("key"), m.lines.get("key", m.line)) for m in entries])
    rule_lines = [(r.id, r.line) for tb in tables if tb for r in tb.rules]
    _unique(c, rule_lines)
    if len(problems) > before or any(tb is None for tb in tables):
        return None
    return Template(f["id"], f["title"], f["basis"], path,
                    tuple(tb for tb in tables if tb is not None))


def _read_table(c: Checker, m: LineMap, where: str) -> TableSpec | None:
    f = c.fields(m, where, TABLE_SPEC)
    columns = [_read_column(c, e, f"{where}.columns[{i + 1}]")
               for i, e in enumerate(c.entries(m, "columns"))]
    rows = [_read_row(c, e, f"{where}.rows[{i + 1}]") for i, e in enumerate(c.entries(m, "rows"))]
    rules = [_read_rule(c, e, f"{where}.rules[{i + 1}]")
             for i, e in enumerate(c.entries(m, "rules", optional=True))]
    if f["key"] is None or None in columns or None in rows or None in rules:
        return None
    spec = TableSpec(f["key"], f["title"] or "", tuple(x for x in columns if x),
                     tuple(x for x in rows if x), tuple(x for x in rules if x))
    _check_table(c, spec, where)
    return spec


def _read_column(c: Checker, m: LineMap, where: str) -> Column | None:
    f = c.fields(m, where, COLUMN_SPEC)
    kind = _kind(c, m, where, ("select", "sum"))
    if kind is None or f[kind] is None or f["key"] is None:
        return None  # what is wrong was reported
    filters = _filter(c, f["select"], f"{where}.select", ALL_FIELDS) if kind == "select" else ()
    if filters is None:
        return None
    return Column(f["key"], f["label"] or "", f["group"], filters, f["sum"] or (),
                  m.lines.get("sum", m.line))


def _read_row(c: Checker, m: LineMap, where: str) -> Row | None:
    f = c.fields(m, where, ROW_SPEC)
    kind = _kind(c, m, where, ("select", "sum", "heading", "always_zero"))
    if kind is None or f[kind] is None or f["key"] is None:
        return None  # what is wrong was reported
    key, label, line = f["key"], f["label"] or "", m.lines.get("sum", m.line)
    if kind == "heading":
        return Row(key, label, "heading", line=line)
    if kind == "sum":
        return Row(key, label, "sum", sum=f["sum"], line=line)
    if kind == "always_zero":
        return Row(key, label, "zero", note=f["always_zero"], line=line)
    chosen = _read_select(c, f["select"], f"{where}.select")
    if chosen is None:
        return None
    return Row(key, label, "select", sets=chosen[0], where=chosen[1], line=line)


def _read_select(c: Checker, m: LineMap, where: str) -> tuple[tuple[str, ...], Filter] | None:
    """A row's `select`: the set(s) of records, then fields narrowing them."""
    if m.get("set") is None:
        c.add(m.line, "missing_key", key="set", where=where)
        return None
    line = m.lines.get("set", m.line)
    sets = c.texts(m["set"], line, f"{where}.set")
    if sets is None:
        return None
    unknown = [s for s in sets if s not in SETS]
    for s in unknown:
        c.add(line, "not_one_of", where=f"{where}.set", value=s, valid=", ".join(SETS))
    if unknown:
        return None
    # several sets (answers and clarification requests): only the fields all of them carry
    fields = {k: v for k, v in ALL_FIELDS.items() if all(k in SETS[s] for s in sets)}
    filters = _filter(c, m, where, fields, skip="set")
    return None if filters is None else (sets, filters)


def _filter(c: Checker, m: LineMap, where: str, fields: Mapping[str, tuple[str, ...]],
            skip: str | None = None) -> Filter | None:
    before = len(c.problems)
    out = []
    for name, value in m.items():
        if name == skip:
            continue
        line = m.lines.get(name, m.line)
        if name not in fields:
            valid = ", ".join(([skip] if skip else []) + list(fields))
            c.add(line, "unknown_key", key=name, where=where, valid=valid)
            continue
        values = c.texts(value, line, f"{where}.{name}")
        if values == ():  # an empty list would match nothing, silently
            c.add(line, "not_text_list", where=f"{where}.{name}")
        for v in values or ():
            if v not in fields[name]:
                c.add(line, "not_one_of", where=f"{where}.{name}", value=v,
                      valid=", ".join(fields[name]))
        out.append((name, frozenset(values or ())))
    return tuple(out) if len(c.problems) == before else None


def _read_rule(c: Checker, m: LineMap, where: str) -> Rule | None:
    spec = {"id": (T.text, True), "each": (c.one_of(("column", "row")), True),
            "equal": (_raw, True)}
    f = c.fields(m, where, spec)
    line = m.lines.get("equal", m.line)
    sides = f["equal"]
    if not (isinstance(sides, list) and len(sides) == 2
            and all(isinstance(s, list) and s and all(isinstance(k, str) for k in s)
                    for s in sides)):
        if sides is not None:
            c.add(line, "stats_rule_sides", where=f"{where}.equal")
        return None
    if f["id"] is None or f["each"] is None:
        return None
    return Rule(f["id"], f["each"], tuple(sides[0]), tuple(sides[1]), line)


def _kind(c: Checker, m: LineMap, where: str, keys: tuple[str, ...]) -> str | None:
    """The one key of `keys` that says what a row or column is (`heading: false` says nothing)."""
    given = [k for k in keys if m.get(k) is not None and m.get(k) is not False]
    if len(given) == 1:
        return given[0]
    c.add(m.line, "stats_one_of_keys", where=where, valid=", ".join(keys))
    return None


def _unique(c: Checker, keyed: Iterable[tuple[Any, int]]) -> None:
    seen: set[Any] = set()
    for key, line in keyed:
        if key is None:  # reported as missing already
            continue
        if key in seen:
            c.add(line, "duplicate_id", value=key)
        seen.add(key)


def _check_table(c: Checker, spec: TableSpec, where: str) -> None:
    """Cross-references inside one table: keys, sums, the columns' fields, the rules."""
    _unique(c, [(r.key, r.line) for r in spec.rows])
    _unique(c, [(col.key, col.line) for col in spec.columns])
    row_keys = [r.key for r in spec.data_rows]
    column_keys = [col.key for col in spec.columns]
    for r in spec.rows:
        _check_refs(c, r.sum, row_keys, r.line, f"{where}.rows.{r.key}.sum", spec.key, "row")
    for col in spec.columns:
        _check_refs(c, col.sum, column_keys, col.line, f"{where}.columns.{col.key}.sum",
                    spec.key, "column")
    _check_cycles(c, {r.key: (r.sum, r.line) for r in spec.rows}, f"{where}.rows")
    _check_cycles(c, {col.key: (col.sum, col.line) for col in spec.columns},
                  f"{where}.columns")
    for col in spec.columns:
        for r in spec.rows:
            missing = [name for name, _ in col.where if r.kind == "select"
                       and name not in r.fields]
            for name in missing:
                c.add(col.line, "stats_field_not_in_set", where=f"{where}.columns.{col.key}",
                      field=name, row=r.key, sets=", ".join(r.sets))
    for rule in spec.rules:
        keys, kind = (row_keys, "row") if rule.each == "column" else (column_keys, "column")
        _check_refs(c, rule.left + rule.right, keys, rule.line, f"{where}.rules.{rule.id}",
                    spec.key, kind)


def _check_refs(c: Checker, refs: Iterable[str], valid: Sequence[str], line: int, where: str,
                table: str, kind: str) -> None:
    for ref in refs:
        if ref in valid:
            continue
        params = {"where": where, "value": ref, "table": table, "valid": ", ".join(valid)}
        if kind == "row":
            c.add(line, "stats_unknown_row", **params)
        else:
            c.add(line, "stats_unknown_column", **params)


def _check_cycles(c: Checker, sums: Mapping[str, tuple[tuple[str, ...], int]],
                  where: str) -> None:
    """A sum that reaches itself, directly or through other sums, has no value."""
    for key, (parts, line) in sums.items():
        path = _path_to(sums, parts, key, [key])
        if path:
            c.add(line, "stats_sum_cycle", where=f"{where}.{key}", path=" -> ".join(path))


def _path_to(sums: Mapping[str, tuple[tuple[str, ...], int]], parts: Iterable[str],
             target: str, trail: list[str]) -> list[str] | None:
    for part in parts:
        if part == target:
            return [*trail, part]
        if part in sums and part not in trail:
            found = _path_to(sums, sums[part][0], target, [*trail, part])
            if found:
                return found
    return None

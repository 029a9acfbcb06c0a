"""Reading a statistics template: the YAML files in templates/, validated when loaded.

Every problem is reported with file and line, like the registry, and a template that has
any is refused whole (TemplateError): a misspelt set, field or value would otherwise count
nothing, silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, get_args

from qth_disclosure.core.stats.model import (
    ALL_FIELDS,
    FIGURES,
    PROACTIVE_ITEMS,
    SETS,
    Column,
    Filter,
    ProactiveBlock,
    ProactiveTable,
    Row,
    Rule,
    TableSpec,
    Template,
)
from qth_disclosure.errors import Problem, RegistryError
from qth_disclosure.registry.checker import Checker, T
from qth_disclosure.registry.yamlfile import LineMap, read_yaml
from qth_disclosure.vocab import TemplateId

TEMPLATE_IDS: tuple[str, ...] = get_args(TemplateId)
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# the national format (2019 trial, 2021 revision) replaced the 2014 statistics from the
# reports on 2019 onwards; its table 三 differs from the trial only in （六）
FIRST_YEAR_OF_2021_FORMAT = 2019


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


# ---------------------------------------------------------------- reading a template


def _mapping(c: Checker, value: Any, line: int, where: str) -> LineMap | None:
    return c.mapping(value, line, where)


def _raw(c: Checker, value: Any, line: int, where: str) -> Any:
    return value


TEMPLATE_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "id": (T.text, True), "title": (T.text, True), "basis": (T.text, False),
    "proactive": (_mapping, False), "tables": (_raw, False),  # checked entry by entry
}
PROACTIVE_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "title": (T.text, True), "blocks": (_raw, False),
}
BLOCK_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "heading": (T.text, True), "columns": (T.texts, True), "rows": (_raw, False),
}
BLOCK_ROW_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "label": (T.text, True), "items": (T.texts, True),
}
TABLE_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "key": (T.text, True), "title": (T.text, True), "columns": (_raw, False),
    "rows": (_raw, False), "rules": (_raw, False),
}
COLUMN_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "key": (T.text, True), "label": (T.text, True), "group": (T.text, False),
    "band": (T.text, False), "select": (_mapping, False), "sum": (T.texts, False),
}
ROW_SPEC: dict[str, tuple[Callable[..., Any], bool]] = {
    "key": (T.text, True), "label": (T.text, True), "select": (_mapping, False),
    "sum": (T.texts, False), "heading": (T.flag, False), "always_zero": (T.text, False),
    "figure": (T.text, False),
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
    proactive = (_read_proactive(c, f["proactive"], "proactive")
                 if f["proactive"] is not None else None)
    entries = c.entries(top, "tables")
    tables = [_read_table(c, m, f"tables[{i + 1}]") for i, m in enumerate(entries)]
    _unique(c, [(m.get("key"), m.lines.get("key", m.line)) for m in entries])
    rule_lines = [(r.id, r.line) for tb in tables if tb for r in tb.rules]
    _unique(c, rule_lines)
    if len(problems) > before or any(tb is None for tb in tables):
        return None
    return Template(f["id"], f["title"], f["basis"], path,
                    tuple(tb for tb in tables if tb is not None), proactive)


def _read_proactive(c: Checker, m: LineMap, where: str) -> ProactiveTable | None:
    """The proactive-disclosure table: blocks of rows, each row naming the recorded items
    (`disclose proactive --item`) it shows, one a column."""
    f = c.fields(m, where, PROACTIVE_SPEC)
    blocks = [_read_block(c, e, f"{where}.blocks[{i + 1}]")
              for i, e in enumerate(c.entries(m, "blocks"))]
    if f["title"] is None or not blocks or None in blocks:
        return None
    return ProactiveTable(f["title"], tuple(b for b in blocks if b is not None))


def _read_block(c: Checker, m: LineMap, where: str) -> ProactiveBlock | None:
    before = len(c.problems)
    f = c.fields(m, where, BLOCK_SPEC)
    rows: list[tuple[str, tuple[str, ...]]] = []
    for i, e in enumerate(c.entries(m, "rows")):
        at = f"{where}.rows[{i + 1}]"
        row = c.fields(e, at, BLOCK_ROW_SPEC)
        line = e.lines.get("items", e.line)
        for item in row["items"] or ():
            if item not in PROACTIVE_ITEMS:
                c.add(line, "not_one_of", where=f"{at}.items", value=item,
                      valid=", ".join(PROACTIVE_ITEMS))
        if row["items"] is not None and f["columns"] is not None \
                and len(row["items"]) != len(f["columns"]):
            c.add(line, "stats_items_per_column", where=f"{at}.items",
                  items=len(row["items"]), columns=len(f["columns"]))
        rows.append((row["label"], row["items"]))
    if len(c.problems) > before or not rows:
        return None
    return ProactiveBlock(f["heading"], f["columns"], tuple(rows))


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
                  m.lines.get("sum", m.line), f["band"])


def _read_row(c: Checker, m: LineMap, where: str) -> Row | None:
    f = c.fields(m, where, ROW_SPEC)
    kind = _kind(c, m, where, ("select", "sum", "heading", "always_zero", "figure"))
    if kind is None or f[kind] is None or f["key"] is None:
        return None  # what is wrong was reported
    key, label, line = f["key"], f["label"] or "", m.lines.get("sum", m.line)
    if kind == "heading":
        return Row(key, label, "heading", line=line)
    if kind == "sum":
        return Row(key, label, "sum", sum=f["sum"], line=line)
    if kind == "always_zero":
        return Row(key, label, "zero", note=f["always_zero"], line=line)
    if kind == "figure":
        if f["figure"] not in FIGURES:
            c.add(m.lines.get("figure", m.line), "not_one_of", where=f"{where}.figure",
                  value=f["figure"], valid=", ".join(FIGURES))
            return None
        return Row(key, label, "figure", figure=f["figure"], line=line)
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
    _check_bands(c, spec, where)


def _check_bands(c: Checker, spec: TableSpec, where: str) -> None:
    """A band spans contiguous columns, and a group lies inside one band (or none): the
    header lines above the columns nest, as on the form."""
    seen: dict[str, str] = {}  # each band, and the last column it spanned
    previous: Column | None = None
    for col in spec.columns:
        if col.band is not None and col.band in seen and (
                previous is None or previous.band != col.band):
            c.add(col.line, "stats_band_not_contiguous", where=f"{where}.columns.{col.key}",
                  band=col.band, last=seen[col.band])
        if (previous is not None and col.group is not None and col.group == previous.group
                and col.band != previous.band):
            c.add(col.line, "stats_group_across_bands", where=f"{where}.columns.{col.key}",
                  group=col.group, band=col.band or "—", other=previous.band or "—",
                  previous=previous.key)
        if col.band is not None:
            seen[col.band] = col.key
        previous = col


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

"""What a ledger cell may hold, for `db verify`: values the tool itself could have written.

The tool writes text as UTF-8, whole numbers where the schema says INTEGER, dates as
YYYY-MM-DD, times as ISO 8601 and lists of links and event details as JSON. SQLite keeps
whatever a client puts in a cell (bytes, text in an INTEGER column, any string in a date
column); PostgreSQL keeps types but not formats. A cell that breaks these rules was written
around the tool, and is named with its row rather than failing the reads that meet it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from qth_disclosure.ledger.backend import Backend, Undecodable

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T.+")
_HASH = re.compile(r"[0-9a-f]{64}")
# the JSON a column holds, by column name, and the shape the tool gives it
_JSON: dict[str, Callable[[Any], bool]] = {
    "links": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "details": lambda v: isinstance(v, dict),
    "content": lambda v: isinstance(v, dict),
}
# columns named as a JSON one above that hold plain text: a plan item's 公开内容
_PLAIN_TEXT = {("plan_items", "content")}

# (catalogue key, column, the value as shown) of a damaged cell
Damage = tuple[str, str, str]


def checker(b: Backend) -> Callable[[str, dict[str, Any]], Damage | None]:
    """A function naming a row's first damaged cell (None when every cell could be the
    tool's), judged by each column's declared type and, for dates, times, JSON and hashes,
    by its name; the declared types are read once per table."""
    # per table, each column's declared type and whether a rule beyond its type reads it
    # (a date, a time, JSON, a hash): a plain text or integer cell of the right type is
    # the tool's whatever it holds, and is passed without a lookup
    types: dict[str, dict[str, tuple[str, bool]]] = {}
    # the verdicts of the last cells seen, by table, column and value: a ledger repeats
    # its dates, its links and its units' texts row after row (`db verify` asks of
    # millions of cells; a verdict depends on nothing else, see _problem)
    seen: dict[tuple[str, str, Any], str | None] = {}

    def damaged(table: str, row: dict[str, Any]) -> Damage | None:
        if table not in types:
            types[table] = {column: (kind, _has_rule(table, column, kind))
                            for column, kind in _declared_types(b, table).items()}
        declared = types[table]
        for column, value in row.items():
            if value is None:
                continue
            kind, ruled = declared.get(column, _NO_TYPE)
            if not ruled and type(value) is (str if kind == "text" else int):
                continue  # the commonest cells: text in a text column, an id or a number
            cell = (table, column, value) if type(value) is str and len(value) <= 256 else None
            key = seen.get(cell, _UNSEEN) if cell is not None else _UNSEEN
            if key is _UNSEEN:
                key = _problem(column, kind, value,
                               json_column=(table, column) not in _PLAIN_TEXT)
                if cell is not None:
                    if len(seen) >= _SEEN:
                        seen.clear()
                    seen[cell] = key
            if key is not None:
                return key, column, shown(value)
        return None

    return damaged


_NO_TYPE = ("", True)


def _has_rule(table: str, column: str, declared: str) -> bool:
    """Whether `_problem` asks more of a text cell of `column` than that it be text (and
    of an integer one, than that it be an integer: never)."""
    if declared != "text":
        return declared != "integer"
    return (column.endswith("_on") or column in ("as_of", "on_date", "recorded_at",
                                                 "chain_head")
            or (column in _JSON and (table, column) not in _PLAIN_TEXT))


_SEEN = 65_536  # cells of at most 256 characters: a few tens of MiB at most
_UNSEEN = "unseen"


def _problem(column: str, declared: str, value: Any, *, json_column: bool = True
             ) -> str | None:
    if value is None:
        return None  # NOT NULL is the database's own check, on both
    if isinstance(value, Undecodable):
        return "cell_not_utf8"
    if declared == "integer":
        return None if isinstance(value, int) and not isinstance(value, bool) else (
            "cell_not_number")
    if declared != "text":
        return None  # a column of a type no rule here knows: the database's business
    if not isinstance(value, str):
        return "cell_binary" if isinstance(value, bytes) else None
    if column.endswith("_on") or column in ("as_of", "on_date"):
        return None if _is_date(value) else "cell_not_date"
    if column == "recorded_at":
        return None if _is_time(value) else "cell_not_time"
    if column in _JSON and json_column:
        try:
            return None if _JSON[column](json.loads(value)) else "cell_not_json"
        except ValueError:
            return "cell_not_json"
    if column == "chain_head":
        return None if is_hash(value) else "cell_not_hash"
    return None


def is_hash(value: Any) -> bool:
    return isinstance(value, str) and _HASH.fullmatch(value) is not None


def _is_date(text: str) -> bool:
    if _DATE.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:  # 2015-13-45
        return False
    return True


def _is_time(text: str) -> bool:
    if _TIME.fullmatch(text) is None:
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def shown(value: Any, limit: int = 40) -> str:
    """A cell's value fit for a one-line message: quoted, escaped, cut short."""
    text = repr(bytes(value) if isinstance(value, bytes) else value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _declared_types(b: Backend, table: str) -> dict[str, str]:
    """Each column's declared type, lower case: `integer`, `text`, ..."""
    if b.dialect == "sqlite":
        sql = "SELECT name, type FROM pragma_table_info(?)"
    else:
        sql = ("SELECT column_name, data_type FROM information_schema.columns "
               "WHERE table_schema = current_schema() AND table_name = ?")
    return {str(name): str(kind).lower() for name, kind in b.execute(sql, (table,)).fetchall()}

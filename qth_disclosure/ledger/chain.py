"""Tamper evidence: every row's content, author and time, hashed into one chain.

Each write appends, in its own transaction, one `chain` entry per new row: the SHA-256 of
the previous entry's hash and the row exactly as stored. Editing, deleting or inserting a
row outside the tool breaks the chain at that row, and `verify` names the first break; a
cell the tool could never have written (text that is not UTF-8, a malformed date) is
named as such. What the chain alone cannot show is someone who can write the database
rewriting it after the row they changed, or removing its last entries with their rows:
a head kept elsewhere (`verify`'s `head`, printed by `db info`, `db backup` and an issued
bulletin) catches both, and so does the head each bulletin records when the chain before
it is rewritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from qth_disclosure.errors import LedgerError
from qth_disclosure.ledger import cells
from qth_disclosure.ledger.backend import Backend
from qth_disclosure.ledger.rowclass import row

GENESIS = "0" * 64
# the tables whose rows are chained, in the order a backfill visits rows recorded at once
CHAINED = ("submissions", "reviews", "inspections", "bulletins", "applications",
           "application_events", "rosters", "documents", "voids", "clearances", "plan_items",
           "reminders", "proactive_figures", "application_fees",
           "attachments")
# Columns added to a chained table after rows of it were chained: hashed only when they
# hold a value, so the rows chained before they existed keep their hashes. The server's
# chain check (server_rules) leaves them out the same way.
ADDED_COLUMNS: dict[str, tuple[str, ...]] = {"bulletins": ("chain_length", "chain_head"),
                                             "applications": ("receipt_basis",)}

# Columns a row is chained without: an attachment's bytes, for which the row's `sha256`
# stands (`db verify` hashes the bytes against it: `attachment_problem`), so that walking
# the chain never reads a file, and the server's chain check never hashes one twice.
UNHASHED_COLUMNS: dict[str, tuple[str, ...]] = {"attachments": ("data",)}


# json.dumps with these options, made once: `db verify` hashes millions of rows
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(previous: str, table: str, row: dict[str, Any]) -> str:
    added = ADDED_COLUMNS.get(table)
    hashed = {k: v for k, v in row.items() if v is not None or k not in added} if added else row
    canonical = _CANONICAL.encode({"table": table, "row": hashed})
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def read_rows(b: Backend, table: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Rows of `table` by id, as stored (column name to value)."""
    if not ids:
        return {}
    args: list[Any]
    if b.dialect == "postgresql":
        # one array, not a statement of a placeholder per id (verify reads pages of
        # 5,000) for the server to parse and bind: such a page read in 45-55 ms, not 85-100
        where, args = "id = ANY(?::int8[])", [ids]
    else:
        where, args = f"id IN ({', '.join('?' * len(ids))})", ids
    cur = b.execute(f"SELECT {_hashed_columns(b, table)} FROM {table} WHERE {where}", args)
    names = [d[0] for d in cur.description]
    return {int(r[names.index("id")]): dict(zip(names, r, strict=True)) for r in cur.fetchall()}


def _hashed_columns(b: Backend, table: str) -> str:
    """`*`, or for a table with UNHASHED_COLUMNS every other column the table has (as it
    is: a column added around the tool is hashed, and so breaks the chain)."""
    unhashed = UNHASHED_COLUMNS.get(table)
    if not unhashed:
        return "*"
    names = [d[0] for d in b.execute(f"SELECT * FROM {table} LIMIT 0").description]
    return ", ".join(n for n in names if n not in unhashed)


def head(b: Backend) -> tuple[int, str]:
    """The last entry's sequence number and hash (0 and GENESIS for an empty chain).
    A last hash that is not text (written around the tool) is refused in one line: no
    row may be chained onto it."""
    with b.reading_raw_text():
        found = b.execute("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    if found is None:
        return 0, GENESIS
    if type(found[1]) is not str:
        raise LedgerError("chain_entry_damaged", seq=found[0], column="hash",
                          value=cells.shown(found[1]))
    return int(found[0]), found[1]


def append(b: Backend, table: str, row_id: int) -> str:
    """Chain one just-written row; runs inside the row's own write transaction."""
    seq, previous = head(b)
    row = read_rows(b, table, [row_id]).get(row_id)
    assert row is not None, f"{table} #{row_id} vanished inside its own transaction"
    digest = row_hash(previous, table, row)
    b.execute("INSERT INTO chain (seq, tbl, row_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
              (seq + 1, table, row_id, previous, digest))
    return digest


@row
class Break:
    """The first place the chain does not hold: a catalogue key and its parameters."""

    key: str
    params: dict[str, Any]


def verify(b: Backend, progress: Callable[[int], None] | None = None, *,
           head: str | None = None) -> Break | None:
    """Walk the chain from the start; None when every row and link holds, every head a
    bulletin recorded is an entry before the bulletin's own, and (when given) `head`, a
    hash or its first 16 or more hexadecimal digits, is an entry of the chain."""
    previous, expected_seq = GENESIS, 1
    found = head is not None and GENESIS.startswith(head)
    with b.reading_raw_text():  # a cell that is not UTF-8 is named, not a failed read
        heads, damaged_cell = _BulletinHeads(b), cells.checker(b)
        for page in _pages(b):
            rows = {table: read_rows(b, table, [e[2] for e in page if e[1] == table])
                    for table in {e[1] for e in page} if table in CHAINED}
            for entry in page:
                seq, table, row_id, prev_hash, digest = entry
                damaged = _damaged_entry(entry)
                if damaged is not None:
                    return damaged
                if seq != expected_seq:
                    return Break("chain_entry_missing", {"seq": expected_seq})
                if prev_hash != previous:
                    return Break("chain_link_broken", {"seq": seq, "table": table, "id": row_id})
                row = rows[table].get(row_id)
                if row is None:
                    return Break("chain_row_deleted", {"table": table, "id": row_id})
                bad_cell = damaged_cell(table, row)
                if bad_cell is not None:
                    key, column, value = bad_cell
                    return Break(key, {"table": table, "id": row_id, "column": column,
                                       "value": value})
                if row_hash(previous, table, row) != digest:
                    return Break("chain_row_changed", {"table": table, "id": row_id})
                wrong_head = heads.check(seq, table, row_id, digest)
                if wrong_head is not None:
                    return wrong_head
                found = found or (head is not None and digest.startswith(head))
                previous, expected_seq = digest, seq + 1
            if progress:
                progress(expected_seq - 1)
    for table in CHAINED:
        # NOT EXISTS, which both databases answer in one pass against the chain's
        # (tbl, row_id) key; PostgreSQL rescans a NOT IN's list per row once it outgrows
        # work_mem
        stray = b.execute(
            f"SELECT min(id) FROM {table} t WHERE NOT EXISTS "
            "(SELECT 1 FROM chain c WHERE c.tbl = ? AND c.row_id = t.id)", (table,)).fetchone()[0]
        if stray is not None:
            return Break("chain_row_unchained", {"table": table, "id": stray})
    if head is not None and not found:
        return Break("chain_head_not_found", {"head": head, "length": expected_seq - 1,
                                              "last": previous})
    return None


def _damaged_entry(entry: tuple[Any, ...]) -> Break | None:
    """An entry the tool could not have written: a number below 1 (the walk starts at 1,
    and a row chained there only would pass for chained), a table that is not chained, a
    row id that is no number, a hash that is not text. (A hash that is text but wrong is
    a broken link or a changed row, named as such.)"""
    seq, table, row_id, prev_hash, digest = entry
    if (type(seq) is int and seq >= 1 and type(row_id) is int and type(prev_hash) is str
            and type(digest) is str and table in CHAINED):
        return None  # every entry the tool writes, judged without building the list below
    for column, value, fits in (
            ("seq", seq, seq >= 1),
            ("tbl", table, table in CHAINED),
            ("row_id", row_id, isinstance(row_id, int) and not isinstance(row_id, bool)),
            ("prev_hash", prev_hash, type(prev_hash) is str),
            ("hash", digest, type(digest) is str)):
        if not fits:
            return Break("chain_entry_damaged", {"seq": seq, "column": column,
                                                 "value": cells.shown(value)})
    return None


class _BulletinHeads:
    """The chain heads issued bulletins recorded, checked as the walk passes them: each
    must be the entry it names, before the bulletin's own; and once bulletins record
    heads, every later one does."""

    def __init__(self, b: Backend) -> None:
        self.wanted: dict[Any, list[tuple[int, Any]]] = {}
        self.recorded: dict[int, tuple[Any, Any, Any]] = {}  # id: number, length, head
        self.matched: set[int] = set()
        self.headed_before = False
        for row_id, number, length, recorded in b.execute(
                "SELECT id, number, chain_length, chain_head FROM bulletins "
                "WHERE chain_length IS NOT NULL OR chain_head IS NOT NULL").fetchall():
            self.recorded[row_id] = (number, length, recorded)
            if length == 0 and recorded == GENESIS:  # issued into an empty chain
                self.matched.add(row_id)
            else:
                self.wanted.setdefault(length, []).append((row_id, recorded))

    def check(self, seq: int, table: str, row_id: int, digest: str) -> Break | None:
        """At entry `seq`: the bulletin it chains, then the bulletins that say they saw it."""
        if table == "bulletins":
            if row_id not in self.recorded:
                # a bulletin without a head may be older than the heads, not newer than one
                if self.headed_before:
                    return Break("bulletin_head_missing", {"id": row_id})
            elif row_id not in self.matched:  # it names an entry after its own, or none
                return self._broken(row_id)
            else:
                self.headed_before = True
        for bulletin, recorded in self.wanted.pop(seq, []):
            if recorded != digest:
                return self._broken(bulletin)
            self.matched.add(bulletin)
        return None

    def _broken(self, bulletin: int) -> Break:
        number, length, recorded = self.recorded[bulletin]
        return Break("bulletin_head_not_in_chain",
                     {"id": bulletin, "number": number, "seq": length,
                      "head": recorded if cells.is_hash(recorded) else cells.shown(recorded)})


PAGE = 5_000


def _pages(b: Backend) -> Iterator[list[tuple[int, str, int, str, str]]]:
    """The chain in pages of entries, by key: the same few queries on either database,
    and never the whole chain in memory. The first page starts at the lowest number
    there is, whatever it is."""
    after = int(b.execute("SELECT coalesce(min(seq), 1) FROM chain").fetchone()[0]) - 1
    while page := [tuple(r) for r in b.execute(
            "SELECT seq, tbl, row_id, prev_hash, hash FROM chain WHERE seq > ? "
            f"ORDER BY seq LIMIT {PAGE}", (after,)).fetchall()]:
        yield page
        after = int(page[-1][0])

"""Tamper evidence: every row's content, author and time, hashed into one chain.

Each write appends, in its own transaction, one `chain` entry per new row: the SHA-256 of
the previous entry's hash and the row exactly as stored. Editing, deleting or inserting a
row outside the tool breaks the chain at that row, and `verify` names the first break.
What it cannot stop is someone who can write the file rewriting the whole chain after
the row they changed: compare the head hash with a copy kept elsewhere (a backup, a
printed bulletin) to catch that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from qth_disclosure.ledger.backend import Backend

GENESIS = "0" * 64
# the tables whose rows are chained, in the order a backfill visits rows recorded at once
CHAINED = ("submissions", "reviews", "inspections", "bulletins", "applications",
           "application_events")


def row_hash(previous: str, table: str, row: dict[str, Any]) -> str:
    canonical = json.dumps({"table": table, "row": row}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def read_rows(b: Backend, table: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Rows of `table` by id, as stored (column name to value)."""
    if not ids:
        return {}
    cur = b.execute(f"SELECT * FROM {table} WHERE id IN ({', '.join('?' * len(ids))})", ids)
    names = [d[0] for d in cur.description]
    return {int(r[names.index("id")]): dict(zip(names, r, strict=True)) for r in cur.fetchall()}


def head(b: Backend) -> tuple[int, str]:
    """The last entry's sequence number and hash (0 and GENESIS for an empty chain)."""
    found = b.execute("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(found[0]), str(found[1])) if found else (0, GENESIS)


def append(b: Backend, table: str, row_id: int) -> str:
    """Chain one just-written row; runs inside the row's own write transaction."""
    seq, previous = head(b)
    row = read_rows(b, table, [row_id]).get(row_id)
    assert row is not None, f"{table} #{row_id} vanished inside its own transaction"
    digest = row_hash(previous, table, row)
    b.execute("INSERT INTO chain (seq, tbl, row_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
              (seq + 1, table, row_id, previous, digest))
    return digest


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold: a catalogue key and its parameters."""

    key: str
    params: dict[str, Any]


def verify(b: Backend, progress: Callable[[int], None] | None = None) -> Break | None:
    """Walk the chain from the start; None when every row and link holds."""
    previous, expected_seq, seen = GENESIS, 1, 0
    for page in _pages(b):
        rows = {table: read_rows(b, table, [e[2] for e in page if e[1] == table])
                for table in {e[1] for e in page}}
        for seq, table, row_id, prev_hash, digest in page:
            if seq != expected_seq:
                return Break("chain_entry_missing", {"seq": expected_seq})
            if prev_hash != previous:
                return Break("chain_link_broken", {"seq": seq, "table": table, "id": row_id})
            row = rows[table].get(row_id)
            if row is None:
                return Break("chain_row_deleted", {"table": table, "id": row_id})
            if row_hash(previous, table, row) != digest:
                return Break("chain_row_changed", {"table": table, "id": row_id})
            previous, expected_seq = digest, seq + 1
        seen += len(page)
        if progress:
            progress(seen)
    for table in CHAINED:
        stray = b.execute(
            f"SELECT min(id) FROM {table} WHERE id NOT IN "
            "(SELECT row_id FROM chain WHERE tbl = ?)", (table,)).fetchone()[0]
        if stray is not None:
            return Break("chain_row_unchained", {"table": table, "id": stray})
    return None


PAGE = 5_000


def _pages(b: Backend) -> Iterator[list[tuple[int, str, int, str, str]]]:
    """The chain in pages of entries, by key: the same few queries on either database,
    and never the whole chain in memory."""
    after = 0
    while page := [tuple(r) for r in b.execute(
            "SELECT seq, tbl, row_id, prev_hash, hash FROM chain WHERE seq > ? "
            f"ORDER BY seq LIMIT {PAGE}", (after,)).fetchall()]:
        yield page
        after = int(page[-1][0])

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
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
# the tables whose rows are chained, in the order a backfill visits rows recorded at once
CHAINED = ("submissions", "reviews", "inspections", "bulletins", "applications",
           "application_events")


def row_hash(previous: str, table: str, row: dict[str, Any]) -> str:
    canonical = json.dumps({"table": table, "row": row}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{canonical}".encode()).hexdigest()


def read_row(db: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    cur = db.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    found = cur.fetchone()
    if found is None:
        return None
    return {d[0]: v for d, v in zip(cur.description, found, strict=True)}


def head(db: sqlite3.Connection) -> tuple[int, str]:
    """The last entry's sequence number and hash (0 and GENESIS for an empty chain)."""
    found = db.execute("SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(found[0]), str(found[1])) if found else (0, GENESIS)


def append(db: sqlite3.Connection, table: str, row_id: int) -> str:
    """Chain one just-written row; runs inside the row's own write transaction."""
    seq, previous = head(db)
    row = read_row(db, table, row_id)
    assert row is not None, f"{table} #{row_id} vanished inside its own transaction"
    digest = row_hash(previous, table, row)
    db.execute("INSERT INTO chain (seq, tbl, row_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
               (seq + 1, table, row_id, previous, digest))
    return digest


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold: a catalogue key and its parameters."""

    key: str
    params: dict[str, Any]


def verify(db: sqlite3.Connection, progress: Callable[[int], None] | None = None) -> Break | None:
    """Walk the chain from the start; None when every row and link holds."""
    previous, expected_seq = GENESIS, 1
    for seen, (seq, table, row_id, prev_hash, digest) in enumerate(_entries(db), 1):
        if seq != expected_seq:
            return Break("chain_entry_missing", {"seq": expected_seq})
        if prev_hash != previous:
            return Break("chain_link_broken", {"seq": seq, "table": table, "id": row_id})
        row = read_row(db, table, row_id)
        if row is None:
            return Break("chain_row_deleted", {"table": table, "id": row_id})
        if row_hash(previous, table, row) != digest:
            return Break("chain_row_changed", {"table": table, "id": row_id})
        previous, expected_seq = digest, seq + 1
        if progress and seen % 10_000 == 0:
            progress(seen)
    for table in CHAINED:
        stray = db.execute(
            f"SELECT min(id) FROM {table} WHERE id NOT IN "
            "(SELECT row_id FROM chain WHERE tbl = ?)", (table,)).fetchone()[0]
        if stray is not None:
            return Break("chain_row_unchained", {"table": table, "id": stray})
    return None


def _entries(db: sqlite3.Connection) -> Iterator[tuple[int, str, int, str, str]]:
    cur = db.execute("SELECT seq, tbl, row_id, prev_hash, hash FROM chain ORDER BY seq")
    while batch := cur.fetchmany(5_000):
        yield from batch

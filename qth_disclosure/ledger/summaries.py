"""What the ledger keeps beside its rows for reading them cheaply, as `db verify` checks it.

SQLite keeps each deliverable's earliest receipt in `first_receipts` (migration 23), moved
by a trigger as submissions arrive, with triggers refusing any other row; `db verify`
compares the whole table with the submissions, so an edit made with those triggers dropped
(which the guards name too) or a summary that lost a row is named by its receipt.
"""

from __future__ import annotations

from typing import Any

from qth_disclosure.ledger import cells
from qth_disclosure.ledger.backend import Backend
from qth_disclosure.ledger.chain import Break
from qth_disclosure.ledger.schema import EARLIEST_RECEIPTS, not_first
from qth_disclosure.ledger.schema import FIRST_RECEIPT_KEY as _KEY

_KEPT = f"SELECT {_KEY}, received_on, submission FROM first_receipts"
# a row naming another receipt than its deliverable's earliest by (received_on, id), or not
# that receipt's day (what the table's own triggers refuse): one descent of the deliverable
# index per row
_WRONG = f"{_KEPT} f WHERE {not_first('f')}"
# a deliverable's second row (the unique index lets NULL keys repeat)
_TWICE = f"{_KEPT} WHERE rowid NOT IN (SELECT min(rowid) FROM first_receipts GROUP BY {_KEY})"


def disagreement(b: Backend) -> Break | None:
    """The first row the summary holds that is not a deliverable's earliest receipt (or is
    its second), or the first earliest receipt it lacks; None when it holds exactly the
    earliest receipts. Each row is checked against the deliverable index; whether one is
    missing, by counting the deliverables, and only then which."""
    if b.dialect != "sqlite":
        return None
    with b.reading_raw_text():
        for key, query in (("first_receipt_foreign", _WRONG), ("first_receipt_twice", _TWICE)):
            row = b.execute(f"{query} ORDER BY 7 LIMIT 1").fetchone()
            if row is not None:
                return _named(key, row)
        kept = b.execute("SELECT count(*) FROM first_receipts").fetchone()[0]
        owed = b.execute(f"SELECT count(*) FROM (SELECT 1 FROM submissions GROUP BY {_KEY})"
                         ).fetchone()[0]
        if kept != owed:
            row = b.execute(f"{EARLIEST_RECEIPTS} EXCEPT {_KEPT} ORDER BY 7 LIMIT 1").fetchone()
            if row is not None:
                return _named("first_receipt_missing", row)
    return None


def _named(key: str, row: tuple[Any, ...]) -> Break:
    return Break(key, {"id": row[6], "deliverable": " ".join(
        v if isinstance(v, str) else cells.shown(v) for v in row[1:5] if v is not None)})

"""What the ledger keeps beside its rows for reading them cheaply, as `db verify` checks it.

SQLite keeps each deliverable's earliest receipt in `first_receipts` (migration 23), moved
by a trigger as submissions arrive, with triggers refusing any other row; `db verify`
compares the whole table with the submissions, so an edit made with those triggers dropped
(which the guards name too) or a summary that lost a row is named by its receipt.
"""

from __future__ import annotations

from qth_disclosure.ledger import cells
from qth_disclosure.ledger.backend import Backend
from qth_disclosure.ledger.chain import Break

_KEY = "plan, agency, kind, task, period"
# each deliverable's earliest submission by (received_on, id), as the rows hold it
_EARLIEST = (f"SELECT {_KEY}, received_on, id FROM (SELECT {_KEY}, received_on, id, "
             f"row_number() OVER (PARTITION BY {_KEY} ORDER BY received_on, id) AS n "
             "FROM submissions) WHERE n = 1")
_KEPT = f"SELECT {_KEY}, received_on, submission FROM first_receipts"


def disagreement(b: Backend) -> Break | None:
    """The first receipt the summary lacks, or the first row it holds that is not a
    deliverable's earliest receipt; None when it holds exactly the earliest receipts."""
    if b.dialect != "sqlite":
        return None
    with b.reading_raw_text():
        for key, query in (("first_receipt_missing", f"{_EARLIEST} EXCEPT {_KEPT}"),
                           ("first_receipt_foreign", f"{_KEPT} EXCEPT {_EARLIEST}")):
            row = b.execute(f"{query} ORDER BY 7 LIMIT 1").fetchone()
            if row is not None:
                return Break(key, {"id": row[6], "deliverable": " ".join(
                    v if isinstance(v, str) else cells.shown(v)
                    for v in row[1:5] if v is not None)})
    return None

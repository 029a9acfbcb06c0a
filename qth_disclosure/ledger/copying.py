"""Moving a ledger between databases (SQLite file to PostgreSQL and back), row for row.

Rows keep their ids, their stamps and their chain entries exactly, so the copy's hash chain
is the source's: it is verified on the copy, inside the copy's one transaction, before that
transaction commits. A copy that does not match leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from qth_disclosure.errors import LedgerError
from qth_disclosure.ledger import chain, copy_checks
from qth_disclosure.ledger.backend import Backend, count_rows

BATCH = 5_000
# parents before the rows that refer to them, then the chain over all of them
ORDER = (*chain.CHAINED, "chain")
_KEY = {"chain": "seq"}
# rows per batch where a row may hold a file (up to the registry's cap): a few at a time
_BATCH = {"attachments": 8}


class Copied(NamedTuple):
    counts: dict[str, int]  # rows per table, the chain's entries included
    head: tuple[int, str]  # the chain's last entry and hash, the same on both sides


def copy_rows(source: Backend, target: Backend, target_shown: str,
              progress: Callable[[int, int], None] | None = None) -> Copied:
    """Copy every row of `source` into the empty `target`.

    The source is read in one snapshot (others may go on writing to it); the target is
    written in one transaction, and checked (row counts, the whole chain, its head) before
    it commits.
    """
    with source.snapshot():
        expected = count_rows(source, ORDER)
        head = chain.head(source)
        total, done = sum(expected.values()), 0
        with target.write():
            already = count_rows(target, ORDER)
            if any(already.values()):
                raise LedgerError("copy_target_not_empty", target=target_shown,
                                  rows=sum(n for t, n in already.items() if t != "chain"))
            with copy_checks.checked(target, ORDER):
                for table in ORDER:
                    # never before the table holds rows: a table known to be empty is
                    # read by scans, whatever its indexes
                    in_table, replan_at = 0, BATCH
                    for names, batch in _batches(source, table):
                        target.insert_copied(table, names, batch)
                        done, in_table = done + len(batch), in_table + len(batch)
                        if in_table >= replan_at:  # whenever the table has doubled
                            target.grown([table])
                            replan_at *= 2
                        if progress:
                            progress(done, total)
                    if table != "chain":
                        target.ids_inserted(table)
            _check(target, target_shown, expected, head)
    return Copied(expected, head)


def _batches(b: Backend, table: str) -> Iterator[tuple[list[str], list[Any]]]:
    """The rows of `table` by key, a batch at a time: its column names, and the rows."""
    key, size = _KEY.get(table, "id"), _BATCH.get(table, BATCH)
    after = 0
    while True:
        cur = b.execute(f"SELECT * FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT {size}",
                        (after,))
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        if not rows:
            return
        yield names, rows
        after = int(rows[-1][names.index(key)])


def _check(target: Backend, shown: str, expected: dict[str, int],
           head: tuple[int, str]) -> None:
    copied = count_rows(target, ORDER)
    if copied != expected:
        wrong = ", ".join(f"{t} {copied[t]} of {n}" for t, n in expected.items()
                          if copied[t] != n)
        raise LedgerError("copy_mismatch", target=shown, detail=wrong)
    from qth_disclosure.ledger.attached import tampered

    broken = chain.verify(target) or tampered(target)
    if broken is not None:
        raise LedgerError("copy_mismatch", target=shown,
                          detail=f"{broken.key} {broken.params}")
    if chain.head(target) != head:
        raise LedgerError("copy_mismatch", target=shown, detail="the chain heads differ")

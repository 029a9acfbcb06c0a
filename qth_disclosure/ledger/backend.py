"""What the ledger needs from a database: the interface SQLite and PostgreSQL both provide.

The ledger's SQL is written once, with `?` placeholders and portable types (TEXT dates,
integer ids); a backend supplies what differs: connecting, the one-writer-at-a-time write
transaction, how an insert returns its id, the database's own integrity check, errors in
the tool's words. Nothing above `Ledger` knows which backend is in use; which one a
location names is `location.py`'s business, and `Ledger.open` picks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol


class Cursor(Protocol):
    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Backend(Protocol):
    dialect: str  # "sqlite" | "postgresql"
    location: str  # as shown to people: a path, or a URL without its password

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement; `?` marks each parameter, whatever the database."""

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row and return its id."""

    def insert_copied(self, table: str, names: Sequence[str],
                      rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows with their ids as given (a copy), each meeting every check a row
        written by the tool meets."""

    def write(self) -> AbstractContextManager[None]:
        """One write transaction, serialised with every other writer: all of it or none."""

    def snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: every read inside sees one moment, while others write."""

    def ids_inserted(self, table: str) -> None:
        """Rows came in with their ids given (a copy): later inserts must number after them."""

    def grown(self, tables: Sequence[str]) -> None:
        """Many rows came into `tables` inside this transaction (a copy): plan what follows
        for their new size."""

    def table_exists(self, table: str) -> bool: ...

    def tables(self) -> list[str]:
        """Every table and view where the ledger is kept, the database's own left out."""

    def reading_raw_text(self) -> AbstractContextManager[None]:
        """Inside, text stored as something other than UTF-8 reads as `Undecodable`
        instead of failing the read: verify names the cell."""

    def integrity_problem(self) -> str | None:
        """The database's own consistency check: None when it passes."""

    def backup(self, target: Path, progress: Callable[[int, int], None] | None) -> None: ...

    def size_bytes(self) -> int: ...

    def close(self) -> None: ...


class Undecodable(bytes):
    """The bytes of a text cell that are not UTF-8 (read inside `reading_raw_text`)."""


def count_rows(b: Backend, tables: Sequence[str]) -> dict[str, int]:
    """Rows in each of `tables`."""
    return {table: int(b.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in tables}

"""What the ledger needs from a database, and the choice between SQLite and PostgreSQL.

The ledger's SQL is written once, with `?` placeholders and portable types (TEXT dates,
integer ids); a backend supplies what differs: connecting, the one-writer-at-a-time write
transaction, how an insert returns its id, the database's own integrity check, errors in
the tool's words. Nothing above `Ledger` knows which backend is in use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

URL_SCHEMES = ("postgresql://", "postgres://")


class Cursor(Protocol):
    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Backend(Protocol):
    dialect: str  # "sqlite" | "postgresql"
    location: str  # as shown to people: a path, or a URL without its password
    # what an INSERT says to keep the ids it gives (a copy), where ids are the server's
    given_ids: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement; `?` marks each parameter, whatever the database."""

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row and return its id."""

    def write(self) -> AbstractContextManager[None]:
        """One write transaction, serialised with every other writer: all of it or none."""

    def snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: every read inside sees one moment, while others write."""

    def ids_inserted(self, table: str) -> None:
        """Rows came in with their ids given (a copy): later inserts must number after them."""

    def table_exists(self, table: str) -> bool: ...

    def integrity_problem(self) -> str | None:
        """The database's own consistency check: None when it passes."""

    def backup(self, target: Path, progress: Callable[[int, int], None] | None) -> None: ...

    def size_bytes(self) -> int: ...

    def close(self) -> None: ...


def count_rows(b: Backend, tables: Sequence[str]) -> dict[str, int]:
    """Rows in each of `tables`."""
    return {table: int(b.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in tables}


def is_server(location: str) -> bool:
    """A PostgreSQL URL, rather than a file path."""
    return location.startswith(URL_SCHEMES)


def _refuse_other_urls(location: str) -> None:
    """Any other scheme:// would otherwise become a directory named after the scheme."""
    scheme, separator, _ = location.partition("://")
    if separator and scheme.isidentifier() and not is_server(location):
        from qth_disclosure.errors import LedgerError

        raise LedgerError("ledger_bad_location", location=shown(location), scheme=scheme)


def connect(location: str, *, for_writing: bool) -> Backend:
    """The backend for `location`: PostgreSQL for a postgresql:// URL, else an SQLite file."""
    _refuse_other_urls(location)
    if is_server(location):
        from qth_disclosure.ledger.postgres import PostgresBackend

        return PostgresBackend.connect(location)
    from qth_disclosure.ledger.sqlite import SQLiteBackend

    return SQLiteBackend.connect(location, for_writing=for_writing)


def exists(location: str) -> bool:
    """Whether anything has been recorded at `location` yet (a server ledger always is)."""
    _refuse_other_urls(location)
    return is_server(location) or Path(location).exists()


def shown(location: str) -> str:
    """`location` fit to print: a URL loses its password (in the address or the query)."""
    if not is_server(location):
        return location
    import re
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(location)
    except ValueError:  # not even a URL: hide whatever stands where a password would
        return re.sub(r"://[^@/]*@", "://***@", location)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
    query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
    return urlunsplit(parts._replace(netloc=netloc, query=query))

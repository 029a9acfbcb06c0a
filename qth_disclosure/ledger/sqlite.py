"""The SQLite backend: one file, WAL, one writer at a time through BEGIN IMMEDIATE.

Writers queue on SQLite's busy timeout; a bounded retry with jitter covers the rare case
where a long checkpoint or a crowd of liaisons outlasts one timeout. A killed process
leaves all of a transaction or none of it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from qth_disclosure.errors import InputError, LedgerError
from qth_disclosure.ledger.backend import Undecodable

BUSY_TIMEOUT_MS = 10_000
BUSY_ATTEMPTS = 3


class SQLiteBackend:
    dialect = "sqlite"
    given_ids = ""

    def __init__(self, db: sqlite3.Connection, location: str) -> None:
        self.db = db
        self.location = location

    @classmethod
    def connect(cls, location: str, *, for_writing: bool) -> SQLiteBackend:
        """Open (creating on first write) the file at `location`.

        A read of a ledger that does not exist yet sees an empty one and creates nothing.
        """
        path = Path(location)
        if not path.exists() and not for_writing:
            return cls(_connect(":memory:"), location)
        if not path.exists():
            _create_file(path)
        try:
            return cls(_connect(str(path)), location)
        except sqlite3.Error as exc:
            error = ledger_error(exc, location)
            if error.key == "ledger_readonly" and not for_writing:
                # a reader who may not write the directory cannot create WAL's shared
                # memory file; it can still read the file as it stands
                return cls(_connect(f"file:{path}?immutable=1", uri=True), location)
            if error.key == "ledger_write_failed":
                raise LedgerError("ledger_unopenable", location=location,
                                  reason=str(exc)) from exc
            raise error from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, params)
        except sqlite3.Error as exc:
            raise ledger_error(exc, self.location) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self.db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise ledger_error(exc, self.location) from exc

    def insert(self, table: str, row: dict[str, Any]) -> int:
        cur = self.execute(f"INSERT INTO {table} ({', '.join(row)}) "
                           f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
        return int(cur.lastrowid or 0)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One IMMEDIATE transaction: all of it is written, or none."""
        self._begin()
        try:
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise ledger_error(exc, self.location) from exc
        except BaseException:
            self._rollback()
            raise

    def _begin(self) -> None:
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                error = ledger_error(exc, self.location)
                if error.key != "ledger_busy" or attempt == BUSY_ATTEMPTS:
                    raise error from exc
                import random  # only a busy ledger needs the jitter

                time.sleep(random.uniform(0.05, 0.25) * attempt)

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (e.g. on a full disk)
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        self.execute("BEGIN")  # deferred: WAL gives the reader one snapshot, writers go on
        try:
            yield
        finally:
            self._rollback()

    def ids_inserted(self, table: str) -> None:
        """Nothing to do: a rowid table numbers after its largest id."""

    def table_exists(self, table: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (table,)).fetchone() is not None

    @contextmanager
    def reading_raw_text(self) -> Iterator[None]:
        # SQLite stores whatever bytes a client gives as TEXT; the module's default
        # decoding would fail the whole fetch without saying which row
        self.db.text_factory = _text_or_undecodable
        try:
            yield
        finally:
            self.db.text_factory = str

    def integrity_problem(self) -> str | None:
        result = str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
        return None if result == "ok" else result

    def backup(self, target: Path, progress: Callable[[int, int], None] | None) -> None:
        """A consistent copy while others write (SQLite's online backup), page by page."""
        if target.exists():
            raise InputError("backup_exists", value=str(target))
        try:
            with sqlite3.connect(target) as copy:
                self.db.backup(copy, pages=256, progress=(
                    (lambda _status, remaining, total: progress(total - remaining, total))
                    if progress else None))
            copy.close()
        except sqlite3.Error as exc:
            with suppress(OSError):
                target.unlink()
            raise ledger_error(exc, str(target)) from exc

    def size_bytes(self) -> int:
        path = Path(self.location)
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())

    def close(self) -> None:
        self.db.close()


def _text_or_undecodable(stored: bytes) -> str | Undecodable:
    try:
        return stored.decode()
    except UnicodeDecodeError:
        return Undecodable(stored)


def _create_file(path: Path) -> None:
    """Create the ledger file readable and writable by its owner and group only."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o660)
        try:
            os.fchmod(fd, 0o660)  # whatever the umask: the office's group shares the ledger
        finally:
            os.close(fd)
    except OSError as exc:
        raise LedgerError("ledger_unopenable", location=str(path),
                          reason=exc.strerror or str(exc)) from exc


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # isolation_level=None: transactions are ours (BEGIN IMMEDIATE), not the module's
    db = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, uri=uri)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if target != ":memory:" and not uri:
        # a read-only file keeps its journal mode; writes will say why they fail
        with suppress(sqlite3.OperationalError):
            db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def ledger_error(exc: sqlite3.Error, location: str) -> LedgerError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return LedgerError("ledger_busy", location=location)
    if "readonly" in text or "read-only" in text:
        return LedgerError("ledger_readonly", location=location)
    if "full" in text:
        return LedgerError("ledger_full", location=location)
    if "append-only" in text:
        return LedgerError("ledger_append_only", location=location)
    return LedgerError("ledger_write_failed", location=location, reason=str(exc))

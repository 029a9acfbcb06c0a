"""The SQLite backend: one file, WAL, one writer at a time through BEGIN IMMEDIATE.

Writers queue on SQLite's busy timeout; a bounded retry with jitter covers the rare case
where a long checkpoint or a crowd of liaisons outlasts one timeout. A killed process
leaves all of a transaction or none of it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any
from urllib.parse import quote

from qth_disclosure.errors import InputError, LedgerError
from qth_disclosure.ledger.backend import Undecodable

BUSY_TIMEOUT_MS = 10_000
BUSY_ATTEMPTS = 3
# How long a writer waits for its turn before it is told the ledger is busy: long enough
# for a crowd of liaisons (64 writers at once are tested), short enough to notice a writer
# that never finishes.
TURN_SECONDS = 120


class SQLiteBackend:
    dialect = "sqlite"

    def __init__(self, db: sqlite3.Connection, location: str) -> None:
        self.db = db
        self.location = location
        # run once, before the first write (see Ledger.open): the default ledger's
        # creation, deferred so that a read, or a command refused before it writes,
        # creates nothing
        self.before_first_write: Callable[[], None] | None = None
        self._wal_set = False
        self._in_memory = False

    @classmethod
    def connect(cls, location: str, *, for_writing: bool) -> SQLiteBackend:
        """Connect to the SQLite database at `location` (`is_file` says there is one).

        Connecting changes nothing in the file: until it is known to be a ledger, it may be
        someone else's database. WAL is switched on by the first write.
        """
        path = _absolute(location)
        try:
            db = _connect(path)
            db.execute("SELECT count(*) FROM sqlite_master")  # opening errors surface here
            return cls(db, location)
        except sqlite3.Error as exc:
            error = ledger_error(exc, location)
            if error.key == "ledger_readonly" and not for_writing:
                # a reader who may not write the directory cannot create WAL's shared
                # memory file; it can still read the file as it stands
                return cls(_connect(f"file:{quote(path)}?immutable=1", uri=True), location)
            if error.key == "ledger_write_failed":
                raise LedgerError("ledger_unopenable", location=location,
                                  reason=str(exc)) from exc
            raise error from exc

    @classmethod
    def create(cls, location: str, *, parents: bool, new: bool = False) -> SQLiteBackend:
        """Create the file at `location` for a new ledger, readable and writable by its
        owner and group only; or, unless `new`, take the one another process has just made
        there.

        `parents` creates missing directories too (the default location's); otherwise a
        missing directory is refused, as a mistyped path would be.
        """
        path = Path(location)
        if not parents and not path.parent.is_dir():
            raise LedgerError("ledger_dir_missing", location=location,
                              directory=str(path.parent))
        try:
            _create_file(path, parents=parents)
        except FileExistsError:
            if new:
                raise
            if not is_file(location):  # SQLite would create the link's target
                raise LedgerError("ledger_unopenable", location=location,
                                  reason="a symbolic link to nothing") from None
            # Ledger.open checks what it holds before anything is written to it
        except OSError as exc:
            raise LedgerError("ledger_unopenable", location=location,
                              reason=exc.strerror or str(exc)) from exc
        # WAL comes with the first write, the first migration: not before the file is
        # known to be the ledger's
        return cls.connect(location, for_writing=True)

    @classmethod
    def memory(cls, location: str) -> SQLiteBackend:
        """An empty database in memory, named after `location`: the default ledger before
        its first write has created it."""
        backend = cls(_connect(":memory:"), location)
        backend._wal_set = True  # nothing to switch: memory keeps no journal
        backend._in_memory = True  # and no other writer to take turns with
        return backend

    def adopt(self, other: SQLiteBackend) -> None:
        """Go on with `other`'s connection (and close this one): the default ledger, read
        from memory until its first write created the file."""
        self.db.close()
        self.db, self.location, self._wal_set = other.db, other.location, other._wal_set
        self._in_memory = False

    def tables(self) -> list[str]:
        """The tables and views in the file, SQLite's own left out."""
        return [r[0] for r in self.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")]

    def _wal(self) -> None:
        # a read-only file keeps its journal mode; writes will say why they fail
        if not self._wal_set:
            self._wal_set = True
            with suppress(sqlite3.OperationalError):
                self.db.execute("PRAGMA journal_mode = WAL")

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

    def insert_copied(self, table: str, names: Sequence[str],
                      rows: Sequence[Sequence[Any]]) -> None:
        self.executemany(f"INSERT INTO {table} ({', '.join(names)}) "
                         f"VALUES ({', '.join('?' * len(names))})", rows)

    def insert(self, table: str, row: dict[str, Any]) -> int:
        cur = self.execute(f"INSERT INTO {table} ({', '.join(row)}) "
                           f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
        return int(cur.lastrowid or 0)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One IMMEDIATE transaction: all of it is written, or none."""
        if self.before_first_write is not None:
            first, self.before_first_write = self.before_first_write, None
            first()
        with nullcontext() if self._in_memory else _writers_turn(self.location):
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
        self._wal()
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

    def grown(self, tables: Sequence[str]) -> None:
        """Nothing to do: SQLite plans by the schema's indexes, not by table sizes."""

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
        """A consistent copy while others write (SQLite's online backup), page by page,
        into a new file: one that exists already, whatever it holds, is refused."""
        try:
            _create_file(target, parents=False)
        except FileExistsError as exc:
            raise InputError("backup_exists", value=str(target)) from exc
        except OSError as exc:
            raise InputError("backup_failed", value=str(target),
                             reason=exc.strerror or str(exc)) from exc
        try:
            copy = sqlite3.connect(_absolute(str(target)))
            try:
                self.db.backup(copy, pages=256, progress=(
                    (lambda _status, remaining, total: progress(total - remaining, total))
                    if progress else None))
            finally:
                copy.close()
        except BaseException as exc:
            with suppress(OSError):
                target.unlink()
            if isinstance(exc, sqlite3.Error):
                raise ledger_error(exc, str(target)) from exc
            raise

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


def is_file(location: str) -> bool:
    """Whether there is a file at `location` for SQLite to open; a directory or a device
    is refused here, left untouched. SQLite reads an empty file as an empty database, and
    refuses a file of another kind when it reads its header, changing nothing ("file is
    not a database": ledger_error)."""
    try:
        info = Path(location).stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise LedgerError("ledger_unopenable", location=location,
                          reason=exc.strerror or str(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise LedgerError("ledger_is_directory", location=location)
    if not stat.S_ISREG(info.st_mode):
        raise LedgerError("ledger_not_sqlite", location=location)
    return True


def _create_file(path: Path, *, parents: bool) -> None:
    """Create a new file readable and writable by its owner and group only; one that
    exists already raises FileExistsError, whatever it holds."""
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    try:
        os.fchmod(fd, 0o660)  # whatever the umask: the office's group shares the ledger
    finally:
        os.close(fd)


def _absolute(location: str) -> str:
    """The path as SQLite must be given it: this build reads a name beginning with
    `file:` as a URI, and `./file:x` is `file:x` once Python has tidied it."""
    return location if os.path.isabs(location) else os.path.join(os.getcwd(), location)


@contextmanager
def _writers_turn(location: str) -> Iterator[None]:
    """Writers of one ledger take turns through an advisory lock on a file beside it.

    SQLite's own busy handler sleeps longer the longer a writer has waited (1 ms at first,
    100 ms later), so in a crowd the writer that has waited longest polls least and can be
    passed over until its timeout: measured, 64 writers on two busy cores left one with
    "ledger busy". A blocked flock() costs nothing while it waits and every waiter is woken
    when the holder is done, so each competes on equal terms. SQLite's lock still guards the
    file against anything that does not take this one (the sqlite3 shell).
    """
    import fcntl
    import signal
    import threading

    try:
        fd = os.open(f"{location}-writers", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o660)
    except OSError as exc:  # a directory we cannot write: SQLite will say why it cannot write
        if exc.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            yield
            return
        raise LedgerError("ledger_unopenable", location=location, reason=str(exc)) from exc
    try:
        if threading.current_thread() is threading.main_thread():
            def expired(signum: int, frame: object) -> None:
                raise LedgerError("ledger_busy", location=location)

            previous = signal.signal(signal.SIGALRM, expired)
            signal.setitimer(signal.ITIMER_REAL, TURN_SECONDS)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        else:  # no alarm outside the main thread: wait in short, even steps instead
            deadline = time.monotonic() + TURN_SECONDS
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LedgerError("ledger_busy", location=location) from None
                    time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # isolation_level=None: transactions are ours (BEGIN IMMEDIATE), not the module's.
    # Only connection settings here: nothing that would change the file (see connect)
    db = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, uri=uri)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
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
    if "not a database" in text:  # a header like SQLite's over something else
        return LedgerError("ledger_not_sqlite", location=location)
    return LedgerError("ledger_write_failed", location=location, reason=str(exc))

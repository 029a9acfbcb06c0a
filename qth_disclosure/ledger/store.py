"""The ledger: an append-only SQLite store of submissions, reviews and inspections.

Nothing here updates or deletes a row; triggers refuse it even to other SQLite clients.
Every write is one `BEGIN IMMEDIATE` transaction, so concurrent liaisons queue on the
busy timeout instead of interleaving, and a killed process leaves all or nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from qth_disclosure.errors import InputError, LedgerError
from qth_disclosure.ledger import chain
from qth_disclosure.ledger.rows import (
    Application,
    Bulletin,
    Event,
    Inspection,
    NewApplication,
    NewBulletin,
    NewEvent,
    NewInspection,
    NewReview,
    NewSubmission,
    Review,
    Stamp,
    Submission,
)
from qth_disclosure.ledger.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
BUSY_ATTEMPTS = 3


# ---------------------------------------------------------------- locating


# ---------------------------------------------------------------- the store


class Ledger:
    def __init__(self, db: sqlite3.Connection, location: str) -> None:
        self._db = db
        self.location = location

    @classmethod
    def open(cls, location: str, *, for_writing: bool) -> Ledger:
        """Open (creating on first write) and migrate the ledger at `location`.

        A read of a ledger that does not exist yet sees an empty one and creates nothing.
        """
        if location.startswith(("postgresql:", "postgres:")):
            raise LedgerError("ledger_backend_unsupported", location=location)
        path = Path(location)
        if not path.exists() and not for_writing:
            db = _connect(":memory:")
            ledger = cls(db, location)
            ledger._migrate()
            return ledger
        if not path.exists():
            _create_file(path)
        try:
            db = _connect(str(path))
        except sqlite3.Error as exc:
            error = _ledger_error(exc, location)
            if error.key == "ledger_readonly" and not for_writing:
                # a reader who may not write the directory cannot create WAL's shared
                # memory file; it can still read the file as it stands
                db = _connect(f"file:{path}?immutable=1", uri=True)
            elif error.key == "ledger_write_failed":
                raise LedgerError("ledger_unopenable", location=location,
                                  reason=str(exc)) from exc
            else:
                raise error from exc
        ledger = cls(db, location)
        ledger._migrate()
        return ledger

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: all of it is written, or none."""
        self._begin()
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _ledger_error(exc, self.location) from exc
        except BaseException:
            self._rollback()
            raise

    def _begin(self) -> None:
        """Take the write lock, waiting out the busy timeout a few times before giving up.

        Writers queue on SQLite's busy timeout; the bounded retry with jitter covers the
        rare case where a long checkpoint or a crowd of liaisons outlasts one timeout.
        """
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                self._db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                error = _ledger_error(exc, self.location)
                if error.key != "ledger_busy" or attempt == BUSY_ATTEMPTS:
                    raise error from exc
                import random  # only a busy ledger needs the jitter

                time.sleep(random.uniform(0.05, 0.25) * attempt)

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (e.g. on a full disk)
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def _migrate(self) -> None:
        if self.schema_version() >= SCHEMA_VERSION:
            return
        for version, name, apply in MIGRATIONS:
            with self._write() as db:
                # re-read inside the lock: another process may have migrated meanwhile
                if self.schema_version() >= version:
                    continue
                if version == 1:
                    db.execute(
                        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                        "KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT "
                        "CURRENT_TIMESTAMP)"
                    )
                apply(db)
                db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                           (version, name))

    def schema_version(self) -> int:
        try:
            row = self._db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return 0
            raise _ledger_error(exc, self.location) from exc
        return int(row[0] or 0)

    # ------------------------------------------------------------ writes

    def _insert(self, db: sqlite3.Connection, table: str, values: dict[str, Any],
                stamp: Stamp) -> int:
        """Insert one row with its stamp and chain it, inside the caller's transaction."""
        row = {**values, "recorded_at": stamp.at.isoformat(), "recorded_by": stamp.by,
               "login": stamp.login}
        cur = db.execute(f"INSERT INTO {table} ({', '.join(row)}) "
                         f"VALUES ({', '.join('?' * len(row))})", list(row.values()))
        row_id = int(cur.lastrowid or 0)
        chain.append(db, table, row_id)
        return row_id

    def add_submission(self, new: NewSubmission, stamp: Stamp) -> Submission:
        """Append a submission; a later one for the same deliverable is its revision."""
        with self._write() as db:
            previous = db.execute(
                "SELECT max(id) FROM submissions WHERE plan = ? AND agency = ? AND kind = ? "
                "AND task IS ? AND period IS ?",
                (new.plan, new.agency, new.kind, new.task, new.period),
            ).fetchone()[0]
            row_id = self._insert(db, "submissions", {
                **_columns(new), "links": json.dumps(list(new.links)), "revision_of": previous,
            }, stamp)
        return Submission(**vars(new), id=row_id, revision_of=previous, **_stamped(stamp))

    def add_inspection(self, new: NewInspection, stamp: Stamp) -> Inspection:
        with self._write() as db:
            row_id = self._insert(db, "inspections", _columns(new), stamp)
        return Inspection(**vars(new), id=row_id, **_stamped(stamp))

    def add_review(self, new: NewReview, stamp: Stamp) -> Review:
        with self._write() as db:
            row_id = self._insert(db, "reviews", _columns(new), stamp)
        return Review(**vars(new), id=row_id, **_stamped(stamp))

    def add_bulletin(self, new: NewBulletin, stamp: Stamp, *, reissue: bool) -> Bulletin:
        """Record an issued bulletin; a month already bulletined needs `reissue`.

        The check runs inside the write transaction, so two coordinators issuing the same
        month at once cannot both succeed.
        """
        with self._write() as db:
            earlier = db.execute(
                "SELECT max(id), max(number) FROM bulletins WHERE plan = ? AND month = ?",
                (new.plan, new.month),
            ).fetchone()
            if earlier[0] is not None and not reissue:
                raise InputError("bulletin_already_issued", month=new.month, number=earlier[1])
            taken = db.execute(
                "SELECT month FROM bulletins WHERE plan = ? AND number = ? AND month != ?",
                (new.plan, new.number, new.month),
            ).fetchone()
            if taken:
                raise InputError("bulletin_number_taken", number=new.number, month=taken[0])
            row_id = self._insert(db, "bulletins", {**_columns(new), "reissue_of": earlier[0]},
                                  stamp)
        return Bulletin(**vars(new), id=row_id, reissue_of=earlier[0], **_stamped(stamp))

    def add_application(self, new: NewApplication, stamp: Stamp, *,
                        answered_on_spot: bool = False) -> Application:
        """Register an application, and its on-the-spot answer in the same transaction."""
        with self._write() as db:
            row_id = self._insert(db, "applications", _columns(new), stamp)
            if answered_on_spot:
                self._insert(db, "application_events", {
                    "application": row_id, "kind": "answer",
                    "on_date": new.received_on.isoformat(),
                    "details": json.dumps({"on_the_spot": True, "outcome": "disclosed"}),
                }, stamp)
        return Application(**vars(new), id=row_id, **_stamped(stamp))

    def add_event(self, new: NewEvent, stamp: Stamp, *,
                  check: Callable[[list[Event]], None] | None = None) -> Event:
        """Append an event; `check` sees the application's events inside the transaction.

        Rules such as "one extension only" are checked against what is in the ledger at
        the moment of writing, so two clerks acting at once cannot both get through.
        """
        with self._write() as db:
            if check is not None:
                check(self._select(Event, "application_events", "application = ?",
                                   [new.application], db))
            row_id = self._insert(db, "application_events", {
                "application": new.application, "kind": new.kind, "on_date": new.on.isoformat(),
                "details": json.dumps(new.details, ensure_ascii=False, sort_keys=True),
            }, stamp)
        return Event(**vars(new), id=row_id, **_stamped(stamp))

    # ------------------------------------------------------------ reads

    def _select(self, cls: type[R], table: str, where: str = "1", args: Sequence[Any] = (),
                db: sqlite3.Connection | None = None) -> list[R]:
        cur = (db or self._db).execute(f"SELECT * FROM {table} WHERE {where} ORDER BY id",
                                       list(args))
        read = _reader(cls, tuple(d[0] for d in cur.description))
        return [read(r) for r in cur.fetchall()]

    def submission(self, submission_id: int) -> Submission | None:
        rows = self._select(Submission, "submissions", "id = ?", [submission_id])
        return rows[0] if rows else None

    def submissions(self, plan: str, *, agency: str | None = None, task: str | None = None,
                    period: str | None = None,
                    received_by: date | None = None) -> list[Submission]:
        """Submissions of a plan, oldest recorded first, optionally narrowed."""
        where, args = ["plan = ?"], [plan]
        for column, value in (("agency", agency), ("task", task), ("period", period)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if received_by is not None:
            where.append("received_on <= ?")
            args.append(received_by.isoformat())
        return self._select(Submission, "submissions", " AND ".join(where), args)

    def reviews(self, plan: str, *, effective_by: date | None = None) -> list[Review]:
        """Reviews of the plan's submissions, oldest first; only those effective by a day."""
        where = "submission IN (SELECT id FROM submissions WHERE plan = ?)"
        args: list[Any] = [plan]
        if effective_by is not None:
            where += " AND reviewed_on <= ?"
            args.append(effective_by.isoformat())
        return self._select(Review, "reviews", where, args)

    def inspections(self, plan: str, *, agency: str | None = None,
                    inspected_by: date | None = None) -> list[Inspection]:
        where, args = "plan = ?", list[Any]([plan])
        if agency is not None:
            where += " AND agency = ?"
            args.append(agency)
        if inspected_by is not None:
            where += " AND inspected_on <= ?"
            args.append(inspected_by.isoformat())
        return self._select(Inspection, "inspections", where, args)

    def bulletins(self, plan: str) -> list[Bulletin]:
        return self._select(Bulletin, "bulletins", "plan = ?", [plan])

    def next_bulletin_number(self, plan: str) -> int:
        row = self._db.execute("SELECT max(number) FROM bulletins WHERE plan = ?",
                               (plan,)).fetchone()
        return int(row[0] or 0) + 1

    def applications(self, plan: str, *, agency: str | None = None,
                     application_id: int | None = None) -> list[Application]:
        where, args = "plan = ?", list[Any]([plan])
        if agency is not None:
            where += " AND agency = ?"
            args.append(agency)
        if application_id is not None:
            where += " AND id = ?"
            args.append(application_id)
        return self._select(Application, "applications", where, args)

    def events(self, application_id: int | None = None) -> list[Event]:
        """Events of one application, or of all, in the order they were recorded."""
        if application_id is None:
            return self._select(Event, "application_events")
        return self._select(Event, "application_events", "application = ?", [application_id])

    def receipts(self, plan: str, key: tuple[str, str, str | None, str | None],
                 as_of: date) -> tuple[list[tuple[date, int]], set[int]]:
        """One deliverable's receipts that decide its state, by indexed probes.

        The newest receipt, and the earliest that was not returned, with the returned ones
        met on the way: what `compliance.judge` needs, whatever the number of revisions.
        """
        kind, agency, task, period = key
        where = ("FROM submissions WHERE plan = ? AND agency = ? AND kind = ? AND task IS ? "
                 "AND period IS ? AND received_on <= ?")
        args = (plan, agency, kind, task, period, as_of.isoformat())
        newest = self._db.execute(f"SELECT received_on, id {where} "
                                  "ORDER BY received_on DESC, id DESC LIMIT 1", args).fetchone()
        if newest is None:
            return [], set()
        last = (date.fromisoformat(newest[0]), int(newest[1]))
        if self._returned(last[1], as_of):
            return [last], {last[1]}
        returned: set[int] = set()
        for received_on, row_id in self._db.execute(
                f"SELECT received_on, id {where} ORDER BY received_on, id", args):
            if row_id == last[1] or not self._returned(row_id, as_of):
                first = (date.fromisoformat(received_on), int(row_id))
                return sorted({first, last}), returned
            returned.add(int(row_id))
        return [last], returned

    def submissions_bound(self) -> int:
        """An upper bound of the submission rows, read from the primary key at no cost."""
        return int(self._db.execute("SELECT max(id) FROM submissions").fetchone()[0] or 0)

    def _returned(self, submission: int, as_of: date) -> bool:
        latest = self._db.execute(
            "SELECT verdict FROM reviews WHERE submission = ? AND reviewed_on <= ? "
            "ORDER BY reviewed_on DESC, id DESC LIMIT 1", (submission, as_of.isoformat()),
        ).fetchone()
        return latest is not None and latest[0] == "return"

    # ------------------------------------------------------------ integrity

    def verify(self, progress: Callable[[int], None] | None = None) -> chain.Break | None:
        """SQLite's own integrity check, then the hash chain; the first problem found."""
        result = self._db.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            return chain.Break("integrity_failed", {"detail": str(result)})
        return chain.verify(self._db, progress)

    def chain_head(self) -> tuple[int, str]:
        return chain.head(self._db)

    def backup(self, target: Path, progress: Callable[[int, int], None] | None = None) -> None:
        """A consistent copy while others write (SQLite's online backup), page by page."""
        if target.exists():
            raise InputError("backup_exists", value=str(target))
        try:
            with sqlite3.connect(target) as copy:
                self._db.backup(copy, pages=256, progress=(
                    (lambda _status, remaining, total: progress(total - remaining, total))
                    if progress else None))
            copy.close()
        except sqlite3.Error as exc:
            with suppress(OSError):
                target.unlink()
            raise _ledger_error(exc, str(target)) from exc

    def size_bytes(self) -> int:
        path = Path(self.location)
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())

    def row_counts(self) -> dict[str, int]:
        return {
            table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in chain.CHAINED
        }


R = TypeVar("R")
# dataclass fields whose names differ from their columns
_COLUMN_OF = {"on": "on_date"}


def _columns(new: object) -> dict[str, Any]:
    """A New... row as column values: dates as ISO text, column names as in the schema."""
    return {_COLUMN_OF.get(k, k): v.isoformat() if isinstance(v, date) else v
            for k, v in vars(new).items()}


def _stamped(stamp: Stamp) -> dict[str, Any]:
    return {"recorded_at": stamp.at.isoformat(), "recorded_by": stamp.by, "login": stamp.login}


# how a column's text becomes the field's value, by the field's declared type
_DECODE: dict[str, Callable[[Any], Any]] = {
    "date": date.fromisoformat,
    "tuple[str, ...]": lambda text: tuple(json.loads(text)),
    "dict[str, Any]": json.loads,
}


_READERS: dict[tuple[type, tuple[str, ...]], Callable[[Sequence[Any]], Any]] = {}


def _reader(cls: type[R], names: tuple[str, ...]) -> Callable[[Sequence[Any]], R]:
    """A function turning a row (columns in `names` order) into `cls`, planned once per
    query shape: a status over a large ledger reads tens of thousands of rows."""
    read = _READERS.get((cls, names))
    if read is None:
        plan = [(names.index(_COLUMN_OF.get(f.name, f.name)), _DECODE.get(str(f.type)))
                for f in fields(cls)]  # type: ignore[arg-type]

        def read(row: Sequence[Any]) -> Any:
            return cls(*[decode(row[i]) if decode else row[i] for i, decode in plan])

        _READERS[(cls, names)] = read
    return read


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


def _ledger_error(exc: sqlite3.Error, location: str) -> LedgerError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return LedgerError("ledger_busy", location=location)
    if "readonly" in text or "read-only" in text:
        return LedgerError("ledger_readonly", location=location)
    if "full" in text:
        return LedgerError("ledger_full", location=location)
    return LedgerError("ledger_write_failed", location=location, reason=str(exc))


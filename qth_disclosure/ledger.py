"""The ledger: an append-only SQLite store of submissions, reviews and inspections.

Nothing here updates or deletes a row; triggers refuse it even to other SQLite clients.
Every write is one `BEGIN IMMEDIATE` transaction, so concurrent liaisons queue on the
busy timeout instead of interleaving, and a killed process leaves all or nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from qth_disclosure.errors import InputError, LedgerError

BUSY_TIMEOUT_MS = 10_000
DEFAULT_FILENAME = "ledger.sqlite3"


# ---------------------------------------------------------------- rows


@dataclass(frozen=True)
class NewSubmission:
    """A validated submission, not yet written."""

    plan: str
    kind: str  # plan | monthly | summary
    agency: str
    task: str | None
    period: str | None  # YYYY-MM for monthly reports
    received_on: date
    summary: str
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Submission(NewSubmission):
    id: int = 0
    revision_of: int | None = None
    recorded_at: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class NewInspection:
    plan: str
    agency: str
    verdict: str  # pass | fail | rectify
    inspected_on: date
    note: str


@dataclass(frozen=True)
class Inspection(NewInspection):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class NewReview:
    submission: int
    verdict: str  # accept | return
    comment: str
    reviewed_on: date


@dataclass(frozen=True)
class Review(NewReview):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class NewBulletin:
    plan: str
    number: int
    month: str  # the reporting month it is about
    as_of: date
    text: str


@dataclass(frozen=True)
class Bulletin(NewBulletin):
    id: int = 0
    reissue_of: int | None = None
    recorded_at: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class NewApplication:
    """An application for disclosure (依申请公开) as registered."""

    plan: str
    agency: str
    received_on: date
    subject: str
    applicant: str
    applicant_kind: str
    channel: str
    law_profile: str


@dataclass(frozen=True)
class Application(NewApplication):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class NewEvent:
    """Something that happened to an application: answer, extend, pause, resume, appeal."""

    application: int
    kind: str
    on: date
    details: dict[str, Any]


@dataclass(frozen=True)
class Event(NewEvent):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""


# ---------------------------------------------------------------- schema


def _execute_all(db: sqlite3.Connection, script: str) -> None:
    # not executescript(): it commits first, which would split a migration from its record
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_initial(db: sqlite3.Connection) -> None:
    _execute_all(
        db,
        """
        CREATE TABLE submissions (
            id          INTEGER PRIMARY KEY,
            plan        TEXT NOT NULL,
            kind        TEXT NOT NULL CHECK (kind IN ('plan', 'monthly', 'summary')),
            agency      TEXT NOT NULL,
            task        TEXT,
            period      TEXT,
            received_on TEXT NOT NULL,
            summary     TEXT NOT NULL,
            links       TEXT NOT NULL DEFAULT '[]',
            revision_of INTEGER REFERENCES submissions (id),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            CHECK ((kind = 'monthly') = (task IS NOT NULL AND period IS NOT NULL))
        );
        CREATE INDEX submissions_by_deliverable
            ON submissions (plan, agency, kind, task, period, received_on);
        CREATE TABLE reviews (
            id          INTEGER PRIMARY KEY,
            submission  INTEGER NOT NULL REFERENCES submissions (id),
            verdict     TEXT NOT NULL CHECK (verdict IN ('accept', 'return')),
            comment     TEXT NOT NULL,
            reviewed_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX reviews_by_submission ON reviews (submission, reviewed_on);
        CREATE TABLE inspections (
            id           INTEGER PRIMARY KEY,
            plan         TEXT NOT NULL,
            agency       TEXT NOT NULL,
            verdict      TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'rectify')),
            inspected_on TEXT NOT NULL,
            note         TEXT NOT NULL,
            recorded_at  TEXT NOT NULL,
            recorded_by  TEXT NOT NULL
        );
        CREATE INDEX inspections_by_agency ON inspections (plan, agency, inspected_on);
        """
    )
    for table in ("submissions", "reviews", "inspections"):
        _append_only(db, table)


def _m002_bulletins(db: sqlite3.Connection) -> None:
    _execute_all(
        db,
        """
        CREATE TABLE bulletins (
            id          INTEGER PRIMARY KEY,
            plan        TEXT NOT NULL,
            number      INTEGER NOT NULL,
            month       TEXT NOT NULL,
            as_of       TEXT NOT NULL,
            text        TEXT NOT NULL,
            reissue_of  INTEGER REFERENCES bulletins (id),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX bulletins_by_month ON bulletins (plan, month)
        """,
    )
    _append_only(db, "bulletins")


def _m003_applications(db: sqlite3.Connection) -> None:
    _execute_all(
        db,
        """
        CREATE TABLE applications (
            id             INTEGER PRIMARY KEY,
            plan           TEXT NOT NULL,
            agency         TEXT NOT NULL,
            received_on    TEXT NOT NULL,
            subject        TEXT NOT NULL,
            applicant      TEXT NOT NULL,
            applicant_kind TEXT NOT NULL,
            channel        TEXT NOT NULL,
            law_profile    TEXT NOT NULL,
            recorded_at    TEXT NOT NULL,
            recorded_by    TEXT NOT NULL
        );
        CREATE INDEX applications_by_agency ON applications (plan, agency, received_on);
        CREATE TABLE application_events (
            id          INTEGER PRIMARY KEY,
            application INTEGER NOT NULL REFERENCES applications (id),
            kind        TEXT NOT NULL
                        CHECK (kind IN ('answer', 'extend', 'pause', 'resume', 'appeal')),
            on_date     TEXT NOT NULL,
            details     TEXT NOT NULL DEFAULT '{}',
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX application_events_by_application ON application_events (application, id)
        """,
    )
    _append_only(db, "applications")
    _append_only(db, "application_events")


def _append_only(db: sqlite3.Connection, table: str) -> None:
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END"
        )


# Named, ordered, each applied with its record in one transaction, on every open.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial", _m001_initial),
    (2, "bulletins", _m002_bulletins),
    (3, "applications", _m003_applications),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


# ---------------------------------------------------------------- locating


def default_ledger_path() -> Path:
    """$XDG_DATA_HOME/qth-disclosure/ledger.sqlite3 (~/.local/share/... when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local",
                                                             "share")
    return Path(base) / "qth-disclosure" / DEFAULT_FILENAME


def resolve_ledger(flag: str | None) -> str:
    """--db, then DISCLOSE_DB, then the default path."""
    return flag or os.environ.get("DISCLOSE_DB") or str(default_ledger_path())


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
            raise LedgerError("ledger_unopenable", location=location, reason=str(exc)) from exc
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
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _ledger_error(exc, self.location) from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _ledger_error(exc, self.location) from exc
        except BaseException:
            self._rollback()
            raise

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

    def add_submission(self, new: NewSubmission, *, recorded_at: datetime,
                       recorded_by: str) -> Submission:
        """Append a submission; a later one for the same deliverable is its revision."""
        with self._write() as db:
            previous = db.execute(
                "SELECT max(id) FROM submissions WHERE plan = ? AND agency = ? AND kind = ? "
                "AND task IS ? AND period IS ?",
                (new.plan, new.agency, new.kind, new.task, new.period),
            ).fetchone()[0]
            cur = db.execute(
                "INSERT INTO submissions (plan, kind, agency, task, period, received_on, "
                "summary, links, revision_of, recorded_at, recorded_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new.plan, new.kind, new.agency, new.task, new.period,
                 new.received_on.isoformat(), new.summary, json.dumps(list(new.links)),
                 previous, recorded_at.isoformat(), recorded_by),
            )
            row_id = int(cur.lastrowid or 0)
        return Submission(**vars(new), id=row_id, revision_of=previous,
                          recorded_at=recorded_at.isoformat(), recorded_by=recorded_by)

    def add_inspection(self, new: NewInspection, *, recorded_at: datetime,
                       recorded_by: str) -> Inspection:
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO inspections (plan, agency, verdict, inspected_on, note, "
                "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (new.plan, new.agency, new.verdict, new.inspected_on.isoformat(), new.note,
                 recorded_at.isoformat(), recorded_by),
            )
            row_id = int(cur.lastrowid or 0)
        return Inspection(**vars(new), id=row_id, recorded_at=recorded_at.isoformat(),
                          recorded_by=recorded_by)

    def add_review(self, new: NewReview, *, recorded_at: datetime, recorded_by: str) -> Review:
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO reviews (submission, verdict, comment, reviewed_on, recorded_at, "
                "recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
                (new.submission, new.verdict, new.comment, new.reviewed_on.isoformat(),
                 recorded_at.isoformat(), recorded_by),
            )
            row_id = int(cur.lastrowid or 0)
        return Review(**vars(new), id=row_id, recorded_at=recorded_at.isoformat(),
                      recorded_by=recorded_by)

    def add_bulletin(self, new: NewBulletin, *, reissue: bool, recorded_at: datetime,
                     recorded_by: str) -> Bulletin:
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
            cur = db.execute(
                "INSERT INTO bulletins (plan, number, month, as_of, text, reissue_of, "
                "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (new.plan, new.number, new.month, new.as_of.isoformat(), new.text, earlier[0],
                 recorded_at.isoformat(), recorded_by),
            )
            row_id = int(cur.lastrowid or 0)
        return Bulletin(**vars(new), id=row_id, reissue_of=earlier[0],
                        recorded_at=recorded_at.isoformat(), recorded_by=recorded_by)

    def add_application(self, new: NewApplication, *, recorded_at: datetime,
                        recorded_by: str) -> Application:
        with self._write() as db:
            cur = db.execute(
                "INSERT INTO applications (plan, agency, received_on, subject, applicant, "
                "applicant_kind, channel, law_profile, recorded_at, recorded_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new.plan, new.agency, new.received_on.isoformat(), new.subject, new.applicant,
                 new.applicant_kind, new.channel, new.law_profile, recorded_at.isoformat(),
                 recorded_by),
            )
            row_id = int(cur.lastrowid or 0)
        return Application(**vars(new), id=row_id, recorded_at=recorded_at.isoformat(),
                           recorded_by=recorded_by)

    def add_event(self, new: NewEvent, *, check: Callable[[list[Event]], None] | None = None,
                  recorded_at: datetime, recorded_by: str) -> Event:
        """Append an event; `check` sees the application's events inside the transaction.

        Rules such as "one extension only" are checked against what is in the ledger at
        the moment of writing, so two clerks acting at once cannot both get through.
        """
        with self._write() as db:
            if check is not None:
                check(self._events(db, new.application))
            cur = db.execute(
                "INSERT INTO application_events (application, kind, on_date, details, "
                "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
                (new.application, new.kind, new.on.isoformat(),
                 json.dumps(new.details, ensure_ascii=False, sort_keys=True),
                 recorded_at.isoformat(), recorded_by),
            )
            row_id = int(cur.lastrowid or 0)
        return Event(**vars(new), id=row_id, recorded_at=recorded_at.isoformat(),
                     recorded_by=recorded_by)

    # ------------------------------------------------------------ reads

    def applications(self, plan: str, *, agency: str | None = None,
                     application_id: int | None = None) -> list[Application]:
        sql = ("SELECT plan, agency, received_on, subject, applicant, applicant_kind, channel, "
               "law_profile, id, recorded_at, recorded_by FROM applications WHERE plan = ?")
        args: list[Any] = [plan]
        if agency is not None:
            sql += " AND agency = ?"
            args.append(agency)
        if application_id is not None:
            sql += " AND id = ?"
            args.append(application_id)
        rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [Application(r[0], r[1], date.fromisoformat(r[2]), *r[3:]) for r in rows]

    def events(self, application_id: int | None = None) -> list[Event]:
        """Events of one application, or of all, in the order they were recorded."""
        return self._events(self._db, application_id)

    @staticmethod
    def _events(db: sqlite3.Connection, application_id: int | None) -> list[Event]:
        sql = ("SELECT application, kind, on_date, details, id, recorded_at, recorded_by "
               "FROM application_events")
        args: list[Any] = []
        if application_id is not None:
            sql += " WHERE application = ?"
            args.append(application_id)
        rows = db.execute(sql + " ORDER BY id", args).fetchall()
        return [Event(r[0], r[1], date.fromisoformat(r[2]), json.loads(r[3]), r[4], r[5], r[6])
                for r in rows]

    def bulletins(self, plan: str) -> list[Bulletin]:
        rows = self._db.execute(
            "SELECT plan, number, month, as_of, text, id, reissue_of, recorded_at, recorded_by "
            "FROM bulletins WHERE plan = ? ORDER BY id", (plan,)).fetchall()
        return [Bulletin(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], r[5], r[6], r[7],
                         r[8]) for r in rows]

    def next_bulletin_number(self, plan: str) -> int:
        row = self._db.execute("SELECT max(number) FROM bulletins WHERE plan = ?",
                               (plan,)).fetchone()
        return int(row[0] or 0) + 1

    def submission(self, submission_id: int) -> Submission | None:
        rows = self._select_submissions("id = ?", [submission_id])
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
        return self._select_submissions(" AND ".join(where), args)

    def _select_submissions(self, where: str, args: list[Any]) -> list[Submission]:
        rows = self._db.execute(
            "SELECT plan, kind, agency, task, period, received_on, summary, links, id, "
            f"revision_of, recorded_at, recorded_by FROM submissions WHERE {where} ORDER BY id",
            args,
        ).fetchall()
        return [
            Submission(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), r[6],
                       tuple(json.loads(r[7])), r[8], r[9], r[10], r[11])
            for r in rows
        ]

    def reviews(self, plan: str, *, effective_by: date | None = None) -> list[Review]:
        """Reviews of the plan's submissions, oldest first; only those effective by a day."""
        sql = (
            "SELECT r.submission, r.verdict, r.comment, r.reviewed_on, r.id, r.recorded_at, "
            "r.recorded_by FROM reviews r JOIN submissions s ON s.id = r.submission "
            "WHERE s.plan = ?"
        )
        args: list[Any] = [plan]
        if effective_by is not None:
            sql += " AND r.reviewed_on <= ?"
            args.append(effective_by.isoformat())
        rows = self._db.execute(sql + " ORDER BY r.id", args).fetchall()
        return [Review(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], r[5], r[6])
                for r in rows]

    def inspections(self, plan: str, *, agency: str | None = None,
                    inspected_by: date | None = None) -> list[Inspection]:
        sql = ("SELECT plan, agency, verdict, inspected_on, note, id, recorded_at, recorded_by "
               "FROM inspections WHERE plan = ?")
        args: list[Any] = [plan]
        if agency is not None:
            sql += " AND agency = ?"
            args.append(agency)
        if inspected_by is not None:
            sql += " AND inspected_on <= ?"
            args.append(inspected_by.isoformat())
        rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [Inspection(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], r[5], r[6], r[7])
                for r in rows]

    def row_counts(self) -> dict[str, int]:
        return {
            table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("submissions", "reviews", "inspections", "bulletins", "applications",
                          "application_events")
        }


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


def _connect(target: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are ours (BEGIN IMMEDIATE), not the module's
    db = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if target != ":memory:":
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

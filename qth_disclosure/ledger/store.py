"""The ledger: the append-only store of submissions, reviews, inspections, bulletins and
applications, on SQLite or PostgreSQL (`backend`).

Nothing here updates or deletes a row; the schema refuses it to other clients too. Every
write is one transaction, serialised with every other writer, so concurrent liaisons queue
instead of interleaving, and a killed process leaves all or nothing.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import fields, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from qth_disclosure.errors import InputError, LedgerError
from qth_disclosure.ledger import chain
from qth_disclosure.ledger.backend import Backend, count_rows
from qth_disclosure.ledger.location import check, is_plain_path, is_server, shown
from qth_disclosure.ledger.rows import (
    Application,
    Attachment,
    Bulletin,
    Clearance,
    DeliverableKey,
    Document,
    Event,
    Fee,
    Inspection,
    NewApplication,
    NewAttachment,
    NewBulletin,
    NewClearance,
    NewDocument,
    NewEvent,
    NewFee,
    NewInspection,
    NewPlanItem,
    NewProactiveFigure,
    NewReminder,
    NewReview,
    NewRoster,
    NewSubmission,
    NewVoid,
    PinnedRoster,
    PlanItem,
    ProactiveFigure,
    Reminder,
    Review,
    Stamp,
    Submission,
    Void,
)
from qth_disclosure.ledger.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from qth_disclosure.ledger.copying import Copied
    from qth_disclosure.ledger.sqlite import SQLiteBackend


# What Ledger.open does where a location holds no ledger yet (no file, an empty one, a
# database or schema without tables): refuse it, create it now, or (the default location)
# read it as empty and create it at the first write.
Missing = Literal["refuse", "create", "create_on_write"]


def _connect(location: str, *, for_writing: bool) -> tuple[Backend | None, bool]:
    """The backend for `location` (PostgreSQL for a postgresql:// URL, else an SQLite file)
    and whether it holds a ledger; no backend where there is no file yet.
    A database that holds anything else is refused before anything could change it. Each
    driver is imported only when a location asks for it."""
    check(location)
    backend: Backend | None
    if is_server(location):
        from qth_disclosure.ledger.postgres import PostgresBackend

        backend = PostgresBackend.connect(location)
    else:
        backend = _sqlite_file(location, for_writing=for_writing)
    return backend, backend is not None and _checked(backend)


def _sqlite_file(location: str, *, for_writing: bool) -> SQLiteBackend | None:
    """The SQLite database at `location`; None where there is no file."""
    from qth_disclosure.ledger import sqlite

    if not sqlite.is_file(location):
        return None
    return sqlite.SQLiteBackend.connect(location, for_writing=for_writing)


def _checked(b: Backend) -> bool:
    """`_holds_ledger`, closing `b` when it refuses."""
    try:
        return _holds_ledger(b)
    except BaseException:
        b.close()
        raise


def _holds_ledger(b: Backend) -> bool:
    """Whether the database holds a ledger; False when it holds nothing at all. One that
    holds anything else (another program's tables, another `schema_migrations`) is
    refused: a migration would mix the ledger's tables into it."""
    tables = set(b.tables())
    if not tables:
        return False
    version = _recorded_version(b, tables) if "schema_migrations" in tables else None
    strangers = tables - _ledger_tables(tables)
    if version is None:  # the tables named are the ones that show it is not a ledger
        strangers |= {"schema_migrations"} & tables
    elif version > SCHEMA_VERSION:  # a newer schema's tables are not ours to know
        return True  # and `migrate` says the ledger is too new
    if strangers or version is None:
        raise LedgerError("ledger_foreign", location=b.location,
                          tables=_listed(strangers or tables))
    return True


def _recorded_version(b: Backend, tables: set[str]) -> int | None:
    """The version our `schema_migrations` records; None if the table is not ours: its
    columns differ (another program's), or the names it records differ from our
    migrations' and the database holds none of a ledger's tables besides. A ledger whose
    record was edited is still a ledger, and `db verify` names what was edited."""
    columns = [d[0] for d in b.execute("SELECT * FROM schema_migrations WHERE 1 = 0").description]
    if columns != ["version", "name", "applied_at"]:
        return None
    recorded = b.execute("SELECT version, name FROM schema_migrations").fetchall()
    if any(not isinstance(v, int) for v, _ in recorded):
        return None
    ours = {number: name for number, name, _ in MIGRATIONS}
    if any(ours.get(v, name) != name for v, name in recorded) and not (
            tables & {*chain.CHAINED, "chain"}):
        return None
    return max((int(v) for v, _ in recorded), default=0)


# the tables a ledger holds: those its rows are chained in, the chain, the migrations'
# record, the server's `liaisons` (server_rules.py) and SQLite's summary of the earliest
# receipts (migration 23)
_OTHER_TABLES = ("chain", "schema_migrations", "liaisons", "first_receipts")


def _ledger_tables(found: set[str]) -> set[str]:
    known = {*chain.CHAINED, *_OTHER_TABLES}
    # a table of a migration not named above is found by running the migrations
    return known if found <= known else known | _migrated_tables()


@cache
def _migrated_tables() -> frozenset[str]:
    from qth_disclosure.ledger.sqlite import SQLiteBackend

    with Ledger(SQLiteBackend.memory(":memory:")) as scratch:
        scratch.migrate()
        return frozenset(scratch._b.tables())


def _listed(tables: set[str]) -> str:
    names = sorted(tables)
    return ", ".join(names[:5]) + (", …" if len(names) > 5 else "")


class Ledger:
    def __init__(self, backend: Backend) -> None:
        self._b = backend
        self.migrated: list[str] = []  # the migrations `open` applied
        self.created = False  # whether this process created the ledger (its first migration)

    @classmethod
    def open(cls, location: str, *, for_writing: bool, missing: Missing = "refuse",
             parents: bool = False,
             on_create: Callable[[str], None] | None = None) -> Ledger:
        """Open the ledger at `location` (a file path, or a postgresql:// URL) and bring its
        schema up to date.

        Where it holds no ledger yet, `missing` says what to do (see `Missing`); a new
        file gets missing directories only with `parents`, and `on_create` hears of a
        ledger created at the first write. A location that is not a ledger location, or
        a database holding anything but a ledger, is refused and left as it was.
        """
        backend, holds = _connect(location, for_writing=for_writing)
        if not holds and missing == "refuse":
            if backend is not None:
                backend.close()
            raise LedgerError("ledger_missing", location=shown(location))
        if not holds and missing == "create_on_write" and not is_server(location):
            if backend is not None:
                backend.close()
            return cls._created_on_first_write(location, parents, on_create)
        if backend is None:
            from qth_disclosure.ledger.sqlite import SQLiteBackend

            backend = SQLiteBackend.create(location, parents=parents)
            _checked(backend)  # what another process made there meanwhile, as any other
        ledger = cls(backend)
        try:
            ledger._migrated()
        except BaseException:
            ledger.close()
            raise
        return ledger

    @classmethod
    def _created_on_first_write(cls, location: str, parents: bool,
                                on_create: Callable[[str], None] | None) -> Ledger:
        """An empty ledger in memory that becomes the file at `location` when it is first
        written to: reads, and a command refused before it writes, leave nothing behind."""
        from qth_disclosure.ledger.sqlite import SQLiteBackend

        memory = SQLiteBackend.memory(location)
        ledger = cls(memory)
        ledger.migrate()

        def create() -> None:
            # another process may have created it since; it is checked like any other
            found = (_sqlite_file(location, for_writing=True)
                     or SQLiteBackend.create(location, parents=parents))
            _checked(found)
            memory.adopt(found)
            ledger._migrated()
            if ledger.created and on_create is not None:
                on_create(ledger.location)

        memory.before_first_write = create
        return ledger

    def _migrated(self) -> None:
        self.migrated = self.migrate()
        self.created = self.migrated[:1] == [MIGRATIONS[0][1]]

    @property
    def location(self) -> str:
        """Where the ledger is, fit to print (a URL without its password)."""
        return self._b.location

    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql", for `db info`."""
        return self._b.dialect

    def close(self) -> None:
        self._b.close()

    def snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: every read inside sees one moment, while others write (an
        export reads its rows more than once, and each time the same ones)."""
        return self._b.snapshot()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ schema

    def migrate(self) -> list[str]:
        """Apply the migrations this ledger lacks, each with its record in one transaction;
        the names applied (none when it is up to date)."""
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise LedgerError("ledger_too_new", location=self.location, version=version,
                              known=SCHEMA_VERSION)
        applied: list[str] = []
        if version == SCHEMA_VERSION:
            return applied
        for number, name, apply in MIGRATIONS:
            try:
                with self._b.write():
                    # re-read inside the transaction: another process may have migrated
                    if self.schema_version() >= number:
                        continue
                    if number == 1:
                        self._b.execute(
                            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER "
                            "PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL "
                            "DEFAULT CURRENT_TIMESTAMP)")
                    apply(self._b)
                    self._b.execute("INSERT INTO schema_migrations (version, name) "
                                    "VALUES (?, ?)", (number, name))
            except LedgerError as exc:
                if exc.key == "ledger_denied" and version == 0:  # a liaison's role
                    raise LedgerError("ledger_needs_init", location=self.location) from exc
                if exc.key == "ledger_denied":  # ... cannot create tables
                    raise LedgerError("ledger_needs_migration", location=self.location,
                                      version=version, known=SCHEMA_VERSION) from exc
                raise
            applied.append(name)
        return applied

    def schema_version(self) -> int:
        if not self._b.table_exists("schema_migrations"):
            return 0
        row = self._b.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # ------------------------------------------------------------ writes

    def _insert(self, table: str, values: dict[str, Any], stamp: Stamp) -> int:
        """Insert one row with its stamp and chain it, inside the caller's transaction."""
        row_id = self._b.insert(table, {**values, **_stamped(stamp)})
        chain.append(self._b, table, row_id)
        return row_id

    def add_submission(self, new: NewSubmission, stamp: Stamp, *,
                       items: Sequence[NewPlanItem] = (),
                       attachments: Sequence[NewAttachment] = (),
                       check: Callable[[Submission | None], None] | None = None,
                       ) -> Submission:
        """Append a submission (with a plan's items, and the files attached to it); a
        later one for the same deliverable is its revision. `check` sees the deliverable's
        latest receipt not voided (`latest_receipt`) inside the transaction (a revision
        may not be received before what it revises)."""
        with self._b.write():
            same, args = _deliverable(new.plan, new.key)
            previous = self._b.execute(f"SELECT max(id) FROM submissions WHERE {same}",
                                       args).fetchone()[0]
            if check is not None:
                check(self.latest_receipt(new.plan, new.key))
            row_id = self._insert("submissions", {
                **_columns(new), "links": json.dumps(list(new.links)), "revision_of": previous,
            }, stamp)
            for item in items:
                self._insert("plan_items", {**_columns(item), "submission": row_id}, stamp)
            for position, attached in enumerate(attachments, 1):
                self._insert("attachments", {**_columns(attached), "submission": row_id,
                                             "position": position}, stamp)
        return Submission(**vars(new), id=row_id, revision_of=previous, **_stamped(stamp))

    def _insert_submission(self, new: NewSubmission, stamp: Stamp) -> Submission:
        same, args = _deliverable(new.plan, new.key)
        previous = self._b.execute(f"SELECT max(id) FROM submissions WHERE {same}",
                                   args).fetchone()[0]
        row_id = self._insert("submissions", {
            **_columns(new), "links": json.dumps(list(new.links)), "revision_of": previous,
        }, stamp)
        return Submission(**vars(new), id=row_id, revision_of=previous, **_stamped(stamp))

    def add_submissions(self, news: Sequence[NewSubmission], stamp: Stamp, *,
                        check: Callable[[], None] | None = None,
                        check_each: Callable[[NewSubmission, Submission | None], None]
                        | None = None,
                        finish: Callable[[], None] | None = None) -> list[Submission | int]:
        """Append many (an import) in one transaction: all or none. A submission the
        ledger holds already (the same deliverable, day received, summary and links) is
        not recorded again: its place in the result is the id of the one it repeats, so
        importing a file twice changes nothing. `check` runs inside the transaction
        first (the roles); `check_each` sees each new row's deliverable's latest receipt
        not voided, as `add_submission`'s `check` does; `finish` runs last, before the commit
        (raising there, after `check_each` noted every row it refused, records none)."""
        with self._b.write():
            if check is not None:
                check()
            done: list[Submission | int] = []
            for new in news:
                same = self.same_submission(new)
                if same is None and check_each is not None:  # as add_submission's `check`
                    check_each(new, self.latest_receipt(new.plan, new.key))
                done.append(same if same is not None else self._insert_submission(new, stamp))
            if finish is not None:
                finish()
        return done

    def latest_receipt(self, plan: str, key: DeliverableKey) -> Submission | None:
        """The deliverable's latest receipt by (received_on, id) that no void (of any day)
        took back: the one a new revision may not be received before. One descent of the
        deliverable's index, however many revisions it has; reading them all, as this
        once did, cost a large ledger's submit most of its time (and PostgreSQL's client
        every row sent)."""
        same, args = _deliverable(plan, key)
        found = self._select(Submission, "submissions",
                             f"{same} AND NOT EXISTS (SELECT 1 FROM voids v "
                             "WHERE v.submission = submissions.id)", args,
                             order="received_on DESC, id DESC", limit=1)
        return found[0] if found else None

    def same_submission(self, new: NewSubmission) -> int | None:
        """The id of a submission recording exactly `new`, if the ledger holds one."""
        same, args = _deliverable(new.plan, new.key)
        for row_id, summary, links in self._b.execute(
                f"SELECT id, summary, links FROM submissions WHERE {same} AND received_on = ? "
                "AND id NOT IN (SELECT submission FROM voids) ORDER BY id",
                [*args, new.received_on.isoformat()]).fetchall():
            if summary == new.summary and links == json.dumps(list(new.links)):
                return int(row_id)
        return None

    def add_void(self, new: NewVoid, stamp: Stamp) -> Void:
        """Void a submission; once only (checked here and by a unique index)."""
        with self._b.write():
            earlier = self._b.execute("SELECT id FROM voids WHERE submission = ?",
                                      (new.submission,)).fetchone()
            if earlier is not None:
                raise InputError("already_voided", id=new.submission, void=earlier[0])
            row_id = self._insert("voids", _columns(new), stamp)
        return Void(**vars(new), id=row_id, **_stamped(stamp))

    def add_clearance(self, new: NewClearance, stamp: Stamp) -> Clearance:
        with self._b.write():
            row_id = self._insert("clearances", _columns(new), stamp)
        return Clearance(**vars(new), id=row_id, **_stamped(stamp))

    def add_inspection(self, new: NewInspection, stamp: Stamp) -> Inspection:
        with self._b.write():
            row_id = self._insert("inspections", _columns(new), stamp)
        return Inspection(**vars(new), id=row_id, **_stamped(stamp))

    def add_review(self, new: NewReview, stamp: Stamp) -> Review:
        with self._b.write():
            row_id = self._insert("reviews", _columns(new), stamp)
        return Review(**vars(new), id=row_id, **_stamped(stamp))

    def add_bulletin(self, new: NewBulletin, stamp: Stamp, *, reissue: bool,
                     document: NewDocument | None = None) -> Bulletin:
        """Record an issued bulletin; a month already bulletined needs `reissue`. Its
        `document` (the 公文 as issued), when given, is recorded with it, about it.

        The check runs inside the write transaction, so two coordinators issuing the same
        month at once cannot both succeed.
        """
        with self._b.write():
            earlier = self._b.execute(
                "SELECT max(id), max(number) FROM bulletins WHERE plan = ? AND month = ?",
                (new.plan, new.month),
            ).fetchone()
            if earlier[0] is not None and not reissue:
                raise InputError("bulletin_already_issued", month=new.month, number=earlier[1])
            taken = self._b.execute(
                "SELECT month FROM bulletins WHERE plan = ? AND number = ? AND month != ?",
                (new.plan, new.number, new.month),
            ).fetchone()
            if taken:
                raise InputError("bulletin_number_taken", number=new.number, month=taken[0])
            # the head it saw: the chain as it stood before the bulletin's own row joined
            length, head = chain.head(self._b)
            row_id = self._insert("bulletins", {
                **_columns(new), "reissue_of": earlier[0], "chain_length": length,
                "chain_head": head}, stamp)
            if document is not None:
                self._insert_document(replace(document, about=row_id), stamp)
        return Bulletin(**vars(new), id=row_id, reissue_of=earlier[0], **_stamped(stamp),
                        chain_length=length, chain_head=head)

    def add_document(self, new: NewDocument, stamp: Stamp) -> Document:
        """Record an issued document under the number it was composed with."""
        with self._b.write():
            row_id = self._insert_document(new, stamp)
        return Document(**vars(new), id=row_id, **_stamped(stamp))

    def _insert_document(self, new: NewDocument, stamp: Stamp) -> int:
        # the number printed in the document was read before the transaction: another
        # writer may have taken it since, and the document must then be composed again
        if new.kind == "letter":
            self._check_one_letter(new)
        expected = self._next_document_number(new.plan, new.series, new.year)
        if new.number != expected:
            raise InputError("document_number_taken", reference=new.reference,
                             number=expected)
        return self._insert("documents", {
            **_columns(new),
            "content": json.dumps(new.content, ensure_ascii=False, sort_keys=True)}, stamp)

    def _check_one_letter(self, new: NewDocument) -> None:
        """A letter about an event that has one is refused in one line, under the writers'
        lock, before the unique index of migration 20 (one_letter_per_event) would be."""
        event = new.content.get("facts", {}).get("event")
        if event is None:
            return
        for earlier in self.documents(new.plan, kind="letter", about=new.about):
            if earlier.content.get("facts", {}).get("event") == event:
                raise InputError("letter_event_taken", id=new.about, event=event,
                                 reference=earlier.reference)

    def add_reminder(self, new: NewReminder, stamp: Stamp,
                     send: Callable[[NewReminder], NewReminder]) -> Reminder | None:
        """Mail a notice and record it, in one transaction: `send` mails it and gives the
        row as sent. None, and nothing mailed, when the same items already reached the
        unit on `new.sent_on`: checked under the writers' lock, so two coordinators
        sending at once cannot both mail it (the lock is held while the mail goes)."""
        with self._b.write():
            if any(r.delivered for r in self.reminders(
                    new.plan, sent_on=new.sent_on, agency=new.agency)
                   if r.items == new.items):
                return None
            sent = send(new)
            row_id = self._insert("reminders", {
                **_columns(sent), "items": json.dumps(list(sent.items), ensure_ascii=False),
                "recipients": json.dumps(list(sent.recipients), ensure_ascii=False),
                "result": json.dumps(sent.result, ensure_ascii=False, sort_keys=True)}, stamp)
        return Reminder(**vars(sent), id=row_id, **_stamped(stamp))

    def reminders(self, plan: str, *, sent_on: date | None = None,
                  agency: str | None = None) -> list[Reminder]:
        """The notices mailed, oldest first; of one day, to one unit."""
        where, args = "plan = ?", list[Any]([plan])
        if sent_on is not None:
            where += " AND sent_on = ?"
            args.append(sent_on.isoformat())
        if agency is not None:
            where += " AND agency = ?"
            args.append(agency)
        return self._select(Reminder, "reminders", where, args)

    def add_application(self, new: NewApplication, stamp: Stamp, *,
                        answered_on_spot: bool = False) -> Application:
        """Register an application, and its on-the-spot answer in the same transaction."""
        with self._b.write():
            row_id = self._insert("applications", _columns(new), stamp)
            if answered_on_spot:
                self._insert("application_events", {
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
        with self._b.write():
            if check is not None:
                check(self._select(Event, "application_events", "application = ?",
                                   [new.application]))
            row_id = self._insert("application_events", {
                "application": new.application, "kind": new.kind,
                "on_date": new.occurred_on.isoformat(),
                "details": json.dumps(new.details, ensure_ascii=False, sort_keys=True),
            }, stamp)
        return Event(**vars(new), id=row_id, **_stamped(stamp))

    def add_fee(self, new: NewFee, stamp: Stamp, *,
                check: Callable[[list[Event], list[Fee]], None] | None = None) -> Fee:
        """Append a fee row; `check` sees the application's events and fees inside the
        transaction (a payment needs its notice, a notice no earlier one unpaid)."""
        with self._b.write():
            if check is not None:
                check(self._select(Event, "application_events", "application = ?",
                                   [new.application]),
                      self.fees(new.application))
            row_id = self._insert("application_fees", {
                "application": new.application, "kind": new.kind,
                "on_date": new.occurred_on.isoformat(), "amount": new.amount,
                "items": json.dumps(list(new.items)),
            }, stamp)
        return Fee(**vars(new), id=row_id, **_stamped(stamp))

    def pin_roster(self, new: NewRoster, stamp: Stamp, *,
                   check: Callable[[PinnedRoster | None], None] | None = None,
                   ) -> PinnedRoster | None:
        """Pin a roster as the one in force; None, and nothing written, when it is the one
        pinned already. `check` sees the roster in force inside the transaction (who may
        change it is decided by the roster it replaces)."""
        with self._b.write():
            latest = self.pinned_roster()
            if check is not None:
                check(latest)
            if latest is not None and latest.roster == new.roster:
                return None
            row_id = self._insert("rosters", _columns(new), stamp)
        return PinnedRoster(**vars(new), id=row_id, **_stamped(stamp))

    def add_proactive_figure(self, new: NewProactiveFigure, stamp: Stamp, *,
                             check: Callable[[], None] | None = None) -> ProactiveFigure:
        """Record one figure of a unit's proactive-disclosure table; `check` runs inside
        the transaction (who may write it)."""
        with self._b.write():
            if check is not None:
                check()
            row_id = self._insert("proactive_figures", _columns(new), stamp)
        return ProactiveFigure(**vars(new), id=row_id, **_stamped(stamp))

    def proactive_figures(self, plan: str, year: int) -> list[ProactiveFigure]:
        """The figures recorded for `year`, oldest first (the latest of each unit's item is
        the one in force)."""
        return self._select(ProactiveFigure, "proactive_figures", "plan = ? AND year = ?",
                            [plan, year])

    # ------------------------------------------------------------ reads

    def _select(self, cls: type[R], table: str, where: str = "1 = 1",
                args: Sequence[Any] = (), order: str = "id",
                limit: int | None = None) -> list[R]:
        cur = self._b.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}"
                              + (f" LIMIT {int(limit)}" if limit is not None else ""),
                              list(args))
        names = tuple(d[0] for d in cur.description)
        read, rows = _reader(cls, names), cur.fetchall()
        try:
            return [read(r) for r in rows]
        except (ValueError, TypeError) as exc:
            for row in rows:  # the first row that does not read, and why
                column = _unreadable(cls, names, row)
                if column is not None:
                    raise self.unreadable_row(table, row[names.index("id")], column,
                                               row[names.index(column)]) from exc
            raise  # no value is at fault: a bug of the reader's own

    def unreadable_row(self, table: str, row_id: Any, column: str,
                        value: Any) -> LedgerError:
        """A row the tool could not have written (an owner's edit of an SQLite file, a
        PostgreSQL ledger from before migration 10): named, rather than a traceback in
        every reader's status."""
        shown_value = repr(value)
        if len(shown_value) > 40:
            shown_value = shown_value[:39] + "…"
        return LedgerError("ledger_row_unreadable", location=self.location, table=table,
                           id=row_id, column=column, value=shown_value)

    def submission(self, submission_id: int) -> Submission | None:
        rows = self._select(Submission, "submissions", "id = ?", [submission_id])
        return rows[0] if rows else None

    def submissions_with_ids(self, plan: str, ids: Sequence[int], *,
                             received_by: date | None = None) -> list[Submission]:
        """The plan's submissions among `ids` (received by a day), by the primary key, in
        batches: as many rows are read as are asked for, whatever the ledger holds."""
        found: list[Submission] = []
        # SQLite would answer `plan = ?` by the day index, reading the whole plan's entries
        # for every batch; `+plan` is not an index term, so each id is a primary-key probe
        same_plan = "+plan = ?" if self._b.dialect == "sqlite" else "plan = ?"
        for batch in _batches(ids):
            where = f"{same_plan} AND id IN ({', '.join('?' * len(batch))})"
            args: list[Any] = [plan, *batch]
            if received_by is not None:
                where += " AND received_on <= ?"
                args.append(received_by.isoformat())
            found += self._select(Submission, "submissions", where, args)
        return found

    def submissions(self, plan: str, *, agency: str | None = None, task: str | None = None,
                    period: str | None = None, received_from: date | None = None,
                    received_by: date | None = None,
                    kind: str | None = None) -> list[Submission]:
        """Submissions of a plan, oldest recorded first, optionally narrowed (a range of
        days by the index of migration 12), every filter in the query: rows become
        objects only when they are shown."""
        where, args = ["plan = ?"], [plan]
        for column, value in (("agency", agency), ("kind", kind), ("task", task),
                              ("period", period)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        # One unit's rows are found by the deliverable index (plan, agency, ...), whose
        # entries hold the day. SQLite, keeping no statistics, would rather take the day
        # index for a range of days and read every unit's rows received by then (a
        # province's `history --agency`: 0.8 s of CPU for 316 rows); `+received_on` is
        # not an index term, so the range is checked on the unit's entries.
        day = "+received_on" if agency is not None and self._b.dialect == "sqlite" \
            else "received_on"
        if received_from is not None:
            where.append(f"{day} >= ?")
            args.append(received_from.isoformat())
        if received_by is not None:
            where.append(f"{day} <= ?")
            args.append(received_by.isoformat())
        return self._select(Submission, "submissions", " AND ".join(where), args)

    def submission_pages(self, plan: str, *, received_by: date,
                         page: int = 2000) -> Iterator[list[Submission]]:
        """The plan's submissions received by a day, oldest recorded first, `page` rows at
        a time: however many the ledger holds, a reader of them keeps one page (and the
        plan's ids, 8 bytes each) in memory."""
        # the plan's ids from the day index, which covers them (a ledger shared by many
        # plans is not read beyond this plan's entries), sorted here: SQLite, asked to
        # order them, may walk the whole table by its primary key instead
        ids = array("q", sorted(r[0] for r in self._b.execute(
            "SELECT id FROM submissions WHERE plan = ? AND received_on <= ?",
            [plan, received_by.isoformat()])))
        for start in range(0, len(ids), page):
            chunk = ids[start:start + page].tolist()
            yield self._select(Submission, "submissions",
                               f"id IN ({', '.join('?' * len(chunk))})", chunk)

    def count_submissions(self, plan: str, *, received_by: date) -> int:
        """How many submissions of the plan were received by a day (by the day index)."""
        return int(self._b.execute(
            "SELECT count(*) FROM submissions WHERE plan = ? AND received_on <= ?",
            (plan, received_by.isoformat())).fetchone()[0])

    def newest(self, plan: str, keys: Sequence[DeliverableKey],
               as_of: date) -> list[Submission]:
        """The newest receipt known on `as_of` of each deliverable `keys` names that has
        one, by one indexed probe each: what lint checks, whatever the revisions."""
        found: list[Submission] = []
        for key in keys:
            same, args = _deliverable(plan, key)
            found += self._select(Submission, "submissions",
                                  f"{same} AND received_on <= ? AND {_NOT_VOIDED}",
                                  [*args, as_of.isoformat(), as_of.isoformat()],
                                  order="received_on DESC, id DESC", limit=1)
        return found

    def reviews(self, plan: str, *, effective_by: date | None = None,
                agency: str | None = None) -> list[Review]:
        """Reviews of the plan's submissions (of one unit's), oldest first; only those
        effective by a day. Driven by the reviews, each met with its submission by key:
        a ledger with few reviews answers at once, however many submissions it holds."""
        where = ("EXISTS (SELECT 1 FROM submissions s WHERE s.id = reviews.submission "
                 "AND s.plan = ?" + (" AND s.agency = ?)" if agency is not None else ")"))
        args: list[Any] = [plan] if agency is None else [plan, agency]
        if effective_by is not None:
            where += " AND reviewed_on <= ?"
            args.append(effective_by.isoformat())
        return self._select(Review, "reviews", where, args)

    def reviews_in_force(self, submission_ids: Sequence[int], as_of: date) -> dict[int, Review]:
        """Each given submission's review in force on `as_of` (the latest effective by
        then, by its day, then as recorded), by one indexed probe each."""
        found: dict[int, Review] = {}
        for submission in submission_ids:
            for review in self._select(Review, "reviews", "submission = ? AND reviewed_on <= ?",
                                       [submission, as_of.isoformat()],
                                       order="reviewed_on DESC, id DESC", limit=1):
                found[submission] = review
        return found

    def reviews_of_receipts(self, plan: str, as_of: date, *, agency: str | None = None
                            ) -> list[tuple[Review, DeliverableKey]]:
        """Each receipt's review in force on `as_of` (the latest effective by then, by its
        day, then as recorded), for the receipts that count then (received by `as_of`, not
        voided by it), with the receipt's deliverable; by the reviews' index, driven by
        the reviews, so a ledger of many submissions and few reviews answers at once."""
        day = as_of.isoformat()
        where = ("reviewed_on <= ? AND EXISTS (SELECT 1 FROM submissions s WHERE "
                 "s.id = reviews.submission AND s.plan = ? AND s.received_on <= ?"
                 + (" AND s.agency = ?)" if agency is not None else ")")
                 + " AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.submission = "
                 "reviews.submission AND v.voided_on <= ?) AND NOT EXISTS (SELECT 1 FROM "
                 "reviews later WHERE later.submission = reviews.submission AND "
                 "later.reviewed_on <= ? AND (later.reviewed_on > reviews.reviewed_on OR "
                 "(later.reviewed_on = reviews.reviewed_on AND later.id > reviews.id)))")
        args: list[Any] = [day, plan, day, *([agency] if agency is not None else []), day, day]
        found = self._select(Review, "reviews", where, args, order="submission, id")
        keys: dict[int, DeliverableKey] = {}
        for chunk in _batches(r.submission for r in found):
            marks = ", ".join("?" for _ in chunk)
            for row in self._b.execute("SELECT id, kind, agency, task, period FROM "
                                       f"submissions WHERE id IN ({marks})", chunk).fetchall():
                keys[int(row[0])] = (row[1], row[2], row[3], row[4])
        return [(r, keys[r.submission]) for r in found]

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

    def voids(self, plan: str, *, effective_by: date | None = None) -> list[Void]:
        """Voids of the plan's submissions, oldest first; only those dated by a day. Driven
        by the voids, each met with its submission by key (as `reviews`)."""
        where = _OF_PLAN
        args: list[Any] = [plan]
        if effective_by is not None:
            where += " AND voided_on <= ?"
            args.append(effective_by.isoformat())
        return self._select(Void, "voids", where, args)

    def clearances(self, plan: str, *, cleared_by: date | None = None) -> list[Clearance]:
        """保密审查 records of the plan's submissions, oldest first (driven by the records)."""
        where = _OF_PLAN
        args: list[Any] = [plan]
        if cleared_by is not None:
            where += " AND cleared_on <= ?"
            args.append(cleared_by.isoformat())
        return self._select(Clearance, "clearances", where, args)

    def voids_of(self, submission_ids: Sequence[int], *,
                 effective_by: date | None = None) -> list[Void]:
        """The voids of the given submissions (dated by a day), by their submission's
        index: as many rows read as those submissions have, whatever the ledger holds."""
        return self._of_submissions(Void, "voids", submission_ids, "voided_on", effective_by)

    def clearances_of(self, submission_ids: Sequence[int], *,
                      cleared_by: date | None = None) -> list[Clearance]:
        """The 保密审查 records of the given submissions (dated by a day), by their
        submission's index."""
        return self._of_submissions(Clearance, "clearances", submission_ids, "cleared_on",
                                    cleared_by)

    def _of_submissions(self, cls: type[R], table: str, submission_ids: Sequence[int],
                        day_column: str, by: date | None) -> list[R]:
        found: list[R] = []
        for batch in _batches(submission_ids):
            where = f"submission IN ({', '.join('?' * len(batch))})"
            args: list[Any] = list(batch)
            if by is not None:
                where += f" AND {day_column} <= ?"
                args.append(by.isoformat())
            found += self._select(cls, table, where, args)
        return found

    def attachments_of(self, submission_ids: Sequence[int]) -> list[Attachment]:
        """What is attached to the given submissions, without the bytes, by submission
        and position."""
        found: list[Attachment] = []
        for batch in _batches(submission_ids):
            cur = self._b.execute(
                f"SELECT {_ATTACHMENT_COLUMNS} FROM attachments "
                f"WHERE submission IN ({', '.join('?' * len(batch))})", batch)
            names = tuple(d[0] for d in cur.description)
            found += map(_reader(Attachment, names), cur.fetchall())
        return sorted(found, key=lambda a: (a.submission, a.position))

    def attachments_received_by(self, plan: str, day: date) -> list[Attachment]:
        """What is attached to the plan's submissions received by a day, without the bytes,
        by submission and position: driven by the attachments, each met with its
        submission by key, so a ledger of many submissions and few files answers at once."""
        cur = self._b.execute(
            f"SELECT {_ATTACHMENT_COLUMNS} FROM attachments WHERE EXISTS (SELECT 1 FROM "
            "submissions s WHERE s.id = attachments.submission AND s.plan = ? AND "
            "s.received_on <= ?) ORDER BY submission, position", [plan, day.isoformat()])
        names = tuple(d[0] for d in cur.description)
        return list(map(_reader(Attachment, names), cur.fetchall()))

    def attachment(self, attachment_id: int) -> tuple[Attachment, bytes] | None:
        """One stored attachment and its bytes, as they were handed in."""
        cur = self._b.execute(f"SELECT {_ATTACHMENT_COLUMNS}, data FROM attachments "
                              "WHERE id = ?", [attachment_id])
        names = tuple(d[0] for d in cur.description)
        row = cur.fetchone()
        if row is None:
            return None
        return _reader(Attachment, names)(row), bytes(row[-1])

    def plan_items(self, plan: str, *, agency: str | None = None) -> list[PlanItem]:
        """The items of the plan's 部门方案 submissions, by submission and position."""
        # driven by the items, each met with its submission by key: a ledger of few plans
        # answers at once, however many monthly reports it holds
        inner = ("EXISTS (SELECT 1 FROM submissions s WHERE s.id = plan_items.submission "
                 "AND s.plan = ? AND s.kind = 'plan'")
        args: list[Any] = [plan]
        if agency is not None:
            inner += " AND s.agency = ?"
            args.append(agency)
        return self._select(PlanItem, "plan_items", inner + ")", args)

    def bulletins(self, plan: str) -> list[Bulletin]:
        return self._select(Bulletin, "bulletins", "plan = ?", [plan])

    def next_bulletin_number(self, plan: str) -> int:
        row = self._b.execute("SELECT max(number) FROM bulletins WHERE plan = ?",
                              (plan,)).fetchone()
        return int(row[0] or 0) + 1

    def pinned_roster(self) -> PinnedRoster | None:
        """The roster in force: the one pinned last, if any was. The whole ledger's, whatever
        plan it was pinned under: a registry naming another plan does not escape it."""
        found = self._select(PinnedRoster, "rosters", "id = (SELECT max(id) FROM rosters)")
        return found[0] if found else None

    def documents(self, plan: str, *, kind: str | None = None,
                  about: int | None = None) -> list[Document]:
        """Documents issued, oldest first; of one kind, about one bulletin or application."""
        where, args = "plan = ?", list[Any]([plan])
        if kind is not None:
            where += " AND kind = ?"
            args.append(kind)
        if about is not None:
            where += " AND about = ?"
            args.append(about)
        return self._select(Document, "documents", where, args)

    def next_document_number(self, plan: str, series: str, year: int) -> int:
        """The number the next document of `series` issued in `year` gets."""
        return self._next_document_number(plan, series, year)

    def _next_document_number(self, plan: str, series: str, year: int) -> int:
        row = self._b.execute("SELECT max(number) FROM documents WHERE plan = ? AND series = ? "
                              "AND year = ?", (plan, series, year)).fetchone()
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

    def fees(self, application_id: int | None = None) -> list[Fee]:
        """Fees of one application, or of all, in the order they were recorded."""
        if application_id is None:
            return self._select(Fee, "application_fees")
        return self._select(Fee, "application_fees", "application = ?", [application_id])

    def receipts(self, plan: str, key: DeliverableKey,
                 as_of: date) -> tuple[list[tuple[date, int]], set[int]]:
        """One deliverable's receipts that decide its state, by indexed probes.

        The newest receipt, and the earliest that was not returned, with the returned ones
        met on the way: what `compliance.judge` needs, whatever the number of revisions.
        """
        same, args = _deliverable(plan, key)
        # a voided receipt counts nowhere from its void's day on
        where = f"FROM submissions WHERE {same} AND received_on <= ? AND {_NOT_VOIDED}"
        args += [as_of.isoformat(), as_of.isoformat()]
        newest = self._b.execute(f"SELECT received_on, id {where} "
                                 "ORDER BY received_on DESC, id DESC LIMIT 1", args).fetchone()
        if newest is None:
            return [], set()
        last = (self._received_on(*newest), int(newest[1]))
        if self._returned(last[1], as_of):
            return [last], {last[1]}
        # the earliest receipts in short pages, by the index: PostgreSQL's client sends
        # a query's whole result, and most deliverables need only the first of them
        returned: set[int] = set()
        after, after_args, page = "", list[Any](), 4
        while True:
            found = self._b.execute(
                f"SELECT received_on, id {where}{after} ORDER BY received_on, id "
                f"LIMIT {page}", [*args, *after_args]).fetchall()
            for received_on, row_id in found:
                if row_id == last[1] or not self._returned(row_id, as_of):
                    first = (self._received_on(received_on, row_id), int(row_id))
                    return sorted({first, last}), returned
                returned.add(int(row_id))
            if len(found) < page:
                return [last], returned
            # the next page starts after the last row read, in the same order
            after = " AND received_on >= ? AND (received_on > ? OR id > ?)"
            after_args = [found[-1][0], found[-1][0], found[-1][1]]
            page = min(page * 4, 1024)

    def receipts_of(self, plan: str, keys: Sequence[DeliverableKey],
                    as_of: date) -> list[tuple[list[tuple[date, int]], set[int]]]:
        """`receipts` of many deliverables, in their order. On a server every query is a
        round trip, so PostgreSQL is asked for all of them in one query per shape of key
        (a monthly report's task and period, a plan's neither, a summary's period alone),
        each deliverable still read by the index (a lateral join per key); SQLite, in the
        process, probes one by one."""
        if self._b.dialect != "postgresql":
            return [self.receipts(plan, key, as_of) for key in keys]
        shapes: dict[tuple[bool, bool], list[tuple[int, DeliverableKey]]] = {}
        for i, key in enumerate(keys):
            shapes.setdefault((key[2] is None, key[3] is None), []).append((i, key))
        found: dict[int, tuple[list[tuple[date, int]], set[int]]] = {}
        for (no_task, no_period), chosen in shapes.items():
            # `IS NULL` where the key has none: `=` would match nothing
            match = " AND ".join(f"s.{column} IS NULL" if none else f"s.{column} = k.{column}"
                                 for column, none in (("task", no_task),
                                                      ("period", no_period)))
            found.update(self._receipts_together(plan, chosen, as_of, match))
        return [found[i] for i in range(len(keys))]

    def _receipts_together(self, plan: str, chosen: list[tuple[int, DeliverableKey]],
                           as_of: date, match: str) -> dict[
                               int, tuple[list[tuple[date, int]], set[int]]]:
        day = as_of.isoformat()
        same = f"s.plan = ? AND s.agency = k.agency AND s.kind = k.kind AND {match}"
        returned = ("coalesce((SELECT r.verdict = 'return' FROM reviews r WHERE "
                    "r.submission = s.id AND r.reviewed_on <= ? "
                    "ORDER BY r.reviewed_on DESC, r.id DESC LIMIT 1), false)")
        # a voided receipt counts nowhere from its void's day on
        live = ("NOT EXISTS (SELECT 1 FROM voids v WHERE v.submission = s.id "
                "AND v.voided_on <= ?)")
        rows = self._b.execute(
            "SELECT k.i, n.received_on, n.id, n.returned, f.received_on, f.id "
            "FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            "AS k(i, kind, agency, task, period) "
            f"CROSS JOIN LATERAL (SELECT s.received_on, s.id, {returned} AS returned "
            f"FROM submissions s WHERE {same} AND s.received_on <= ? AND {live} "
            "ORDER BY s.received_on DESC, s.id DESC LIMIT 1) n "
            f"LEFT JOIN LATERAL (SELECT s.received_on, s.id FROM submissions s "
            f"WHERE {same} AND s.received_on <= ? AND {live} AND NOT {returned} "
            "ORDER BY s.received_on, s.id LIMIT 1) f ON NOT n.returned",
            [[i for i, _ in chosen], *([key[n] for _, key in chosen] for n in range(4)),
             day, plan, day, day, plan, day, day, day]).fetchall()
        found: dict[int, tuple[list[tuple[date, int]], set[int]]] = {
            i: ([], set()) for i, _ in chosen}
        for i, newest_on, newest_id, is_returned, first_on, first_id in rows:
            last = (self._received_on(newest_on, newest_id), int(newest_id))
            if is_returned or first_id is None:
                found[i] = ([last], {last[1]} if is_returned else set())
            else:
                first = (self._received_on(first_on, first_id), int(first_id))
                found[i] = (sorted({first, last}), set())
        return found

    def receipt_ends(self, plan: str, as_of: date, *, agency: str | None = None,
                     periods: Sequence[str] | None = None
                     ) -> dict[DeliverableKey, tuple[tuple[date, int], tuple[date, int]]]:
        """The earliest and the newest receipt, by (received_on, id), of every deliverable
        that has one counting on `as_of` (received by then, not voided by then), of one
        unit or all: one ordered pass of the deliverable index, one row per deliverable,
        for a ledger of few revisions per deliverable and too many deliverables to probe
        one by one. SQLite takes the least and greatest of the day and the zero-padded id
        as one text (a bare column beside min() comes from an arbitrary row among ties);
        PostgreSQL takes the first row of each key, each way, with DISTINCT ON. With
        `periods`, the deliverables of those periods only (a bulletin's months and the
        months before, which its lint compares with)."""
        day = as_of.isoformat()
        where = "plan = ? AND received_on <= ?" + (" AND agency = ?" if agency is not None
                                                    else "")
        args: list[Any] = [plan, day, *([agency] if agency is not None else [])]
        if periods is not None:
            where += f" AND period IN ({', '.join('?' * len(periods))})"
            args += periods
        live = " AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.submission = s.id " \
               "AND v.voided_on <= ?)"
        args.append(day)
        key = "agency, kind, task, period"
        found: dict[DeliverableKey, tuple[tuple[date, int], tuple[date, int]]] = {}
        if self._b.dialect == "postgresql":
            ends: list[dict[DeliverableKey, tuple[date, int]]] = []
            for way in ("", " DESC"):
                ends.append({
                    (kind, code, task, period): (self._received_on(on, row_id), int(row_id))
                    for code, kind, task, period, on, row_id in self._b.execute(
                        f"SELECT DISTINCT ON ({key}) {key}, received_on, id "
                        f"FROM submissions s WHERE {where}{live} "
                        f"ORDER BY {key}, received_on{way}, id{way}", args)})
            return {k: (first, ends[1][k]) for k, first in ends[0].items()}
        ordered = "received_on || printf('%020d', id)"
        # a province's 200,000 keys name a few thousand units, tasks and months: each is
        # kept once, not as four new texts a row (40 MiB of them)
        for code, kind, task, period, first, newest in self._b.execute(
                f"SELECT {key}, min({ordered}), max({ordered}) FROM submissions s "
                f"WHERE {where}{live} GROUP BY {key}", args):
            found[(_named(kind), _named(code), _named(task),
                   _named(period))] = (self._end(first), self._end(newest))
        return found

    def monthly_firsts(self, plan: str, as_of: date, *, agency: str | None = None
                       ) -> Iterator[tuple[str, str, str, str]]:
        """(agency, task, period, day) of the earliest receipt by `as_of` of every monthly
        report that has one, voided or not, of one unit or all, in that order; the day as
        the ISO text it is stored as, each one checked readable (so the caller may compare
        it with a due day's text). Read as a stream, a row at a time: what the status grid
        shows of a monthly report is its state, never its record. SQLite reads the summary
        the ledger keeps (migration 23), a row per deliverable; PostgreSQL groups the
        deliverable index. The voids and the returns, which change what a deliverable's
        receipts come to, are the caller's to probe."""
        unit = " AND agency = ?" if agency is not None else ""
        args: list[Any] = [plan, as_of.isoformat(), *([agency] if agency is not None else [])]
        if self._b.dialect == "postgresql":
            query = ("SELECT agency, task, period, min(received_on) FROM submissions "
                     f"WHERE plan = ? AND received_on <= ?{unit} AND kind = 'monthly' "
                     "GROUP BY agency, task, period ORDER BY agency, task, period")
        else:
            query = ("SELECT agency, task, period, received_on FROM first_receipts "
                     f"WHERE plan = ? AND received_on <= ?{unit} AND kind = 'monthly' "
                     "ORDER BY agency, task, period")
        readable: set[Any] = set()
        for row in self._b.execute(query, args):
            if row[3] not in readable:
                self._first_day(plan, row[3])
                readable.add(row[3])
            yield row

    def other_firsts(self, plan: str, as_of: date, *, agency: str | None = None
                     ) -> list[tuple[DeliverableKey, tuple[date, int]]]:
        """The earliest receipt by `as_of`, (received_on, id), of every deliverable that is
        not a monthly report (a plan, a summary, an annual report) and has one, voided or
        not, of one unit or all: as `monthly_firsts`, with the receipt's id."""
        unit = " AND agency = ?" if agency is not None else ""
        args: list[Any] = [plan, as_of.isoformat(), *([agency] if agency is not None else [])]
        where = f"WHERE plan = ? AND received_on <= ?{unit} AND kind <> 'monthly'"
        key = "agency, kind, task, period"
        if self._b.dialect == "postgresql":
            query = (f"SELECT DISTINCT ON ({key}) {key}, received_on, id FROM submissions "
                     f"{where} ORDER BY {key}, received_on, id")
        else:  # the kinds before 'monthly' and after it, each a range of the kind index
            query = " UNION ALL ".join(
                f"SELECT {key}, received_on, submission FROM first_receipts "
                f"WHERE plan = ? AND received_on <= ?{unit} AND kind {side} 'monthly'"
                for side in ("<", ">"))
            args += args
        return [((kind, code, task, period), (self._received_on(on, row_id), int(row_id)))
                for code, kind, task, period, on, row_id in self._b.execute(query, args)]

    def _first_day(self, plan: str, text: Any) -> date:
        """A day `monthly_firsts` read, or the refusal naming a row that holds it."""
        try:
            return _date(text)
        except (ValueError, TypeError):
            row = self._b.execute("SELECT id FROM submissions WHERE plan = ? AND "
                                  "received_on = ? LIMIT 1", [plan, text]).fetchone()
            return self._received_on(text, row[0] if row else None)

    def _end(self, ordered: str) -> tuple[date, int]:
        """A receipt's (received_on, id) from its text as `receipt_ends` orders it."""
        row_id = int(ordered[-20:])
        return self._received_on(ordered[:-20], row_id), row_id

    def _received_on(self, text: Any, row_id: Any) -> date:
        try:
            return _date(text)
        except (ValueError, TypeError) as exc:
            raise self.unreadable_row("submissions", row_id, "received_on", text) from exc

    def submissions_bound(self) -> int:
        """An upper bound of the submission rows, read from the primary key at no cost."""
        return int(self._b.execute("SELECT max(id) FROM submissions").fetchone()[0] or 0)

    def _returned(self, submission: int, as_of: date) -> bool:
        latest = self._b.execute(
            "SELECT verdict FROM reviews WHERE submission = ? AND reviewed_on <= ? "
            "ORDER BY reviewed_on DESC, id DESC LIMIT 1", (submission, as_of.isoformat()),
        ).fetchone()
        return latest is not None and latest[0] == "return"

    # ------------------------------------------------------------ integrity

    def verify(self, progress: Callable[[int], None] | None = None, *,
               head: str | None = None) -> chain.Break | None:
        """The database's own consistency check, the hash chain (holding `head`, when
        given), then the guards and migrations the schema should have and the summary of
        earliest receipts it keeps; the first problem."""
        from qth_disclosure.ledger import guards  # only db verify looks at them

        problem = self._b.integrity_problem()
        if problem is not None:
            return chain.Break("integrity_failed", {"detail": problem})
        from qth_disclosure.ledger.attached import tampered
        from qth_disclosure.ledger.summaries import disagreement

        return (chain.verify(self._b, progress, head=head) or tampered(self._b)
                or guards.problem(self._b) or disagreement(self._b))

    def chain_head(self) -> tuple[int, str]:
        return chain.head(self._b)

    def backup(self, target: str,
               progress: Callable[[int, int], None] | None = None) -> tuple[int, str]:
        """A consistent copy while others write (SQLite's online backup), into a new file,
        never over an existing one, whatever it holds; the chain's head as copied, read
        back from the copy."""
        if not is_plain_path(target):
            raise InputError("backup_not_a_file", value=shown(target))
        self._b.backup(Path(target), progress)
        with Ledger.open(target, for_writing=False) as copy:
            return copy.chain_head()

    def size_bytes(self) -> int:
        return self._b.size_bytes()

    def copy_to(self, location: str,
                progress: Callable[[int, int], None] | None = None) -> Copied:
        """Copy every row into a new file or an empty PostgreSQL ledger at `location`,
        verified before it commits: the rows copied and the chain's head. An existing file
        is never written to; a file created for a failed copy is removed again."""
        from qth_disclosure.ledger import copying  # only `db copy` copies

        check(location)
        target_shown = shown(location)
        if target_shown == self.location or (
                not is_server(location) and not is_server(self.location)
                and Path(location).resolve() == Path(self.location).resolve()):
            raise InputError("copy_same", target=target_shown)
        created = not is_server(location)
        if created:
            from qth_disclosure.ledger.sqlite import SQLiteBackend

            try:
                SQLiteBackend.create(location, parents=False, new=True).close()
            except FileExistsError:
                raise InputError("copy_target_exists", target=target_shown) from None
        try:
            with Ledger.open(location, for_writing=True, missing="create") as target:
                return copying.copy_rows(self._b, target._b, target_shown, progress)
        except BaseException:
            if created:
                for leftover in (location, f"{location}-wal", f"{location}-shm"):
                    Path(leftover).unlink(missing_ok=True)
            raise

    def row_counts(self) -> dict[str, int]:
        return count_rows(self._b, chain.CHAINED)


R = TypeVar("R")
# an attachment's columns but its bytes: what a listing reads
_ATTACHMENT_COLUMNS = ", ".join(f.name for f in fields(Attachment))
# dataclass fields whose names differ from their columns
# Event.occurred_on is stored as `on_date`: every chain entry hashes its row by column
# name, so renaming the column would break the chain of every ledger already kept.
_COLUMN_OF = {"occurred_on": "on_date"}


def _columns(new: object) -> dict[str, Any]:
    """A New... row as column values: dates as ISO text, column names as in the schema."""
    return {_COLUMN_OF.get(k, k): v.isoformat() if isinstance(v, date) else v
            for k, v in vars(new).items()}


def _stamped(stamp: Stamp) -> dict[str, Any]:
    return {"recorded_at": stamp.at.isoformat(), "recorded_by": stamp.by, "login": stamp.login}


# The ledger keeps dates of the years 1900 to 2999 (PostgreSQL's checks, migration 10, say
# the same): nothing the plan records falls outside them, and the month arithmetic of
# status and lint needs a month before and after every one it meets.
_YEARS = range(1900, 3000)


@lru_cache(maxsize=8192)  # a ledger holds few distinct days: read each once
def _date(text: Any) -> date:
    """YYYY-MM-DD, as the tool writes dates (not the other forms fromisoformat reads)."""
    day = date.fromisoformat(text)
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or day.year not in _YEARS:
        raise ValueError(text)
    return day


@lru_cache(maxsize=1024)
def _is_month(text: Any) -> bool:
    """YYYY-MM of a year the ledger keeps."""
    return (type(text) is str and len(text) == 7 and text[4] == "-" and text.isascii()
            and text[:4].isdigit() and text[5:].isdigit()
            and int(text[:4]) in _YEARS and 1 <= int(text[5:]) <= 12)


def _json(text: Any) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:  # nested deeper than Python's stack
        raise ValueError(text) from exc


def _strings(text: Any) -> tuple[str, ...]:
    """A JSON array of strings (links)."""
    if text == "[]":  # most reports have no links
        return ()
    # as the tool writes them (json.dumps: ", " between, nothing escaped in an ASCII link)
    # they are split rather than parsed, a third of the cost of reading a report; a
    # quote, a backslash or a control character (what JSON escapes or refuses) is parsed
    if (type(text) is str and len(text) >= 4 and text[:2] == '["' and text[-2:] == '"]'
            and "\\" not in text and text.isprintable()):
        parts = text[2:-2].split('", "')
        if not any('"' in part for part in parts):
            return tuple(parts)
    value = _json(text)
    if type(value) is not list or not all(type(v) is str for v in value):
        raise ValueError(text)
    return tuple(value)


def _object(text: Any) -> dict[str, Any]:
    """A JSON object (an event's details)."""
    value = _json(text)
    if type(value) is not dict:
        raise ValueError(text)
    return value


# how a column's text becomes the field's value, by the field's declared type; each raises
# ValueError or TypeError on a value the tool could not have written
_DECODE: dict[str, Callable[[Any], Any]] = {
    "date": _date,
    "tuple[str, ...]": _strings,
    "dict[str, Any]": _object,
}
# the members each kind of event is read by (core.applications, core.stats), and their types
_EVENT_NEEDS: dict[str, dict[str, type]] = {
    "answer": {"outcome": str},
    "pause": {"why": str},
    "close": {"why": str},
    "appeal": {"kind": str},
    "extend": {"approved_by": str, "working_days": int},
}


def _wrong_month(row: Submission) -> str | None:
    return "period" if row.kind == "monthly" and not _is_month(row.period) else None


def _wrong_details(row: Event) -> str | None:
    needs = _EVENT_NEEDS.get(row.kind, {})
    return "details" if any(type(row.details.get(k)) is not t
                            for k, t in needs.items()) else None


# what a decoded row of a class must also satisfy for its readers: the column at fault
_ROW_CHECKS: dict[type, Callable[[Any], str | None]] = {
    Submission: _wrong_month,  # month arithmetic (lint, report, bulletin)
    Event: _wrong_details,
}


_READERS: dict[tuple[type, tuple[str, ...]], Callable[[Sequence[Any]], Any]] = {}


# The columns that name a plan, a kind, a unit, a task, a month or who recorded a row:
# a province's 100,000 receipts repeat a few thousand of them, each read as a new text
# (40 MiB of them); each distinct one is kept once, the same value (interned: let go with
# the last row that names it, not kept for the process).
_NAMING = frozenset({"plan", "kind", "agency", "task", "period", "recorded_by", "login"})


def _named(value: Any) -> Any:
    # text only: whatever else a damaged ledger holds is passed on as it is, to be refused
    return sys.intern(value) if type(value) is str else value


def _plan(cls: type, names: tuple[str, ...]) -> list[tuple[int, Callable[[Any], Any] | None]]:
    """Where each field of `cls` is among the columns `names`, and how it is decoded."""
    return [(names.index(_COLUMN_OF.get(f.name, f.name)),
             _DECODE.get(str(f.type)) or (_named if f.name in _NAMING else None))
            for f in fields(cls)]


def _reader(cls: type[R], names: tuple[str, ...]) -> Callable[[Sequence[Any]], R]:
    """A function turning a row (columns in `names` order) into `cls`, planned once per
    query shape: a status over a large ledger reads tens of thousands of rows. It raises
    ValueError or TypeError on a value the tool could not have written."""
    read = _READERS.get((cls, names))
    if read is None:
        plan, check = _plan(cls, names), _ROW_CHECKS.get(cls)

        def read(row: Sequence[Any]) -> Any:
            decoded = cls(*[decode(row[i]) if decode else row[i] for i, decode in plan])
            if check is not None and check(decoded) is not None:
                raise ValueError(decoded)
            return decoded

        _READERS[(cls, names)] = read
    return read


def _unreadable(cls: type, names: tuple[str, ...], row: Sequence[Any]) -> str | None:
    """The first column of `row` that `_reader` could not read, or None."""
    values = []
    for i, decode in _plan(cls, names):
        try:
            values.append(decode(row[i]) if decode else row[i])
        except (ValueError, TypeError):
            return names[i]
    check = _ROW_CHECKS.get(cls)
    return check(cls(*values)) if check is not None else None


# a submission not voided by the day given as the clause's parameter
def _batches(ids: Iterable[int], size: int = 500) -> Iterator[list[int]]:
    """Distinct ids in order, in lists short enough for any backend's limit of a
    statement's parameters."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), size):
        yield wanted[start:start + size]


# a void's or clearance's submission is of the plan given as the clause's parameter
_OF_PLAN = "EXISTS (SELECT 1 FROM submissions s WHERE s.id = submission AND s.plan = ?)"

_NOT_VOIDED = "id NOT IN (SELECT submission FROM voids WHERE voided_on <= ?)"


def _deliverable(plan: str, key: DeliverableKey) -> tuple[str, list[Any]]:
    """WHERE text and arguments for one deliverable's submissions. A missing task or period
    is `IS NULL`, not a parameter: `IS ?` is SQLite's alone, and `=` lets both databases
    use the deliverable index."""
    kind, agency, task, period = key
    where, args = ["plan = ?", "agency = ?", "kind = ?"], [plan, agency, kind]
    for column, value in (("task", task), ("period", period)):
        if value is None:
            where.append(f"{column} IS NULL")
        else:
            where.append(f"{column} = ?")
            args.append(value)
    return " AND ".join(where), args

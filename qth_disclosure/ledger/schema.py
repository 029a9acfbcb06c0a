"""The schema as named, ordered migrations, each applied with its record in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


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


def _m004_chain_and_login(db: sqlite3.Connection) -> None:
    """Who ran the command (the OS login), and the hash chain over every row."""
    from qth_disclosure.ledger import chain

    for table in chain.CHAINED:
        db.execute(f"ALTER TABLE {table} ADD COLUMN login TEXT NOT NULL DEFAULT ''")
    _execute_all(
        db,
        """
        CREATE TABLE chain (
            seq       INTEGER PRIMARY KEY,
            tbl       TEXT NOT NULL,
            row_id    INTEGER NOT NULL,
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL,
            UNIQUE (tbl, row_id)
        )
        """,
    )
    _append_only(db, "chain")
    # rows written before the chain existed join it in the order they were recorded
    existing = sorted(
        (recorded_at, chain.CHAINED.index(table), row_id, table)
        for table in chain.CHAINED
        for row_id, recorded_at in db.execute(f"SELECT id, recorded_at FROM {table}")
    )
    for _, _, row_id, table in existing:
        chain.append(db, table, row_id)


# Named, ordered, each applied with its record in one transaction, on every open.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = [
    (1, "initial", _m001_initial),
    (2, "bulletins", _m002_bulletins),
    (3, "applications", _m003_applications),
    (4, "chain_and_login", _m004_chain_and_login),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


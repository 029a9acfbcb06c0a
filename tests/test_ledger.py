"""The ledger's schema, migrations, and its refusal to change a written row."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from qth_disclosure.ledger import (
    SCHEMA_VERSION,
    Ledger,
    NewInspection,
    NewReview,
    NewSubmission,
    Stamp,
)

SCHEMA = {
    "schema_migrations": ["version", "name", "applied_at"],
    "submissions": ["id", "plan", "kind", "agency", "task", "period", "received_on", "summary",
                    "links", "revision_of", "recorded_at", "recorded_by"],
    "reviews": ["id", "submission", "verdict", "comment", "reviewed_on", "recorded_at",
                "recorded_by"],
    "inspections": ["id", "plan", "agency", "verdict", "inspected_on", "note", "recorded_at",
                    "recorded_by"],
    "bulletins": ["id", "plan", "number", "month", "as_of", "text", "reissue_of", "recorded_at",
                  "recorded_by"],
    "applications": ["id", "plan", "agency", "received_on", "subject", "applicant",
                     "applicant_kind", "channel", "law_profile", "recorded_at", "recorded_by"],
    "application_events": ["id", "application", "kind", "on_date", "details", "recorded_at",
                           "recorded_by"],
}
# migration 4 adds who ran the command to every chained table, and the chain itself
SCHEMA = {table: columns + (["login"] if table != "schema_migrations" else [])
          for table, columns in SCHEMA.items()}
SCHEMA["chain"] = ["seq", "tbl", "row_id", "prev_hash", "hash"]
STAMP = Stamp(datetime(2015, 8, 28, 9, 30, tzinfo=timezone.utc), "王芳", "wangf")


def new(received: str = "2015-08-28") -> NewSubmission:
    return NewSubmission("qth-2015", "monthly", "czj", "K2-1", "2015-08",
                         date.fromisoformat(received), "公开了预算")


def test_ledger_schema_exactly(ledger_path: Path) -> None:
    Ledger.open(str(ledger_path), for_writing=True).close()
    with sqlite3.connect(ledger_path) as db:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        columns = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in tables}
        migrations = db.execute("SELECT version, name FROM schema_migrations").fetchall()
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert columns == dict(sorted(SCHEMA.items()))
    assert migrations == [(1, "initial"), (2, "bulletins"), (3, "applications"),
                          (4, "chain_and_login")]
    assert SCHEMA_VERSION == 4
    assert journal == "wal"


def test_ledger_file_is_owner_and_group_only(ledger_path: Path) -> None:
    Ledger.open(str(ledger_path), for_writing=True).close()
    assert stat.S_IMODE(ledger_path.stat().st_mode) == 0o660


def test_ledger_migrates_once(ledger_path: Path) -> None:
    for _ in range(3):
        with Ledger.open(str(ledger_path), for_writing=True) as ledger:
            assert ledger.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(ledger_path) as db:
        assert db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == 4


@pytest.mark.parametrize("sql", [
    "UPDATE submissions SET summary = 'changed' WHERE id = 1",
    "UPDATE submissions SET received_on = '2015-08-01'",
    "DELETE FROM submissions WHERE id = 1",
    "UPDATE reviews SET verdict = 'accept'",
    "DELETE FROM reviews",
    "UPDATE inspections SET verdict = 'pass'",
    "DELETE FROM inspections",
])
def test_ledger_rows_cannot_be_changed(ledger_path: Path, sql: str) -> None:
    with Ledger.open(str(ledger_path), for_writing=True) as ledger:
        row = ledger.add_submission(new(), STAMP)
        ledger.add_review(NewReview(row.id, "return", "过简", date(2015, 9, 1)),
                          STAMP)
        ledger.add_inspection(NewInspection("qth-2015", "czj", "fail", date(2016, 1, 5), ""),
                              STAMP)
    with sqlite3.connect(ledger_path) as db, pytest.raises(sqlite3.IntegrityError,
                                                           match="append-only"):
        db.execute(sql)
    with Ledger.open(str(ledger_path), for_writing=False) as ledger:
        assert [s.summary for s in ledger.submissions("qth-2015")] == ["公开了预算"]
        assert ledger.row_counts() == {"submissions": 1, "reviews": 1, "inspections": 1,
                                       "bulletins": 0, "applications": 0,
                                       "application_events": 0}


def test_ledger_revision_chain(ledger_path: Path) -> None:
    with Ledger.open(str(ledger_path), for_writing=True) as ledger:
        ids = [ledger.add_submission(new(day), STAMP).id
               for day in ("2015-08-28", "2015-09-01", "2015-09-02")]
        rows = ledger.submissions("qth-2015")
    assert [(r.id, r.revision_of) for r in rows] == [(ids[0], None), (ids[1], ids[0]),
                                                     (ids[2], ids[1])]


def test_ledger_upgrades_a_first_release_ledger(ledger_path: Path) -> None:
    """A ledger written by version 1 of the schema gains the later tables, data intact."""
    from qth_disclosure import ledger as module

    first_release = module.MIGRATIONS[:1]
    original = module.MIGRATIONS
    module.MIGRATIONS = first_release
    try:
        old = module.Ledger.open(str(ledger_path), for_writing=True)
        old.add_submission(new(), STAMP)
        old.close()
    finally:
        module.MIGRATIONS = original
    with Ledger.open(str(ledger_path), for_writing=True) as ledger:
        assert ledger.schema_version() == SCHEMA_VERSION
        assert [s.summary for s in ledger.submissions("qth-2015")] == ["公开了预算"]
        assert ledger.bulletins("qth-2015") == []


def test_ledger_read_of_missing_file_creates_nothing(ledger_path: Path) -> None:
    with Ledger.open(str(ledger_path), for_writing=False) as ledger:
        assert ledger.submissions("qth-2015") == []
    assert not ledger_path.exists()

"""The earliest receipt of each deliverable, as SQLite keeps it beside the submissions
(migration 23): moved by the database as rows arrive, refused when written otherwise, and
compared whole by `db verify`."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from qth_disclosure.ledger import MIGRATIONS, Ledger, NewSubmission, Stamp

STAMP = Stamp(datetime(2015, 8, 28, 9, 30, tzinfo=timezone.utc), "王芳", "wangf")
KEPT = ("SELECT plan, agency, kind, task, period, received_on, submission "
        "FROM first_receipts ORDER BY submission")
# each deliverable's earliest row by (received_on, id), from the rows themselves
EARLIEST = ("SELECT s.plan, s.agency, s.kind, s.task, s.period, s.received_on, s.id "
            "FROM submissions s WHERE s.id = (SELECT t.id FROM submissions t "
            "WHERE t.plan = s.plan AND t.agency = s.agency AND t.kind = s.kind "
            "AND t.task IS s.task AND t.period IS s.period ORDER BY t.received_on, t.id "
            "LIMIT 1) ORDER BY s.id")


def _write(ledger: Ledger, kind: str, agency: str, task: str | None, period: str | None,
           received: str) -> int:
    return ledger.add_submission(NewSubmission("qth-2015", kind, agency, task, period,
                                               date.fromisoformat(received), "公开了"),
                                 STAMP).id


def _rows(path: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


@pytest.fixture
def written(ledger_path: Path) -> Path:
    """Receipts arriving out of order: a later day first, then an earlier one, a tie on
    the earliest day (the first recorded stays earliest), a plan (no task, no period) and
    an annual report (a period, no task), each revised."""
    with Ledger.open(str(ledger_path), for_writing=True) as ledger:
        for kind, agency, task, period, received in (
                ("monthly", "czj", "K2-1", "2015-08", "2015-09-03"),
                ("monthly", "czj", "K2-1", "2015-08", "2015-08-30"),
                ("monthly", "czj", "K2-1", "2015-08", "2015-08-30"),
                ("monthly", "czj", "K2-1", "2015-08", "2015-09-01"),
                ("monthly", "sjj", "K2-2", "2015-08", "2015-08-31"),
                ("plan", "czj", None, None, "2015-07-30"),
                ("plan", "czj", None, None, "2015-07-29"),
                ("annual_report", "czj", None, "2015", "2016-03-01"),
                ("annual_report", "czj", None, "2015", "2016-03-01")):
            _write(ledger, kind, agency, task, period, received)
    return ledger_path


def test_first_receipts_follow_the_rows(written: Path) -> None:
    assert _rows(written, KEPT) == _rows(written, EARLIEST) == [
        ("qth-2015", "czj", "monthly", "K2-1", "2015-08", "2015-08-30", 2),
        ("qth-2015", "sjj", "monthly", "K2-2", "2015-08", "2015-08-31", 5),
        ("qth-2015", "czj", "plan", None, None, "2015-07-29", 7),
        ("qth-2015", "czj", "annual_report", None, "2015", "2016-03-01", 8)]
    with Ledger.open(str(written), for_writing=False) as ledger:
        assert ledger.verify() is None


FIRST = "first_receipts holds the earliest receipt of each deliverable"


@pytest.mark.parametrize(("statement", "refusal"), [
    # another receipt of the deliverable, its own day or not
    ("UPDATE first_receipts SET submission = 3 WHERE submission = 2", FIRST),
    ("UPDATE first_receipts SET submission = 4, received_on = '2015-09-01' "
     "WHERE submission = 2", FIRST),
    ("UPDATE first_receipts SET received_on = '2015-08-01' WHERE submission = 2", FIRST),
    # the row moved to another deliverable, or gone
    ("UPDATE first_receipts SET agency = 'gtj' WHERE submission = 5", FIRST),
    ("DELETE FROM first_receipts WHERE submission = 5", FIRST),
    # a second row for a deliverable, or one for a receipt that is not the earliest
    ("INSERT INTO first_receipts VALUES ('qth-2015', 'czj', 'monthly', 'K2-1', '2015-08', "
     "'2015-08-30', 2)", "UNIQUE constraint failed"),
    ("INSERT INTO first_receipts VALUES ('qth-2015', 'gtj', 'monthly', 'K3-1', '2015-08', "
     "'2015-08-30', 3)", FIRST),
], ids=["other-receipt", "other-receipt-its-day", "other-day", "moved", "deleted",
        "twice", "invented"])
def test_first_receipts_refuse_all_but_the_earliest(written: Path, statement: str,
                                                    refusal: str) -> None:
    before = _rows(written, KEPT)
    with pytest.raises(sqlite3.IntegrityError) as refused, sqlite3.connect(written) as db:
        db.execute(statement)
    assert str(refused.value).startswith(refusal)
    assert _rows(written, KEPT) == before


@pytest.mark.parametrize(("statement", "message"), [
    ("DELETE FROM first_receipts WHERE submission = 5",
     "submission #5 is the earliest receipt of sjj monthly K2-2 2015-08, but the ledger's "
     "table of earliest receipts does not name it"),
    ("UPDATE first_receipts SET submission = 4, received_on = '2015-09-01' "
     "WHERE submission = 2",
     "the ledger's table of earliest receipts names submission #4 for czj monthly K2-1 "
     "2015-08, which is not its earliest receipt"),
    ("UPDATE first_receipts SET received_on = '2015-08-01' WHERE submission = 5",
     "the ledger's table of earliest receipts names submission #5 for sjj monthly K2-2 "
     "2015-08, which is not its earliest receipt"),
    ("INSERT INTO first_receipts VALUES ('qth-2015', 'gtj', 'monthly', 'K3-1', '2015-08', "
     "'2015-08-30', 3)",
     "the ledger's table of earliest receipts names submission #3 for gtj monthly K3-1 "
     "2015-08, which is not its earliest receipt"),
    # the unique index lets a key without a task or period repeat
    ("INSERT INTO first_receipts VALUES ('qth-2015', 'czj', 'plan', NULL, NULL, "
     "'2015-07-29', 7)",
     "the ledger's table of earliest receipts names czj plan twice (submission #7)"),
], ids=["lost", "moved", "other-day", "invented", "twice"])
def test_db_verify_names_an_edited_summary(disclose, written: Path, statement: str,
                                           message: str) -> None:
    """Written with the summary's triggers dropped and put back, as a careful intruder
    would: the guards hold, the comparison with the rows does not."""
    triggers = ("first_receipts_checked_insert", "first_receipts_checked_update",
                "first_receipts_no_delete")
    with sqlite3.connect(written) as db:
        kept = [db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)
                           ).fetchone()[0] for name in triggers]
        for name in triggers:
            db.execute(f"DROP TRIGGER {name}")
        db.execute(statement)
        for sql in kept:
            db.execute(sql)
    refused = disclose("db", "verify", code=1)
    assert refused.stderr == f"ledger broken: {message}: the table was edited outside the tool\n"


def test_first_receipts_made_from_the_rows_of_an_older_ledger(
        ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ledger written before migration 23 gets the earliest receipts of what it holds
    (ties and revisions received earlier among them), the same as one written since; a
    copy of it into a new file keeps them by the same triggers."""
    from qth_disclosure.ledger import store

    older = tmp_path / "older.sqlite3"
    with monkeypatch.context() as earlier:
        earlier.setattr(store, "MIGRATIONS", [m for m in MIGRATIONS if m[0] < 23])
        earlier.setattr(store, "SCHEMA_VERSION", 22)
        with Ledger.open(str(older), for_writing=True, missing="create") as ledger:
            for received in ("2015-09-03", "2015-08-30", "2015-08-30", "2015-09-01"):
                _write(ledger, "monthly", "czj", "K2-1", "2015-08", received)
            _write(ledger, "plan", "czj", None, None, "2015-07-30")
            _write(ledger, "plan", "sjj", None, None, "2015-07-29")
    with Ledger.open(str(older), for_writing=True) as ledger:
        assert ledger.migrated == ["first_receipts"]
        assert ledger.verify() is None
        copy = tmp_path / "copy.sqlite3"
        ledger.copy_to(str(copy))
    assert _rows(older, KEPT) == _rows(older, EARLIEST) == [
        ("qth-2015", "czj", "monthly", "K2-1", "2015-08", "2015-08-30", 2),
        ("qth-2015", "czj", "plan", None, None, "2015-07-30", 5),
        ("qth-2015", "sjj", "plan", None, None, "2015-07-29", 6)]
    assert _rows(copy, KEPT) == _rows(older, KEPT)

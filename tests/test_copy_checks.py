"""A copy's rows checked whole (copy_checks) refuse what the row-by-row checks refuse.

Each source below holds one fault a client going around the tool could write into an
SQLite ledger; its copy is tried twice, once with the insert checks made per statement
after the load (the copy of the tables' owner) and once row by row (the triggers and
CHECKs as every other writer meets them). Both must refuse, in one line, with the same
message where the row-by-row copy's came from the database, and leave nothing behind:
no row, and every trigger, CHECK and index as the migrations made them.
"""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from pathlib import Path

import pytest
from test_postgres import STAMP, _fill

from qth_disclosure.errors import LedgerError
from qth_disclosure.ledger import Ledger, copy_checks
from qth_disclosure.ledger.chain import CHAINED

ROWS = 120  # more than the plan's 112 monthly deliverables: some rows are revisions

# fault: (SQL run on the source, the message both copies into PostgreSQL give, or None
# where only the walk of the copy, not the database, names it)
FAULTS = {
    "a row changed after it was chained": (
        "UPDATE submissions SET summary = 'edited' WHERE id = 5",
        "chain entry 5 does not hash its row"),
    "a broken link": (
        "UPDATE chain SET prev_hash = hash WHERE seq = 7",
        "chain entry 7 does not follow the chain's last entry"),
    "a revision of what is not the latest": (
        f"UPDATE submissions SET revision_of = NULL WHERE id = {ROWS - 2}",
        "a submission revises the latest one of its deliverable, or none"),
    "a month that is none": (
        "UPDATE submissions SET period = '2015-13' WHERE id = 4",
        'new row for relation "submissions" violates check constraint '
        '"submissions_period_is_a_month"'),
    "a day that is none": (
        "UPDATE submissions SET received_on = '2015-02-30' WHERE id = 6",
        'new row for relation "submissions" violates check constraint '
        '"submissions_received_on_is_a_date"'),
    "links that are not a list": (
        "UPDATE submissions SET links = '{\"a\": 1}' WHERE id = 8",
        'new row for relation "submissions" violates check constraint '
        '"submissions_links_are_strings"'),
    "an entry for a row that is not there": (
        "UPDATE chain SET row_id = 99999 WHERE seq = 9",
        "chain entry 9 names a row that does not exist"),
    "an entry of no ledger table": (
        "UPDATE chain SET tbl = 'liaisons' WHERE seq = 3",
        "chain entry 3 names no ledger table"),
    "a chain that does not start at 1": (
        "DELETE FROM chain WHERE seq = 1",
        "chain entry 2 does not follow the chain's last entry"),
    "a review of a submission that is not there": (
        "DROP TRIGGER reviews_no_update; UPDATE reviews SET submission = 99999",
        'insert or update on table "reviews" violates foreign key constraint '
        '"reviews_submission_fkey"'),
    "a row without its entry": (
        "DELETE FROM chain WHERE seq = (SELECT max(seq) FROM chain)", None),
    "a submission revised twice": (
        f"DROP INDEX submissions_one_revision; "
        f"UPDATE submissions SET revision_of = 1 WHERE id = {ROWS - 1}", None),
}


def _faulty(tmp_path: Path, fault: str) -> Path:
    """A ledger file of ROWS submissions and more, then the fault written around the
    tool (its append-only triggers dropped first, as anyone holding the file can)."""
    source = tmp_path / "source.sqlite3"
    _fill(str(source), ROWS)
    with sqlite3.connect(source) as db:
        for table in ("submissions", "chain"):
            db.execute(f"DROP TRIGGER {table}_no_update")
            db.execute(f"DROP TRIGGER {table}_no_delete")
        db.executescript(FAULTS[fault][0])
    return source


def _refusal(source: Path, target: str) -> str:
    with Ledger.open(str(source), for_writing=False) as ledger, \
            pytest.raises(LedgerError) as refused:
        ledger.copy_to(target)
    message = str(refused.value)
    assert "\n" not in message and message.endswith("nothing written"), message
    return message


def _schema_state(pg_server, schema: str) -> tuple[object, ...]:
    """Rows of the ledger's tables, and its triggers (enabled or not), CHECKs and
    indexes by name: what a refused copy must leave as it found it."""
    def one(sql: str) -> object:
        return pg_server.conn.execute(sql.format(s=schema)).fetchall()

    return (
        [one(f"SELECT count(*) FROM {{s}}.{t}") for t in (*CHAINED, "chain")],
        one("SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid IN (SELECT oid FROM "
            "pg_class WHERE relnamespace = '{s}'::regnamespace) AND NOT tgisinternal "
            "ORDER BY 1"),
        one("SELECT conname, convalidated, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = '{s}'::regnamespace ORDER BY 1"),
        one("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = "
            "'{s}'::regnamespace) ORDER BY 1"))


@pytest.mark.parametrize("fault", FAULTS)
def test_a_copy_into_postgresql_refuses_as_row_by_row(pg_server, tmp_path, monkeypatch,
                                                      fault) -> None:
    source = _faulty(tmp_path, fault)
    refusals = []
    for whole in (True, False):
        with pg_server.fresh_schema() as url:
            Ledger.open(url, for_writing=True, missing="create").close()
            schema = url.rsplit("%3D", 1)[1]
            before = _schema_state(pg_server, schema)
            with monkeypatch.context() as m:
                if not whole:  # as a writer who does not own the tables
                    m.setattr(copy_checks, "owns", lambda *_: False)
                refusals.append(_refusal(source, url).replace(url, "URL"))
            assert _schema_state(pg_server, schema) == before
    whole_refusal, row_refusal = refusals
    said = FAULTS[fault][1]
    if fault == "a row without its entry":  # the walk of the copy finds it, or the whole
        assert "does not match its source: chain_row_unchained" in row_refusal
        assert "application_events #1 has no chain entry" in whole_refusal
    elif fault == "a submission revised twice":  # the unique index, kept, comes first
        assert row_refusal.endswith("revises the latest one of its deliverable, or none; "
                                    "nothing written")
        assert whole_refusal.endswith('duplicate key value violates unique constraint '
                                      '"submissions_one_revision"; nothing written')
    else:
        assert whole_refusal == row_refusal
        assert row_refusal.endswith(f": {said}; nothing written"), row_refusal


def test_the_whole_is_checked_only_for_the_owner(pg_server, tmp_path, monkeypatch) -> None:
    """Another writer's copy meets the triggers row by row: none is switched off."""
    source = tmp_path / "source.sqlite3"
    _fill(str(source), 3)
    switched: list[str] = []
    monkeypatch.setattr(copy_checks, "owns", lambda *_: False)
    with pg_server.fresh_schema() as url, Ledger.open(str(source), for_writing=False) as src:
        real = copy_checks.first_refusal
        monkeypatch.setattr(copy_checks, "first_refusal",
                            lambda *a: switched.append("checked") or real(*a))
        src.copy_to(url)
    assert switched == []


@pytest.mark.parametrize("whole", [True, False])
def test_a_copy_into_sqlite_refuses_a_wrong_revision(tmp_path, monkeypatch, whole) -> None:
    source = _faulty(tmp_path, "a revision of what is not the latest")
    target = tmp_path / "copy.sqlite3"
    if not whole:  # the revision trigger meets each row
        monkeypatch.setattr(copy_checks, "checked_whole_sqlite", lambda *_: nullcontext())
    assert _refusal(source, str(target)) == (
        f"could not write to the ledger {target}: a submission revises the latest one of "
        "its deliverable, or none; nothing written")
    assert not target.exists()


def test_a_copy_into_sqlite_keeps_its_trigger_and_indexes(tmp_path) -> None:
    source = tmp_path / "source.sqlite3"
    _fill(str(source), ROWS)
    target = tmp_path / "copy.sqlite3"
    with Ledger.open(str(source), for_writing=False) as ledger:
        ledger.copy_to(str(target))
    def schema(path: Path) -> list[tuple[str, ...]]:
        with sqlite3.connect(path) as db:
            return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
                              ).fetchall()

    assert schema(target) == schema(source)


def test_a_copy_into_sqlite_keeps_each_deliverables_earliest_receipt(tmp_path) -> None:
    """The copy loads submissions without the trigger that keeps first_receipts (without
    the deliverable index it would scan the table for each new deliverable) and fills the
    table whole after: the same rows as the source's, kept row by row, which db verify
    compares with the submissions."""
    source = tmp_path / "source.sqlite3"
    _fill(str(source), ROWS)
    with Ledger.open(str(source), for_writing=True) as ledger, ledger._b.write():
        # a receipt earlier than its deliverable's first, which moves the kept row
        first = ledger._b.execute(
            "SELECT agency, task, period, (SELECT max(id) FROM submissions AS s "
            "WHERE s.agency = o.agency AND s.task = o.task AND s.period = o.period) "
            "FROM submissions AS o WHERE id = 3").fetchone()
        ledger._insert("submissions", {
            "plan": "qth-2015", "kind": "monthly", "agency": first[0], "task": first[1],
            "period": first[2], "received_on": "2015-07-01", "summary": "补报",
            "links": "[]", "revision_of": first[3]}, STAMP)
    target = tmp_path / "copy.sqlite3"
    with Ledger.open(str(source), for_writing=False) as ledger:
        ledger.copy_to(str(target))

    def kept(path: Path) -> list[tuple[object, ...]]:
        with sqlite3.connect(path) as db:
            return db.execute("SELECT * FROM first_receipts ORDER BY submission").fetchall()

    assert kept(target) == kept(source)
    assert (ROWS + 1, "2015-07-01") in [(row[-1], row[-2]) for row in kept(target)]
    with Ledger.open(str(target), for_writing=False) as copied:
        assert copied.verify() is None


def test_a_copy_into_postgresql_leaves_every_check_as_made(pg_server, tmp_path) -> None:
    source = tmp_path / "source.sqlite3"
    _fill(str(source), ROWS)
    with pg_server.fresh_schema() as url:
        Ledger.open(url, for_writing=True, missing="create").close()
        schema = url.rsplit("%3D", 1)[1]
        _, *made = _schema_state(pg_server, schema)
        with Ledger.open(str(source), for_writing=False) as ledger:
            ledger.copy_to(url)
        counts, *after = _schema_state(pg_server, schema)
        assert after == made  # triggers on, CHECKs NOT VALID as before, indexes, keys
        assert counts[0] == [(ROWS,)]
        with Ledger.open(url, for_writing=False) as copied:
            assert copied.verify() is None  # db verify: chain, guards, migrations

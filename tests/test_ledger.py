"""The ledger's schema, migrations, and its refusal to change a written row."""

from __future__ import annotations

import sqlite3
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from qth_disclosure.ledger import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Ledger,
    NewBulletin,
    NewInspection,
    NewReview,
    NewSubmission,
    Stamp,
)
from qth_disclosure.ledger.location import is_server

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
# migration 9: the chain head each bulletin saw when it was issued
SCHEMA["bulletins"] += ["chain_length", "chain_head"]
# migration 11: the roster the tool enforces, pinned in the ledger
SCHEMA["rosters"] = ["id", "plan", "roster", "recorded_at", "recorded_by", "login"]
# migration 13: the documents issued, numbered per series and year
SCHEMA["documents"] = ["id", "plan", "kind", "issuer", "series", "year", "number", "reference",
                       "about", "issued_on", "content", "recorded_at", "recorded_by", "login"]
# migration 14: voids, 保密审查 clearances and the items of a unit's plan
STAMPED = ["recorded_at", "recorded_by", "login"]
SCHEMA["voids"] = ["id", "submission", "reason", "voided_on", *STAMPED]
SCHEMA["clearances"] = ["id", "submission", "result", "comment", "cleared_on", *STAMPED]
SCHEMA["plan_items"] = ["id", "submission", "position", "task", "matter", "content", "method",
                        "time_limit", "person", *STAMPED]
# migration 16: the 催报通知 mailed to units
SCHEMA["reminders"] = ["id", "plan", "agency", "as_of", "sent_on", "items", "recipients",
                       "subject", "body_sha256", "sent_at", "result", "recorded_at",
                       "recorded_by", "login"]
# migration 18: how each application's receipt day was fixed (2019 Regulations art. 31)
SCHEMA["applications"] += ["receipt_basis"]
SCHEMA["proactive_figures"] = ["id", "plan", "agency", "year", "item", "figure", "recorded_at",
                               "recorded_by", "login"]
# migration 19: the fees of applications (charged, notified, paid)
SCHEMA["application_fees"] = ["id", "application", "kind", "on_date", "amount", "items",
                              *STAMPED]
# migration 21: files handed in with a submission, their bytes beside their digest
SCHEMA["attachments"] = ["id", "submission", "position", "name", "size", "sha256", "data",
                         *STAMPED]
STAMP = Stamp(datetime(2015, 8, 28, 9, 30, tzinfo=timezone.utc), "王芳", "wangf")


def new(received: str = "2015-08-28") -> NewSubmission:
    return NewSubmission("qth-2015", "monthly", "czj", "K2-1", "2015-08",
                         date.fromisoformat(received), "公开了预算")


def _columns(ledger_location: str, direct_sql) -> dict[str, list[str]]:
    if not is_server(ledger_location):
        tables = [r[0] for r in direct_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: [r[1] for r in direct_sql(f"PRAGMA table_info({t})")] for t in tables}
    found: dict[str, list[str]] = {}
    for table, column in direct_sql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
        found.setdefault(table, []).append(column)
    return found


MIGRATION_NAMES = [(1, "initial"), (2, "bulletins"), (3, "applications"),
                   (4, "chain_and_login"), (5, "one_revision"), (6, "server_roles"),
                   (7, "checked_writes"), (9, "bulletin_heads"), (10, "strict_writes"),
                   (11, "rosters"), (12, "indexed_revisions"), (13, "documents"),
                   (14, "year"), (16, "reminders"),
                   (18, "application_rules"), (19, "application_fees"),
                   (20, "one_letter_per_event"), (21, "attachments"),
                   (22, "cheaper_checks"), (23, "first_receipts")]


def test_ledger_schema_exactly(ledger_location: str, direct_sql) -> None:
    """The same tables and columns on both databases (PostgreSQL adds `liaisons`, for its
    row-level security; SQLite the earliest receipts it keeps, migration 23), and the same
    migrations recorded."""
    Ledger.open(ledger_location, for_writing=True).close()
    columns = _columns(ledger_location, direct_sql)
    expected = dict(SCHEMA)
    if is_server(ledger_location):
        expected["liaisons"] = ["login", "agency"]
    else:
        expected["first_receipts"] = ["plan", "agency", "kind", "task", "period",
                                      "received_on", "submission"]
    assert columns == dict(sorted(expected.items()))
    assert [tuple(r) for r in direct_sql("SELECT version, name FROM schema_migrations "
                                         "ORDER BY version")] == MIGRATION_NAMES
    assert SCHEMA_VERSION == 23


def test_ledger_sqlite_file_is_wal(ledger_path: Path) -> None:
    Ledger.open(str(ledger_path), for_writing=True).close()
    with sqlite3.connect(ledger_path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_ledger_file_is_owner_and_group_only(ledger_path: Path) -> None:
    Ledger.open(str(ledger_path), for_writing=True).close()
    assert stat.S_IMODE(ledger_path.stat().st_mode) == 0o660


def test_ledger_migrates_once(ledger_location: str, direct_sql) -> None:
    for _ in range(3):
        with Ledger.open(ledger_location, for_writing=True) as ledger:
            assert ledger.schema_version() == SCHEMA_VERSION
    assert direct_sql("SELECT count(*) FROM schema_migrations")[0][0] == len(MIGRATIONS)
    assert len(MIGRATIONS) == len(MIGRATION_NAMES)


@pytest.mark.parametrize("sql", [
    "UPDATE submissions SET summary = 'changed' WHERE id = 1",
    "UPDATE submissions SET received_on = '2015-08-01'",
    "DELETE FROM submissions WHERE id = 1",
    "UPDATE reviews SET verdict = 'accept'",
    "DELETE FROM reviews",
    "UPDATE inspections SET verdict = 'pass'",
    "DELETE FROM inspections",
    "UPDATE chain SET hash = 'f00'",
    "DELETE FROM chain",
])
def test_ledger_rows_cannot_be_changed(ledger_location: str, direct_sql, sql: str) -> None:
    """Not even by the database's owner going around the tool (sqlite3, psql)."""
    with Ledger.open(ledger_location, for_writing=True) as ledger:
        row = ledger.add_submission(new(), STAMP)
        ledger.add_review(NewReview(row.id, "return", "过简", date(2015, 9, 1)),
                          STAMP)
        ledger.add_inspection(NewInspection("qth-2015", "czj", "fail", date(2016, 1, 5), ""),
                              STAMP)
    with pytest.raises(Exception, match="append-only"):
        direct_sql(sql)
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        assert [s.summary for s in ledger.submissions("qth-2015")] == ["公开了预算"]
        assert ledger.row_counts() == {"submissions": 1, "reviews": 1, "inspections": 1,
                                       "bulletins": 0, "applications": 0,
                                       "application_events": 0, "rosters": 0, "documents": 0,
                                       "voids": 0, "clearances": 0, "plan_items": 0,
                                       "reminders": 0, "proactive_figures": 0,
                                       "application_fees": 0, "attachments": 0}
        assert ledger.verify() is None


def test_ledger_truncate_is_refused_on_the_server(ledger_location: str, direct_sql) -> None:
    if not is_server(ledger_location):
        pytest.skip("SQLite has no TRUNCATE")
    with Ledger.open(ledger_location, for_writing=True) as ledger:
        ledger.add_submission(new(), STAMP)
    with pytest.raises(Exception, match="append-only"):
        direct_sql("TRUNCATE submissions CASCADE")
    assert direct_sql("SELECT count(*) FROM submissions")[0][0] == 1


def test_ledger_revision_chain(ledger_location: str) -> None:
    with Ledger.open(ledger_location, for_writing=True) as ledger:
        ids = [ledger.add_submission(new(day), STAMP).id
               for day in ("2015-08-28", "2015-09-01", "2015-09-02")]
        rows = ledger.submissions("qth-2015")
    assert [(r.id, r.revision_of) for r in rows] == [(ids[0], None), (ids[1], ids[0]),
                                                     (ids[2], ids[1])]


def test_ledger_a_submission_is_revised_only_once(ledger_location: str, direct_sql) -> None:
    """The schema itself refuses a second revision of one submission, as two writers
    racing past the tool's transaction would make, and a revision of anything but the
    deliverable's latest submission."""
    with Ledger.open(ledger_location, for_writing=True) as ledger:
        first = ledger.add_submission(new(), STAMP)
        ledger.add_submission(new("2015-08-29"), STAMP)
    insert = ("INSERT INTO submissions (plan, kind, agency, task, period, received_on, "
              "summary, revision_of, recorded_at, recorded_by) VALUES ('qth-2015', "
              "'monthly', {agency}, {task}, '2015-08', '2015-08-30', 'x', {revises}, "
              "'2015-08-30T10:00:00+08:00', 'x')")
    # a second revision of the first submission
    with pytest.raises(Exception, match="revises the latest one of its deliverable"):
        direct_sql(insert.format(agency="'czj'", task="'K2-1'", revises=first.id))
    # another unit's "revision" of czj's latest, which would block czj's next one
    with pytest.raises(Exception, match="revises the latest one of its deliverable"):
        direct_sql(insert.format(agency="'sjj'", task="'K2-2'", revises=first.id + 1))
    # a first submission claiming to revise something
    with pytest.raises(Exception, match="revises the latest one of its deliverable"):
        direct_sql(insert.format(agency="'gtj'", task="'K3-1'", revises=first.id))
    assert direct_sql("SELECT count(*) FROM submissions")[0][0] == 2


@pytest.fixture
def fresh_location(ledger_location: str, request: pytest.FixtureRequest, tmp_path: Path):
    """Where no ledger has been made yet: a new file's path, or a new PostgreSQL schema."""
    if not is_server(ledger_location):
        yield str(tmp_path / "fresh.sqlite3")
        return
    with request.getfixturevalue("pg_server").fresh_schema() as url:
        yield url


def test_ledger_upgrades_a_first_release_ledger(fresh_location: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A ledger written by version 1 of the schema gains the later tables, data intact."""
    from qth_disclosure.ledger import store

    with monkeypatch.context() as first_release:
        first_release.setattr(store, "MIGRATIONS", store.MIGRATIONS[:1])
        first_release.setattr(store, "SCHEMA_VERSION", 1)
        with Ledger.open(fresh_location, for_writing=True, missing="create") as old:
            assert old.schema_version() == 1
            with old._b.write():  # a row as the first release wrote it: no login, no chain
                old._b.execute(
                    "INSERT INTO submissions (plan, kind, agency, task, period, received_on, "
                    "summary, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ["qth-2015", "monthly", "czj", "K2-1", "2015-08", "2015-08-28",
                     "公开了预算", "2015-08-28T09:30:00+08:00", "王芳"])
    with Ledger.open(fresh_location, for_writing=True) as ledger:
        assert ledger.migrated == [name for _, name in MIGRATION_NAMES[1:]]
        assert ledger.schema_version() == SCHEMA_VERSION
        assert [s.summary for s in ledger.submissions("qth-2015")] == ["公开了预算"]
        assert ledger.bulletins("qth-2015") == []
        # the row written before the chain existed joined it when the chain was made
        assert ledger.verify() is None and ledger.chain_head()[0] == 1


def test_ledger_keeps_the_hash_of_a_bulletin_from_before_heads(
        fresh_location: str, monkeypatch: pytest.MonkeyPatch,
        request: pytest.FixtureRequest) -> None:
    """Migration 9 adds the heads to bulletins without breaking the chain of one issued
    before; PostgreSQL's own chain check hashes it the same way when it is copied there."""
    from qth_disclosure.ledger import store

    with monkeypatch.context() as before_heads:
        before_heads.setattr(store, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 7])
        before_heads.setattr(store, "SCHEMA_VERSION", 7)
        with Ledger.open(fresh_location, for_writing=True, missing="create") as old, \
                old._b.write():
            old._insert("bulletins", {"plan": "qth-2015", "number": 1, "month": "2015-08",
                                      "as_of": "2015-09-10", "text": "通报"}, STAMP)
    with Ledger.open(fresh_location, for_writing=True) as ledger:
        assert ledger.migrated == [
            "bulletin_heads", "strict_writes", "rosters", "indexed_revisions", "documents",
            "year", "reminders", "application_rules", "application_fees",
            "one_letter_per_event", "attachments", "cheaper_checks", "first_receipts"]
        ledger.add_bulletin(NewBulletin("qth-2015", 2, "2015-09", date(2015, 10, 9), "通报"),
                            STAMP, reissue=False)
        assert [(b.chain_length, b.chain_head is None) for b in ledger.bulletins("qth-2015")
                ] == [(None, True), (1, False)]
        assert ledger.verify() is None
        if not is_server(fresh_location):
            with request.getfixturevalue("pg_server").fresh_schema() as url:
                assert ledger.copy_to(url).head == ledger.chain_head()


def test_ledger_migrated_step_by_step_verifies_as_a_new_one(
        fresh_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ledger taken from version 7 to 9, written there, then to 10, has every guard a new
    ledger has (`db verify` compares them, PostgreSQL's function sources included), and a
    bulletin of each version keeps its hash."""
    from qth_disclosure.ledger import store

    for version, bulletin in ((7, 1), (9, 2)):
        with monkeypatch.context() as earlier:
            earlier.setattr(store, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= version])
            earlier.setattr(store, "SCHEMA_VERSION", version)
            with Ledger.open(fresh_location, for_writing=True, missing="create") as old:
                assert old.schema_version() == version
                if version == 7:
                    with old._b.write():
                        old._insert("bulletins", {"plan": "qth-2015", "number": 1,
                                                  "month": "2015-08", "as_of": "2015-09-10",
                                                  "text": "通报"}, STAMP)
                else:
                    assert old.migrated == ["bulletin_heads"]
                    old.add_bulletin(NewBulletin("qth-2015", bulletin, "2015-09",
                                                 date(2015, 10, 9), "通报"),
                                     STAMP, reissue=False)
    with Ledger.open(fresh_location, for_writing=True) as ledger:
        assert ledger.migrated == ["strict_writes", "rosters", "indexed_revisions", "documents",
                                   "year", "reminders", "application_rules", "application_fees",
                                   "one_letter_per_event", "attachments", "cheaper_checks",
                                   "first_receipts"]
        assert ledger.verify() is None
        ledger.add_bulletin(NewBulletin("qth-2015", 3, "2015-10", date(2015, 11, 9), "通报"),
                            STAMP, reissue=False)
        assert [b.chain_length for b in ledger.bulletins("qth-2015")] == [None, 1, 2]
        assert ledger.verify() is None


def test_ledger_applications_from_before_migration_18_keep_their_hashes(
        fresh_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Migration 18 rebuilds (SQLite) or re-checks (PostgreSQL) the events' table and adds
    the receipt basis: an application and its events recorded at version 13 keep their
    hashes, and after it an application closes and records its receipt basis."""
    from qth_disclosure.ledger import NewApplication, NewEvent, store

    app = NewApplication("qth-2015", "czj", date(2015, 9, 25), "预算", "张三",
                         "natural_person", "mail", "gir-2008")
    with monkeypatch.context() as earlier:
        earlier.setattr(store, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 13])
        earlier.setattr(store, "SCHEMA_VERSION", 13)
        with Ledger.open(fresh_location, for_writing=True, missing="create") as old:
            with old._b.write():
                row = old._insert("applications", {
                    k: v.isoformat() if isinstance(v, date) else v
                    for k, v in vars(app).items() if k != "receipt_basis"}, STAMP)
            old.add_event(NewEvent(row, "pause", date(2015, 9, 28), {"why": "clarify"}),
                          STAMP)
    with Ledger.open(fresh_location, for_writing=True) as ledger:
        assert ledger.migrated == ["year", "reminders", "application_rules", "application_fees",
                                   "one_letter_per_event", "attachments", "cheaper_checks",
                                   "first_receipts"]
        assert ledger.verify() is None
        (kept,) = ledger.applications("qth-2015")
        assert kept.receipt_basis is None
        assert [e.kind for e in ledger.events(row)] == ["pause"]
        ledger.add_event(NewEvent(row, "close", date(2015, 10, 30), {"why": "abandoned"}), STAMP)
        ledger.add_application(NewApplication(**{**vars(app), "receipt_basis": "signed_for"}),
                               STAMP)
        assert [a.receipt_basis for a in ledger.applications("qth-2015")] == [None,
                                                                              "signed_for"]
        assert ledger.verify() is None


def test_ledger_new_verifies(fresh_location: str) -> None:
    with Ledger.open(fresh_location, for_writing=True, missing="create") as ledger:
        assert ledger.migrated == [name for _, name in MIGRATION_NAMES]
        assert ledger.verify() is None


def test_ledger_newer_than_the_tool_is_refused(fresh_location: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from qth_disclosure.errors import LedgerError
    from qth_disclosure.ledger import store

    Ledger.open(fresh_location, for_writing=True, missing="create").close()
    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
    with pytest.raises(LedgerError) as refused:
        Ledger.open(fresh_location, for_writing=False)
    assert refused.value.key == "ledger_too_new"
    assert f"schema version {SCHEMA_VERSION}, newer than this disclose knows" in str(
        refused.value)


@pytest.mark.parametrize("for_writing", [False, True])
def test_ledger_open_of_a_missing_ledger_is_refused(fresh_location: str,
                                                    for_writing: bool) -> None:
    from qth_disclosure.errors import LedgerError

    with pytest.raises(LedgerError) as refused:
        Ledger.open(fresh_location, for_writing=for_writing)
    assert refused.value.key == "ledger_missing"
    assert is_server(fresh_location) or not Path(fresh_location).exists()
    with Ledger.open(fresh_location, for_writing=True, missing="create") as made:
        assert made.created  # the refused open had made nothing


@pytest.mark.parametrize("location", ["mysql://clerk@db.example/ledger", "ftp://x",
                                      "sqlite://ledger.sqlite3"])
def test_a_ledger_at_another_kind_of_url_is_refused(location: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a file whose path begins with a scheme: that made a directory named `ftp:`."""
    from qth_disclosure.errors import LedgerError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(LedgerError) as refused:
        Ledger.open(location, for_writing=True)
    assert refused.value.key == "ledger_bad_location"
    assert str(refused.value).endswith(
        "address, not a ledger: a ledger is an SQLite file path or a postgresql:// URL")
    with Ledger.open(str(tmp_path / "l.sqlite3"), for_writing=True, missing="create") as ledger, \
            pytest.raises(LedgerError, match="address, not a ledger"):
        ledger.copy_to(location)
    # the ledger and the file its writers take turns through; nothing named after a scheme
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.sqlite3", "l.sqlite3-writers"]


def test_ledger_migration_14_widens_the_kinds_and_keeps_every_hash(
        fresh_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ledger of version 13 with rows gains the annual report as a kind (SQLite's CHECK
    widened in place, PostgreSQL's replaced), its rows keep their hashes, and a kind no
    migration names is still refused by the database itself."""
    from qth_disclosure.ledger import store

    with monkeypatch.context() as before_year:
        before_year.setattr(store, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 13])
        before_year.setattr(store, "SCHEMA_VERSION", 13)
        with Ledger.open(fresh_location, for_writing=True, missing="create") as old:
            old.add_submission(new(), STAMP)
            old.add_review(NewReview(1, "return", "过简", date(2015, 9, 1)), STAMP)
            head = old.chain_head()
    with Ledger.open(fresh_location, for_writing=True) as ledger:
        assert ledger.migrated == ["year", "reminders", "application_rules", "application_fees",
                                   "one_letter_per_event", "attachments", "cheaper_checks",
                                   "first_receipts"]
        assert ledger.verify(head=head[1]) is None
        annual = NewSubmission("qth-2015", "annual_report", "czj", None, "2015",
                               date(2016, 3, 1), "年度报告", ("https://x.example/nb",))
        assert ledger.add_submission(annual, STAMP).kind == "annual_report"
        assert ledger.verify() is None
        with pytest.raises(Exception, match=r"(?i)check"), ledger._b.write():
            ledger._b.execute("INSERT INTO submissions (plan, kind, agency, received_on, "
                              "summary, recorded_at, recorded_by) VALUES ('qth-2015', "
                              "'memo', 'czj', '2016-03-01', 'x', 'now', 'me')")
def test_ledger_documents_count_per_series_and_year(ledger_location: str,
                                                    ledger_rows) -> None:
    """A document composed with a number another writer took meanwhile is refused, and
    nothing is written; numbers count per series and per year."""
    from qth_disclosure.errors import InputError
    from qth_disclosure.ledger import NewDocument

    def document(series: str, year: int, number: int) -> NewDocument:
        return NewDocument("qth-2015", "notice", "szfb", series, year, number,
                           f"{series}〔{year}〕{number}号", None, date(year, 1, 5), {"title": "t"})

    with Ledger.open(ledger_location, for_writing=True) as ledger:
        ledger.add_document(document("七政办函", 2015, 1), STAMP)
        assert ledger.next_document_number("qth-2015", "七政办函", 2015) == 2
        assert ledger.next_document_number("qth-2015", "七政办函", 2016) == 1
        assert ledger.next_document_number("qth-2015", "工作通报", 2015) == 1
        before = ledger_rows()
        with pytest.raises(InputError, match="taken by another document"):
            ledger.add_document(document("七政办函", 2015, 1), STAMP)
        assert ledger_rows() == before
        (kept,) = ledger.documents("qth-2015")
        assert (kept.reference, kept.content) == ("七政办函〔2015〕1号", {"title": "t"})
        assert ledger.verify() is None


# The statements of the write checks, as the checks ask them (migration 12): an index must
# answer each in one descent, however many revisions or chain entries there are.
_LATEST = ("SELECT max(id) FROM submissions WHERE plan = 'qth-2015' AND agency = 'czj' "
           "AND kind = {kind} AND task {task} AND period {period}")


@pytest.mark.parametrize(("kind", "task", "period", "index"), [
    ("'monthly'", "= 'K2-1'", "= '2015-08'", "submissions_latest"),
    ("'plan'", "IS NULL", "IS NULL", "submissions_latest"),
])
def test_ledger_latest_revision_is_read_from_an_index(ledger_location: str, direct_sql,
                                                      kind: str, task: str, period: str,
                                                      index: str) -> None:
    """SQLite's plan reads the latest revision from the index; PostgreSQL (whose plans
    of an empty table are scans whatever its indexes) has the indexes, and a revision
    check asking by equality and IS NULL, which they answer in one descent."""
    Ledger.open(ledger_location, for_writing=True).close()
    query = _LATEST.format(kind=kind, task=task, period=period)
    if not is_server(ledger_location):
        plan = " ".join(str(r[-1]) for r in direct_sql(f"EXPLAIN QUERY PLAN {query}"))
        assert f"COVERING INDEX {index}" in plan, plan
        return
    indexes = dict(direct_sql("SELECT indexname, indexdef FROM pg_indexes "
                              "WHERE schemaname = current_schema()"))
    assert indexes["submissions_latest"].endswith(
        "(plan, agency, kind, task, period, id)")
    assert indexes["submissions_latest_unperiodic"].endswith(
        "(plan, agency, kind, id) WHERE ((task IS NULL) AND (period IS NULL))")
    (source,) = direct_sql("SELECT prosrc FROM pg_proc WHERE proname = "
                           "'ledger_revision_checked' "
                           "AND pronamespace = current_schema()::regnamespace")
    assert "AND task IS NULL AND period IS NULL;" in source[0]


def test_ledger_chained_by_commit_check_reads_the_chain_key(ledger_location: str,
                                                            direct_sql) -> None:
    """PostgreSQL's chained-by-commit check asks for its table's name as text of the
    key's collation, which the chain's (tbl, row_id) key can answer."""
    if not is_server(ledger_location):
        pytest.skip("a check of PostgreSQL's")
    Ledger.open(ledger_location, for_writing=True).close()
    (source,) = direct_sql("SELECT prosrc FROM pg_proc WHERE proname = 'ledger_row_chained' "
                           "AND pronamespace = current_schema()::regnamespace")
    assert "tbl = TG_TABLE_NAME::text COLLATE \"default\"" in source[0]

"""A hostile writer of the ledger: a liaison's role going around the tool on PostgreSQL, an
owner editing the SQLite file. Nothing either writes may break the ledger for anyone else:
the server refuses it, or every reader names the row in one line.

On PostgreSQL each test connects as a new login role of `disclose_liaison` reporting for
czj (pgserver.Server.connect_as) and sends SQL, as psql or a script of its own would.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pgserver import SUBMISSION, insert, next_entry

from qth_disclosure.errors import LedgerError
from qth_disclosure.ledger import Ledger, NewApplication, NewSubmission, Stamp
from qth_disclosure.ledger.server_rules import LIAISON

STAMP = Stamp(datetime(2015, 8, 28, 9, 30, tzinfo=timezone.utc), "王芳", "wangf")
SEPTEMBER = {**SUBMISSION, "period": "2015-09", "received_on": "2015-09-28"}
EVENT = {"application": 1, "kind": "resume", "on_date": "2015-09-03", "details": "{}",
         "recorded_at": "2015-09-03T09:30:00+08:00", "recorded_by": "wang"}
CHAIN = "INSERT INTO {s}.chain (seq, tbl, row_id, prev_hash, hash) VALUES (%s, %s, %s, %s, %s)"


@pytest.fixture
def server(pg_server, monkeypatch: pytest.MonkeyPatch):
    """The session's schema, emptied and migrated, as DISCLOSE_DB, holding czj's report
    for 2015-08 (submission #1) and an application to czj (application #1)."""
    pg_server.empty()
    with Ledger.open(pg_server.url, for_writing=True) as ledger:
        ledger.add_submission(NewSubmission("qth-2015", "monthly", "czj", "K2-1", "2015-08",
                                            date(2015, 8, 28), "公开了预算"), STAMP)
        ledger.add_application(NewApplication("qth-2015", "czj", date(2015, 9, 1), "预算",
                                              "张三", "natural_person", "letter", "gir-2008"),
                               STAMP)
    monkeypatch.setenv("DISCLOSE_DB", pg_server.url)
    return pg_server


@pytest.fixture
def liaison(server):
    with server.connect_as(LIAISON, agencies=("czj",)) as conn:
        yield conn


def intact(server) -> int:
    """The ledger verifies; how many submissions it holds."""
    with Ledger.open(server.url, for_writing=False) as ledger:
        assert ledger.verify() is None
        return len(ledger.submissions("qth-2015"))


# ---------------------------------------------------------------- the server's own checks


def test_every_server_function_pins_its_search_path(server) -> None:
    """The ledger's schema, then the catalogue, then (last) a session's temporary objects;
    none runs with its owner's rights."""
    functions = server.execute("SELECT proname, proconfig, prosecdef FROM pg_proc "
                               "WHERE pronamespace = current_schema()::regnamespace")
    assert len(functions) == 9
    pinned = [f"search_path={server.schema}, pg_catalog, pg_temp"]
    assert [f for f in functions if f[1:] != (pinned, False)] == []


def test_server_checks_ignore_a_sessions_own_tables(server, liaison) -> None:
    """Temporary tables named like the ledger's, first on the session's search_path, stand
    in for them in no check: neither the latest revision nor the chain's head is theirs."""
    s = server.schema
    liaison.execute(f"SET search_path = pg_temp, {s}")
    liaison.execute(f"CREATE TEMP TABLE submissions AS TABLE {s}.submissions WITH NO DATA")
    liaison.execute(f"CREATE TEMP TABLE chain AS TABLE {s}.chain WITH NO DATA")
    liaison.execute("INSERT INTO chain VALUES (7, 'submissions', 1, 'x', 'forged')")
    # czj's 2015-08 report once more as a first receipt: a second root of its revisions
    with pytest.raises(psycopg.errors.RaiseException, match="revises the latest one"):
        insert(liaison, f"{s}.submissions", {**SUBMISSION, "received_on": "2015-08-29"})
    # a report of its own, chained after the session's forged head
    with pytest.raises(psycopg.errors.RaiseException, match="does not follow"), \
            liaison.transaction():
        own = insert(liaison, f"{s}.submissions", SEPTEMBER)
        liaison.execute(f"INSERT INTO submissions SELECT * FROM {s}.submissions WHERE id = %s",
                        [own])
        liaison.execute(CHAIN.format(s=s), next_entry(liaison, "submissions", own))
    assert intact(server) == 1


def test_server_checks_ignore_a_sessions_own_functions(server, liaison) -> None:
    """A schema of the liaison's own (before PostgreSQL 15 everyone may create in `public`),
    before pg_catalog on its search_path, lends the checks no function."""
    role = liaison.execute("SELECT current_user").fetchone()[0]
    server.conn.execute(f"CREATE SCHEMA {role} AUTHORIZATION {role}")
    liaison.execute(f"CREATE FUNCTION {role}.current_setting(text) RETURNS text "
                    "LANGUAGE sql AS $$ SELECT 'read committed' $$")
    liaison.execute(f"SET search_path = {role}, pg_catalog, {server.schema}")
    with pytest.raises(psycopg.errors.RaiseException, match="in READ COMMITTED"), \
            liaison.transaction():
        liaison.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        insert(liaison, f"{server.schema}.submissions", SEPTEMBER)


def test_server_checks_see_the_latest_rows(server, liaison) -> None:
    """A client going around the tool queues behind the tool's writers, and reads what
    they committed: not in a repeatable-read snapshot taken before it queued."""
    with psycopg.connect(server.url) as writer:  # the tool's lock, mid-transaction
        writer.execute("SELECT pg_advisory_xact_lock(hashtext('qth-disclosure ledger ' "
                       "|| current_schema()))")
        liaison.execute("SET lock_timeout = 200")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            insert(liaison, "submissions", SEPTEMBER)
    with pytest.raises(psycopg.errors.RaiseException, match="in READ COMMITTED"), \
            liaison.transaction():
        liaison.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        insert(liaison, "submissions", SEPTEMBER)
    assert intact(server) == 1


@pytest.mark.parametrize("when", ["at commit", "at once"])
def test_a_row_without_its_chain_entry_is_refused(server, liaison, when: str) -> None:
    with pytest.raises(psycopg.errors.RaiseException,
                       match=r"submissions #\d+ has no chain entry"), liaison.transaction():
        if when == "at once":
            liaison.execute("SET CONSTRAINTS ALL IMMEDIATE")
        insert(liaison, "submissions", SEPTEMBER)
    # the owner too: every row has its entry, or `db verify` would fail for good
    with pytest.raises(psycopg.errors.RaiseException, match="has no chain entry"):
        server.execute("INSERT INTO submissions (plan, kind, agency, received_on, summary, "
                       "recorded_at, recorded_by) VALUES ('qth-2015', 'summary', 'czj', "
                       "'2015-12-18', 'x', 'x', 'x')")
    with liaison.transaction():  # a row and its entry, as the tool writes them, are fine
        own = insert(liaison, "submissions", SEPTEMBER)
        liaison.execute(CHAIN.format(s=server.schema), next_entry(liaison, "submissions", own))
    assert intact(server) == 2


@pytest.mark.parametrize("chosen", [2, 1000])  # the next id; an id the sequence will reach
def test_a_client_cannot_choose_ids(server, liaison, chosen: int) -> None:
    with pytest.raises(psycopg.errors.RaiseException,
                       match=f"submissions #{chosen} was not numbered by the server"):
        insert(liaison, "submissions", {"id": chosen, **SEPTEMBER},
               given_ids="OVERRIDING SYSTEM VALUE")
    with Ledger.open(server.url, for_writing=True) as ledger:  # the next writer's is next
        row = ledger.add_submission(NewSubmission("qth-2015", "summary", "czj", None, None,
                                                  date(2015, 12, 18), "总结"), STAMP)
    assert row.id == 2 and intact(server) == 2


@pytest.mark.parametrize(("table", "values", "constraint"), [
    ("submissions", {"links": "http://x/"}, "submissions_links_are_strings"),
    ("submissions", {"links": '["http://x/", 1]'}, "submissions_links_are_strings"),
    ("submissions", {"links": '{"0": "http://x/"}'}, "submissions_links_are_strings"),
    ("submissions", {"received_on": "2015-02-30"}, "submissions_received_on_is_a_date"),
    ("submissions", {"received_on": "20150928"}, "submissions_received_on_is_a_date"),
    ("submissions", {"received_on": "0001-01-01"}, "submissions_received_on_is_a_date"),
    ("submissions", {"period": "September"}, "submissions_period_is_a_month"),
    ("submissions", {"summary": "长" * 100_001}, "submissions_values_fit"),
    ("applications", {"received_on": "2015-9-1"}, "applications_received_on_is_a_date"),
    ("application_events", {"on_date": "soon"}, "application_events_on_date_is_a_date"),
    ("application_events", {"details": "[]"}, "application_events_details_are_readable"),
    ("application_events", {"kind": "pause"}, "application_events_details_are_readable"),
    ("application_events", {"kind": "extend", "details": '{"approved_by": "局长", '
                            '"working_days": "15"}'}, "application_events_details_are_readable"),
    # everyone's status would fail: "no due date within three years"
    ("application_events", {"kind": "extend", "details": '{"approved_by": "局长", '
                            '"working_days": 1000}'}, "application_events_details_are_readable"),
    # what Python's json does not read: nesting past its stack, a 5,000-digit integer
    ("application_events", {"details": '{"x": ' + "[" * 5000 + "]" * 5000 + "}"},
     "application_events_details_are_readable"),
    ("application_events", {"details": '{"x": 1' + "0" * 5000 + "}"},
     "application_events_details_are_readable"),
    ("application_events", {"details": '{"x": "' + "长" * 100_000 + '"}'},
     "application_events_values_fit"),
])
def test_values_the_tool_could_not_read_are_refused(server, liaison, table: str,
                                                    values: dict[str, str],
                                                    constraint: str) -> None:
    row = {"submissions": SEPTEMBER, "application_events": EVENT,
           "applications": {"plan": "qth-2015", "agency": "czj", "received_on": "2015-09-01",
                            "subject": "s", "applicant": "a", "applicant_kind": "natural_person",
                            "channel": "letter", "law_profile": "gir-2008",
                            "recorded_at": "x", "recorded_by": "x"}}[table]
    with pytest.raises(psycopg.errors.CheckViolation, match=constraint):
        insert(liaison, table, {**row, **values})


# values for migration 22's CHECK functions against migration 10's: what the tool writes,
# and around it every way JSON can fail to be read (or be read and not be the tool's)
_JSON = ["[]", "[ ]", '["a"]', '["a","b"]', ' [ "a" , "b" ]\n', '["长", "http://x/"]',
         '["\\u0000"]', '["\\u0041"]', '["\\u00e9"]', '["\\u957f"]', '["\\ud800"]',
         '["\\ud83d\\ude00"]', '["\\n\\t\\"\\\\\\/\\b\\f\\r"]', '["a\tb"]', '["\\x"]', "[1]",
         '["a", 1]', '[["a"]]', '["a",]', "['a']", "[", '"a"', "null", "", "{}", '["a"] ["b"]',
         "[" * 5000, "{", '{"a":"b"}', '{ "why" : "x" , "n": -1.5e3 }', '{"a":[1]}',
         '{"a":{}}', '{"a":1234567890123456}', '{"a":-0}', '{"a":01}', '{"a":1.}',
         '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"a":true,"b":false,"c":null}', '{"a":1,}',
         '{"a" 1}', '{"a":1}{}', '{"outcome":"disclosed","on_the_spot":true}',
         '{"approved_by":"局长","working_days":15}', '{"approved_by":"x","working_days":"15"}',
         '{"approved_by":"x","working_days":1000}', '{"kind":"review"}', '{"why":"fee"}',
         '{"x": ' + "[" * 5000 + "]" * 5000 + "}", '{"x": 1' + "0" * 5000 + "}",
         '{"a":1e400000}', '{"a": "' + "长" * 1000 + '"}', '{"a":"b","a":1}']


def _answers(conn: Any, call: str, values: list[Any]) -> list[Any]:
    """What `call` (taking %s) answers for each value: its result, or the SQLSTATE of the
    error it raises."""
    answers: list[Any] = []
    for value in values:
        try:
            answers.append(conn.execute(f"SELECT {call}", [value]).fetchone()[0])
        except psycopg.Error as exc:
            answers.append(exc.sqlstate)
    return answers


def test_migration_22s_checks_answer_as_migration_10s(pg_ledger) -> None:
    """Migration 22 redefines the CHECK functions without a subtransaction: for every value
    (every day of years around the leap rules, JSON the tool writes and JSON it does not)
    they answer, or fail, as migration 10's (and 18's `ledger_details`) did."""
    from qth_disclosure.ledger.chain import CHAINED
    from qth_disclosure.ledger.schema import REVISES
    from qth_disclosure.ledger.server_rules import (
        _as_written,
        function_definition,
        strict_functions,
    )

    conn = pg_ledger.conn
    with pg_ledger.fresh_schema() as url:
        old = url.rsplit("%3D", 1)[1]
        for signature, returns, body in strict_functions(f'"{old}"', REVISES, CHAINED):
            if signature.startswith(("ledger_date", "ledger_strings", "ledger_details")):
                conn.execute(function_definition(f'"{old}"', signature, returns, body))
        days = [f"{y}-{m:02}-{d:02}" for y in (1899, 1900, 1999, 2000, 2015, 2016, 2100,
                                                2400, 2999, 3000)
                for m in range(14) for d in range(33)]
        days += ["2015-9-1", "20150928", "", " 2015-01-01", "2015-01-01 ", "2015-01-01\n",
                 "2015-02-29x", None]
        new = pg_ledger.schema
        differing = conn.execute(
            f"SELECT v FROM unnest(%s::text[]) v WHERE "
            f"{old}.ledger_date(v) IS DISTINCT FROM {new}.ledger_date(v)", [days]).fetchall()
        assert differing == []
        # the days of 1900, 1999, 2015, 2100, 2999 and of the leap years 2000, 2016, 2400;
        # and NULL, which the CHECK leaves to NOT NULL
        assert conn.execute(f"SELECT count(*) FILTER (WHERE {new}.ledger_date(v)) "
                            "FROM unnest(%s::text[]) v", [days]).fetchone()[0] == (
            5 * 365 + 3 * 366 + 1)
        values = [*_JSON, None]
        assert (_answers(conn, f"{new}.ledger_strings(%s)", values)
                == _answers(conn, f"{old}.ledger_strings(%s)", values))
        for kind in ("answer", "pause", "close", "appeal", "extend", "reminder", "resume"):
            call = f"ledger_details('{kind}', %s)"
            assert (_answers(conn, f"{new}.{call}", values)
                    == _answers(conn, f"{old}.{call}", values)), kind
    # and what the tool writes is read without a subtransaction: it has the fast path's form
    written = [(0, json.dumps(links, ensure_ascii=ascii_only)) for ascii_only in (True, False)
               for links in (["http://x/"], ["http://x/长", "a\"b\n"], [])]
    written += [(1, json.dumps(details, ensure_ascii=False, sort_keys=True)) for details in (
        {}, {"on_the_spot": True, "outcome": "disclosed"},
        {"approved_by": "局长", "working_days": 15},
        {"x@y.cn": "sent", "z@y.cn": "refused: 550 no such user"}, {"amount": 1.5, "n": None})]
    for form, value in written:
        assert conn.execute(f"SELECT {_as_written(form)} FROM (SELECT %s::text AS value) v",
                            [value]).fetchone()[0], value


@pytest.mark.parametrize("statement", [
    "UPDATE submissions SET summary = 'x'",
    "DELETE FROM chain",
    "TRUNCATE submissions",
    "INSERT INTO reviews (submission, verdict, comment, reviewed_on, recorded_at, recorded_by) "
    "VALUES (1, 'return', 'x', '2015-09-01', 'x', 'x')",
    "INSERT INTO inspections (plan, agency, verdict, inspected_on, note, recorded_at, "
    "recorded_by) VALUES ('qth-2015', 'czj', 'pass', '2016-01-10', '', 'x', 'x')",
    "INSERT INTO bulletins (plan, number, month, as_of, text, recorded_at, recorded_by) "
    "VALUES ('qth-2015', 1, '2015-08', '2015-09-10', 'x', 'x', 'x')",
    "INSERT INTO liaisons (login, agency) VALUES (current_user, 'sjj')",
    # the roster the tool enforces is the office's to pin (migration 11)
    "INSERT INTO rosters (plan, roster, recorded_at, recorded_by) "
    "VALUES ('qth-2015', '{{\"coordinators\":[],\"liaisons\":{{}}}}', 'x', 'x')",
    # voids and 保密审查 are the office's (migration 14)
    "INSERT INTO voids (submission, reason, voided_on, recorded_at, recorded_by) "
    "VALUES (1, 'x', '2015-09-01', 'x', 'x')",
    "INSERT INTO clearances (submission, result, comment, cleared_on, recorded_at, "
    "recorded_by) VALUES (1, 'passed', '', '2015-09-01', 'x', 'x')",
    "UPDATE plan_items SET person = 'x'",
    "ALTER TABLE submissions DISABLE TRIGGER ALL",
    "ALTER TABLE submissions DROP CONSTRAINT submissions_links_are_strings",
    "CREATE TABLE {s}.mine (id integer)",
    "CREATE OR REPLACE FUNCTION {s}.ledger_date(value text) RETURNS boolean "
    "LANGUAGE sql AS 'SELECT true'",
    "SET session_replication_role = replica",
    "SELECT setval(pg_get_serial_sequence('submissions', 'id'), 1000)",
    "SELECT nextval(pg_get_serial_sequence('submissions', 'id'))",
])
def test_a_liaison_role_may_not(server, liaison, statement: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        liaison.execute(statement.format(s=server.schema))
    assert intact(server) == 1


def test_a_roster_is_the_office_roles_to_pin_and_is_chained(server) -> None:
    """The office's role may pin a roster going around the tool, as it may write any row:
    only with its chain entry, with an id the server gives."""
    from qth_disclosure.ledger.server_rules import OFFICE

    roster = {"plan": "qth-2015", "roster": '{"coordinators":["chen"],"liaisons":{}}',
              "recorded_at": "2015-07-01T09:00:00+08:00", "recorded_by": "chen"}
    with server.connect_as(OFFICE) as office:
        with pytest.raises(psycopg.errors.RaiseException, match=r"rosters #\d+ has no chain"):
            insert(office, "rosters", roster)
        with pytest.raises(psycopg.errors.RaiseException, match="not numbered by the server"):
            insert(office, "rosters", {"id": 50, **roster}, given_ids="OVERRIDING SYSTEM VALUE")
        with office.transaction():
            own = insert(office, "rosters", roster)
            office.execute(CHAIN.format(s=server.schema), next_entry(office, "rosters", own))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            office.execute("UPDATE rosters SET roster = '{}'")
    assert intact(server) == 1
    with Ledger.open(server.url, for_writing=False) as ledger:
        pinned = ledger.pinned_roster()
    assert pinned is not None and pinned.recorded_by == "chen"


@pytest.mark.parametrize(("table", "row"), [
    ("voids", {"submission": 1, "reason": "单位填错", "voided_on": "2015-09-01"}),
    ("clearances", {"submission": 1, "result": "passed", "comment": "",
                    "cleared_on": "2015-09-01"}),
])
def test_a_void_or_clearance_is_chained_and_numbered_by_the_server(server, table: str,
                                                                   row: dict) -> None:
    """Migration 14's tables as every chained table: the office's role may write one going
    around the tool only with its chain entry, an id the server gives, a readable day."""
    from qth_disclosure.ledger.server_rules import OFFICE

    row = {**row, "recorded_at": "2015-09-01T09:00:00+08:00", "recorded_by": "chen"}
    with server.connect_as(OFFICE) as office:
        with pytest.raises(psycopg.errors.RaiseException, match=rf"{table} #\d+ has no chain"):
            insert(office, table, row)
        with pytest.raises(psycopg.errors.RaiseException, match="not numbered by the server"):
            insert(office, table, {"id": 50, **row}, given_ids="OVERRIDING SYSTEM VALUE")
        day = next(k for k in row if k.endswith("_on"))
        with pytest.raises(psycopg.errors.CheckViolation, match=f"{day}_is_a_date"):
            insert(office, table, {**row, day: "2015-02-30"})
        with office.transaction():
            own = insert(office, table, row)
            office.execute(CHAIN.format(s=server.schema), next_entry(office, table, own))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            office.execute(f"DELETE FROM {table}")
    assert intact(server) == 1


def test_a_liaison_role_may_not_copy_rows_in(server, liaison) -> None:
    """COPY would skip no check, but row-level security allows it no COPY at all."""
    with pytest.raises(psycopg.errors.FeatureNotSupported, match="row-level security"), \
            liaison.cursor().copy(f"COPY submissions ({', '.join(SEPTEMBER)}) FROM STDIN") as copy:
        copy.write_row(list(SEPTEMBER.values()))
    assert intact(server) == 1


def test_strict_writes_migrates_a_version_7_ledger_holding_unreadable_rows(
        pg_server, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row the checks of migration 10 would refuse, written before them, does not stop the
    migration; readers name it."""
    from qth_disclosure.ledger import store

    with pg_server.fresh_schema() as url:
        with monkeypatch.context() as version_7:
            version_7.setattr(store, "MIGRATIONS", store.MIGRATIONS[:7])
            version_7.setattr(store, "SCHEMA_VERSION", 7)
            with Ledger.open(url, for_writing=True, missing="create") as old, old._b.write():
                old._insert("submissions", {**SEPTEMBER, "links": "http://x/"}, STAMP)
        with Ledger.open(url, for_writing=True) as ledger:
            assert ledger.migrated == [
                "bulletin_heads", "strict_writes", "rosters", "indexed_revisions", "documents",
                "year", "reminders", "application_rules", "application_fees",
                "one_letter_per_event", "attachments", "cheaper_checks", "first_receipts"]
            # the chain holds it (it was chained as written), and `db verify`, which also
            # reads every cell, names it as the readers do
            broken = ledger.verify()
            assert broken is not None and (broken.key, broken.params["id"],
                                           broken.params["column"]) == (
                "cell_not_json", 1, "links")
            with pytest.raises(LedgerError) as unreadable:
                ledger.submissions("qth-2015")
    assert (unreadable.value.key, unreadable.value.params["column"]) == (
        "ledger_row_unreadable", "links")


# ---------------------------------------------------------------- readers


# a row of each table as the tool writes it, into which a case puts one unreadable value
ROWS: dict[str, dict[str, Any]] = {
    "submissions": {**SEPTEMBER, "revision_of": None},
    "reviews": {"submission": 1, "verdict": "return", "comment": "x",
                "reviewed_on": "2015-09-01", "recorded_at": "x", "recorded_by": "x"},
    "bulletins": {"plan": "qth-2015", "number": 1, "month": "2015-08", "as_of": "2015-09-10",
                  "text": "x", "recorded_at": "x", "recorded_by": "x"},
    "application_events": EVENT,
}


@pytest.mark.parametrize(("table", "column", "value", "command"), [
    ("submissions", "links", "http://x/", ["status"]),
    ("submissions", "links", '["http://x/", 1]', ["history"]),
    ("submissions", "links", "[" * 100_000 + "]" * 100_000, ["history"]),
    ("submissions", "received_on", "2015-13-45", ["history"]),
    ("submissions", "received_on", "0001-01-01", ["report", "--as-of", "2015-12-31"]),
    ("submissions", "period", "September", ["lint"]),
    ("reviews", "reviewed_on", "soon", ["history"]),
    ("bulletins", "as_of", "soon", ["bulletin", "--list"]),
    ("application_events", "on_date", "soon", ["request", "show", "1"]),
    ("application_events", "details", "oops", ["report", "--as-of", "2015-12-31"]),
    ("application_events", "details", "[]", ["stats", "--year", "2015"]),
    # what each kind of event is read by: a pause its reason, an appeal its kind
    ("application_events", "details", '{"when": "now"}', ["request", "list"]),
    ("application_events", "details", '{"kind": 1}', ["status"]),
])
def test_readers_name_a_row_they_cannot_read(disclose, ledger_path: Path, table: str,
                                             column: str, value: str,
                                             command: list[str]) -> None:
    """What only an owner editing the file can write (PostgreSQL refuses it): named in one
    line by whichever command meets it, rather than a traceback in everyone's status."""
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose("request", "add", "--agency", "czj", "--received", "2015-09-01", "--subject", "s")
    row = {**ROWS[table], column: value}
    if table == "application_events" and value.startswith("{"):
        row["kind"] = "appeal" if "kind" in value else "pause"
    with sqlite3.connect(ledger_path) as db:
        db.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES "
                   f"({', '.join('?' * len(row))})", list(row.values()))
    refused = disclose(*command, code=1)
    row_id = 2 if table == "submissions" else 1
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "…"  # one line
    assert refused.stderr == (
        f"error: the ledger {ledger_path} holds {table} #{row_id}, whose {column} this "
        f"disclose cannot read ({shown}): it was written outside the tool; the ledger's "
        "owner must repair that row\n")


def test_receipts_name_a_row_they_cannot_read(ledger_path: Path) -> None:
    """The indexed probes of a large ledger's status read dates too."""
    with Ledger.open(str(ledger_path), for_writing=True) as ledger:
        ledger.add_submission(NewSubmission("qth-2015", "monthly", "czj", "K2-1", "2015-08",
                                            date(2015, 8, 28), "公开了预算"), STAMP)
        with sqlite3.connect(ledger_path) as db:
            db.execute("INSERT INTO submissions (plan, kind, agency, task, period, "
                       "received_on, summary, revision_of, recorded_at, recorded_by) VALUES "
                       "('qth-2015', 'monthly', 'czj', 'K2-1', '2015-08', '2015-08-32', 'x', "
                       "1, 'x', 'x')")
        with pytest.raises(LedgerError) as unreadable:
            ledger.receipts("qth-2015", ("monthly", "czj", "K2-1", "2015-08"),
                            date(2015, 9, 10))
    assert unreadable.value.params | {"location": ""} == {
        "location": "", "table": "submissions", "id": 2, "column": "received_on",
        "value": "'2015-08-32'"}


def test_links_split_as_json_parses_them() -> None:
    """Links as the tool writes them are split rather than parsed: every text, written by
    json.dumps or not, reads as json.loads reads it, or is refused as it refuses it."""
    import random

    from qth_disclosure.ledger.store import _strings

    def parsed(text: str) -> object:
        try:
            value = json.loads(text)
        except ValueError:
            return ValueError
        if type(value) is not list or not all(type(v) is str for v in value):
            return ValueError
        return tuple(value)

    def read(text: str) -> object:
        try:
            return _strings(text)
        except ValueError:
            return ValueError

    rng = random.Random(2015)
    alphabet = ['"', "\\", ",", " ", "[", "]", "\n", "\x7f", "\u2028", "长", "a", "/", ":",
                '", "', '["', '"]']
    tried = {True: 0, False: 0}
    for _ in range(20000):
        if rng.random() < 0.5:
            links = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(6)))
                     for _ in range(rng.randrange(4))]
            text = json.dumps(links, ensure_ascii=rng.random() < 0.5)
        else:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(8)))
        expected = parsed(text)
        assert read(text) == expected, text
        tried[expected is ValueError] += 1
    assert min(tried.values()) > 2000  # both readable and refused texts were tried

"""`disclose db`: the hash chain catches rows changed, deleted or inserted outside the tool."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from qth_disclosure.ledger import Ledger, chain
from qth_disclosure.ledger.location import is_server
from qth_disclosure.ledger.schema import server_functions
from qth_disclosure.ledger.server_rules import function_definition, policies


@pytest.fixture
def three_reports(disclose) -> None:
    for agency, task in (("czj", "K2-1"), ("sjj", "K2-2"), ("gtj", "K3-1")):
        disclose.monthly(agency, task, "2015-08", "2015-08-28")
    disclose("review", "2", "--return", "--comment", "缺链接", "--date", "2015-09-01")


@pytest.fixture
def tamper(ledger_location: str, direct_sql) -> Iterator[Callable[..., None]]:
    """Write to the database directly, as someone bypassing the tool would: switch off an
    append-only trigger ("table.action") or PostgreSQL's constraint trigger that checks a
    row is chained by the end of its transaction ("table.chained"; SQLite has none), run
    SQL (on PostgreSQL as the superuser, who also bypasses row-level security), then put
    every trigger back as it was, as a careful intruder would. A PostgreSQL schema
    outlives the test, so `undo` statements run afterwards."""
    undone: list[str] = []

    def go(triggers: list[str], *statements: str, undo: tuple[str, ...] = ()) -> None:
        restore = []
        for trigger in triggers:
            table, name = trigger.split(".")[0], trigger.replace(".", "_no_")
            if trigger.endswith(".chained"):
                if not is_server(ledger_location):  # SQLite has no check deferred to commit
                    continue
                name = trigger.replace(".", "_")
            if is_server(ledger_location):
                direct_sql(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
                restore.append(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
            else:
                (sql,), = direct_sql(f"SELECT sql FROM sqlite_master WHERE name = '{name}'")
                direct_sql(f"DROP TRIGGER {name}")
                restore.append(sql)
        try:
            for statement in statements:
                direct_sql(statement)
        finally:  # even when the server refuses a statement
            for statement in restore:
                direct_sql(statement)
            undone.extend(undo)

    yield go
    for statement in undone:
        direct_sql(statement)


def rechained(ledger_location: str, start: int) -> list[str]:
    """The UPDATEs that rewrite every chain entry from `start` on to hash the rows as they
    are now: what someone who knows how the chain is made would run after editing a row."""
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        entries = ledger._b.execute("SELECT seq, tbl, row_id, hash FROM chain ORDER BY seq")
        previous, statements = chain.GENESIS, []
        for seq, table, row_id, digest in entries.fetchall():
            if seq >= start:
                row = chain.read_rows(ledger._b, table, [row_id])[row_id]
                digest = chain.row_hash(previous, table, row)
                statements.append(f"UPDATE chain SET prev_hash = '{previous}', "
                                  f"hash = '{digest}' WHERE seq = {seq}")
            previous = digest
    return statements


def test_db_verify_healthy(disclose, three_reports) -> None:
    out = disclose("db", "verify").stdout
    assert out.startswith("ok: integrity check passed; 4 rows (submissions 3, reviews 1,")
    head = disclose.json("db", "info")["chain_head"]
    assert f"hash chain of 4 entries intact, head {head}; guards and migrations as " in out


@pytest.mark.parametrize(("triggers", "statement", "message"), [
    (["submissions.update"], "UPDATE submissions SET summary = '改过的' WHERE id = 2",
     "submissions #2 does not match its hash"),
    (["submissions.update"], "UPDATE submissions SET received_on = '2015-08-01' WHERE id = 3",
     "submissions #3 does not match its hash"),
    (["reviews.delete"], "DELETE FROM reviews WHERE id = 1",
     "reviews #1 was deleted outside the tool"),
    (["submissions.chained"], "INSERT INTO submissions (plan, kind, agency, task, period, "
     "received_on, summary, recorded_at, recorded_by) VALUES ('qth-2015', 'monthly', 'zjj', "
     "'K3-2', '2015-08', '2015-08-30', '补录', '2015-08-30T10:00:00+08:00', 'x')",
     "submissions #4 was inserted outside the tool"),
    (["chain.delete"], "DELETE FROM chain WHERE seq = 2", "chain entry #2 is missing"),
    (["chain.update"], "UPDATE chain SET hash = 'f00' WHERE seq = 1",
     "submissions #1 does not match its hash"),
    (["chain.update"], "UPDATE chain SET prev_hash = 'f00' WHERE seq = 2",
     "chain entry #2 (submissions #2) does not follow"),
], ids=["edited", "redated", "deleted", "inserted", "chain-entry-deleted", "chain-edited",
        "chain-relinked"])
def test_db_verify_names_the_first_broken_row(disclose, three_reports, tamper,
                                              triggers: list[str], statement: str,
                                              message: str) -> None:
    tamper(triggers, statement)
    result = disclose("db", "verify", code=1)
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert message in result.stderr, result.stderr


def test_db_backup_is_a_verified_copy(disclose, three_reports, ledger_path, tmp_path,
                                      monkeypatch) -> None:
    copy = tmp_path / "backup.sqlite3"
    assert "backed up" in disclose("db", "backup", str(copy)).stdout
    monkeypatch.setenv("DISCLOSE_DB", str(copy))
    assert disclose("db", "verify").stdout.startswith("ok:")
    assert len(disclose.json("history")) == 3
    refused = disclose("db", "backup", str(copy), code=1)
    assert "already exists" in refused.stderr


def test_db_backup_of_a_server_ledger_says_how(disclose, ledger_location, tmp_path) -> None:
    if not is_server(ledger_location):
        pytest.skip("a PostgreSQL ledger's answer")
    refused = disclose("db", "backup", str(tmp_path / "b.sqlite3"), code=1)
    assert "is a PostgreSQL ledger: back it up on the server (pg_dump)" in refused.stderr
    assert not (tmp_path / "b.sqlite3").exists()


def test_db_info(disclose, three_reports, ledger_location) -> None:
    from qth_disclosure.ledger import SCHEMA_VERSION

    info = disclose.json("db", "info")
    backend = "postgresql" if is_server(ledger_location) else "sqlite"
    assert (info["location"], info["backend"], info["schema_version"],
            info["chain_length"]) == (ledger_location, backend, SCHEMA_VERSION, 4)
    assert info["rows"]["submissions"] == 3 and info["size_bytes"] > 0


def test_db_commands_on_a_missing_ledger(cli, tmp_path, monkeypatch) -> None:
    missing = tmp_path / "missing.sqlite3"
    monkeypatch.setenv("DISCLOSE_DB", str(missing))
    result = cli("db", "verify", code=1)
    assert f"no ledger at {missing}" in result.stderr and not missing.exists()


# ---------------------------------------------------------------- heads kept elsewhere


@pytest.mark.parametrize("given", [str.lower, str.upper, lambda head: head[:16]],
                         ids=["whole", "upper-case", "first-16"])
def test_db_verify_head_still_held(disclose, three_reports, given) -> None:
    head = disclose.json("db", "info")["chain_head"]
    disclose.monthly("zjj", "K3-2", "2015-08", "2015-08-30")  # the chain goes on past it
    out = disclose("db", "verify", "--head", given(head)).stdout
    assert out.startswith("ok:") and out.endswith(f"; the chain holds head {given(head).lower()}\n")


def test_db_verify_head_of_an_empty_ledger(disclose, three_reports, ledger_rows) -> None:
    assert disclose("db", "verify", "--head", chain.GENESIS).stdout.startswith("ok:")


@pytest.mark.parametrize("keep", [2, 0], ids=["last-rows-removed", "emptied"])
def test_db_verify_head_catches_a_removed_tail(disclose, three_reports, tamper,
                                               ledger_location: str, keep: int) -> None:
    head = disclose.json("db", "info")["chain_head"]
    removed = ["chain.delete", "reviews.delete", "submissions.delete"]
    statements = [f"DELETE FROM chain WHERE seq > {keep}", "DELETE FROM reviews",
                  f"DELETE FROM submissions WHERE id > {keep}"]
    if not is_server(ledger_location):  # and the earliest receipts SQLite keeps of them
        removed.append("first_receipts.delete")
        statements.append(f"DELETE FROM first_receipts WHERE submission > {keep}")
    tamper(removed, *statements)
    # nothing left inside the ledger says rows were there: only a head kept elsewhere does
    assert disclose("db", "verify").stdout.startswith(f"ok: integrity check passed; {keep} rows")
    refused = disclose("db", "verify", "--head", head, code=1)
    assert refused.stderr.startswith(
        f"ledger broken: the chain does not hold head {head}: it has {keep} entries, ending at ")
    assert refused.stderr.count("\n") == 1


@pytest.mark.parametrize("value", ["f00", "not-a-hash", "0" * 65])
def test_db_verify_bad_head(disclose, three_reports, value: str) -> None:
    refused = disclose("db", "verify", "--head", value, code=1)
    assert refused.stderr == (f"error: --head '{value}' is not a chain head; give the 64 "
                              "hexadecimal digits that 'disclose db info' prints (or the "
                              "first 16 or more)\n")


def test_db_backup_records_the_head_it_copied(disclose, three_reports, ledger_path, tmp_path,
                                              monkeypatch) -> None:
    head = disclose.json("db", "info")["chain_head"]
    copy = tmp_path / "backup.sqlite3"
    out = disclose("db", "backup", str(copy)).stdout
    assert out.endswith(f"{copy}: hash chain of 4 entries, head {head}\n")
    disclose.monthly("zjj", "K3-2", "2015-08", "2015-08-30")
    assert disclose("db", "verify", "--head", head).stdout.startswith("ok:")
    monkeypatch.setenv("DISCLOSE_DB", str(copy))
    assert f"hash chain of 4 entries intact, head {head};" in disclose("db", "verify").stdout


# ---------------------------------------------------------------- heads bulletins record


@pytest.fixture
def two_bulletins(disclose, three_reports) -> list[str]:
    """Bulletins No. 1 and 2 (chain entries 5 and 6); the heads they saw, by entry."""
    heads = [disclose.json("db", "info")["chain_head"]]
    disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10")
    heads.append(disclose.json("db", "info")["chain_head"])
    disclose("bulletin", "--month", "2015-09", "--as-of", "2015-10-10")
    return heads


def test_bulletin_records_the_head_it_saw(disclose, three_reports) -> None:
    head = disclose.json("db", "info")["chain_head"]
    issued = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10")
    assert f"(ledger row #1; the chain stood at entry #4, head {head})" in issued.stderr
    (row,) = disclose.json("bulletin", "--list")
    assert (row["chain_length"], row["chain_head"]) == (4, head)
    assert disclose("db", "verify").stdout.startswith("ok:")


@pytest.mark.parametrize(("table", "statement", "start", "message"), [
    ("submissions", "UPDATE submissions SET summary = '改过的' WHERE id = 2", 2,
     "bulletin No. 1 (bulletins #1) records the chain head {0} at entry #4, which the chain "
     "does not hold before the bulletin"),
    ("bulletins", "UPDATE bulletins SET chain_length = 9 WHERE id = 1", 5,
     "bulletin No. 1 (bulletins #1) records the chain head {0} at entry #9"),
    ("bulletins", "UPDATE bulletins SET chain_length = NULL, chain_head = NULL WHERE id = 2", 6,
     "bulletins #2 records no chain head, though a bulletin issued before it does"),
], ids=["chain-rewritten-before-it", "head-moved", "head-removed"])
def test_db_verify_checks_the_heads_bulletins_recorded(disclose, two_bulletins, tamper,
                                                       ledger_location, table, statement,
                                                       start, message) -> None:
    """Even when the chain is rewritten to hash every edited row again."""
    tamper([f"{table}.update"], statement)
    tamper(["chain.update"], *rechained(ledger_location, start))
    refused = disclose("db", "verify", code=1)
    assert message.format(two_bulletins[0]) in refused.stderr, refused.stderr
    assert refused.stderr.count("\n") == 1


# ---------------------------------------------------------------- damaged cells


# values PostgreSQL's CHECK constraints refuse: (table, column): (constraint, condition)
SERVER_CHECKED = {
    ("submissions", "received_on"): ("submissions_received_on_is_a_date",
                                     "ledger_date(received_on)"),
    ("submissions", "links"): ("submissions_links_are_strings", "ledger_strings(links)"),
}


@pytest.mark.parametrize(("backends", "table", "statement", "message"), [
    ("sqlite", "submissions",
     "UPDATE submissions SET summary = CAST(X'e585ace5bc80ff' AS TEXT) WHERE id = 2",
     "submissions #2: its summary holds bytes that are not UTF-8 text (b'\\xe5\\x85"),
    ("sqlite", "submissions", "UPDATE submissions SET summary = X'00ff' WHERE id = 2",
     "submissions #2: its summary holds binary data (b'\\x00\\xff') where text belongs"),
    ("sqlite", "reviews", "UPDATE reviews SET submission = 'two' WHERE id = 1",
     "reviews #1: its submission holds 'two' where a whole number belongs"),
    ("sqlite postgresql", "submissions",
     "UPDATE submissions SET received_on = '2015-13-45' WHERE id = 2",
     "submissions #2: its received_on '2015-13-45' is not a YYYY-MM-DD date"),
    ("sqlite postgresql", "submissions", "UPDATE submissions SET links = '[1' WHERE id = 3",
     "submissions #3: its links '[1' is not the JSON the tool writes there"),
    ("sqlite postgresql", "reviews", "UPDATE reviews SET recorded_at = 'gestern' WHERE id = 1",
     "reviews #1: its recorded_at 'gestern' is not an ISO 8601 date and time"),
    ("sqlite postgresql", "chain", "UPDATE chain SET tbl = 'schema_migrations' WHERE seq = 3",
     "chain entry #3 holds 'schema_migrations' as its tbl, which the tool never writes"),
    ("sqlite", "chain", "UPDATE chain SET hash = X'ff' WHERE seq = 4",
     "chain entry #4 holds b'\\xff' as its hash"),
    ("sqlite", "chain", "UPDATE chain SET hash = CAST(X'ff' AS TEXT) WHERE seq = 4",
     "chain entry #4 holds b'\\xff' as its hash"),
], ids=["not-utf8", "binary", "text-for-number", "bad-date", "bad-json", "bad-time",
        "foreign-table", "binary-hash", "not-utf8-hash"])
def test_db_verify_names_a_damaged_cell(disclose, three_reports, tamper, ledger_location,
                                        backends, table, statement, message) -> None:
    if ("postgresql" if is_server(ledger_location) else "sqlite") not in backends:
        pytest.skip("PostgreSQL keeps only valid text, and numbers in number columns")
    column = statement.split(" SET ")[1].split(" ")[0]
    if is_server(ledger_location) and (table, column) in SERVER_CHECKED:
        # PostgreSQL's own CHECK refuses the value (migration strict_writes): an intruder
        # drops it, writes, and adds it back NOT VALID, and the reader still names the cell
        name, condition = SERVER_CHECKED[(table, column)]
        with pytest.raises(Exception, match=name):
            tamper([f"{table}.update"], statement)
        statement_around = (f"ALTER TABLE {table} DROP CONSTRAINT {name}", statement,
                            f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({condition}) "
                            "NOT VALID")
        tamper([f"{table}.update"], *statement_around)
    else:
        tamper([f"{table}.update"], statement)
    refused = disclose("db", "verify", code=1)
    assert refused.stderr.startswith(f"ledger broken: {message}"), refused.stderr
    assert refused.stderr.count("\n") == 1


# ---------------------------------------------------------------- guards and migrations


APPEND_ONLY = ("CREATE TRIGGER submissions_no_update BEFORE UPDATE ON submissions "
               "FOR EACH ROW EXECUTE FUNCTION ledger_append_only()")
CHAINED_AT_COMMIT = ("CREATE CONSTRAINT TRIGGER submissions_chained AFTER INSERT ON submissions "
                     "{} FOR EACH ROW EXECUTE FUNCTION ledger_row_chained()")


def defined(name: str) -> Callable[[str], str]:
    """The statement giving back function `name` as the migrations left it, in the ledger's
    schema (quoted): a statement of `undo` the test completes."""
    return lambda schema: next(function_definition(schema, *made)
                               for made in server_functions(schema)
                               if made[0].startswith(f"{name}("))


LETTER_EVENT = "((content::jsonb) #>> '{facts,event}')"
LIAISON_POLICY = next(f"CREATE POLICY {name} ON {table} FOR {command} TO {role} WITH CHECK "
                      f"({check})" for table, name, command, role, check in policies()
                      if (table, name) == ("submissions", "liaison_inserts_own"))


@pytest.mark.parametrize(("backend", "statements", "undo", "message"), [
    ("sqlite", ["DROP TRIGGER submissions_no_update"], [],
     "trigger submissions_no_update on submissions is missing"),
    ("sqlite", ["DROP TRIGGER submissions_revise_latest"], [],
     "trigger submissions_revise_latest on submissions is missing"),
    ("sqlite", ["DROP TRIGGER chain_no_delete", "CREATE TRIGGER chain_no_delete BEFORE DELETE "
                "ON chain WHEN 0 BEGIN SELECT RAISE(ABORT, 'no'); END"], [],
     "trigger chain_no_delete on chain is not the one the tool made"),
    ("sqlite", ["CREATE TRIGGER stamp AFTER INSERT ON submissions BEGIN SELECT 1; END"], [],
     "trigger stamp on submissions was not made by the tool"),
    ("sqlite postgresql", ["DROP INDEX submissions_one_revision"],
     ["CREATE UNIQUE INDEX submissions_one_revision ON submissions (revision_of)"],
     "unique index submissions_one_revision on submissions is missing"),
    ("sqlite postgresql", ["DROP INDEX voids_once"],
     ["CREATE UNIQUE INDEX voids_once ON voids (submission)"],
     "unique index voids_once on voids is missing"),
    ("postgresql", ["DROP INDEX documents_one_letter_per_event",
                    f"CREATE UNIQUE INDEX documents_one_letter_per_event ON documents "
                    f"(plan, about, {LETTER_EVENT})"],  # no longer partial: not the tool's
     ["DROP INDEX documents_one_letter_per_event",
      f"CREATE UNIQUE INDEX documents_one_letter_per_event ON documents "
      f"(plan, about, {LETTER_EVENT}) WHERE kind = 'letter'"],
     "unique index documents_one_letter_per_event on documents is missing or not the one"),
    ("postgresql", ["DROP TRIGGER submissions_no_update ON submissions"], [APPEND_ONLY],
     "trigger submissions_no_update on submissions is missing"),
    ("postgresql", ["ALTER TABLE chain DISABLE TRIGGER chain_checked"],
     ["ALTER TABLE chain ENABLE TRIGGER chain_checked"],
     "trigger chain_checked on chain is disabled"),
    ("postgresql", ["CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger "
                    "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"],
     [defined("ledger_append_only")],
     "function ledger_append_only() is missing or not the one the tool made"),
    ("postgresql", ["CREATE OR REPLACE FUNCTION ledger_date(value text) RETURNS boolean "
                    "LANGUAGE plpgsql AS $$ BEGIN RETURN true; END $$"],
     [defined("ledger_date")],
     "function ledger_date() is missing or not the one the tool made"),
    ("postgresql", ["ALTER FUNCTION ledger_row_chained() RESET search_path"],
     [defined("ledger_row_chained")],
     "function ledger_row_chained() is missing or not the one the tool made"),
    ("postgresql", ["DROP TRIGGER submissions_chained ON submissions"],
     [CHAINED_AT_COMMIT.format("DEFERRABLE INITIALLY DEFERRED")],
     "trigger submissions_chained on submissions is missing"),
    ("postgresql", ["DROP TRIGGER submissions_chained ON submissions",
                    CHAINED_AT_COMMIT.format("NOT DEFERRABLE")],
     ["DROP TRIGGER submissions_chained ON submissions",
      CHAINED_AT_COMMIT.format("DEFERRABLE INITIALLY DEFERRED")],
     "trigger submissions_chained on submissions is not the one the tool made"),
    ("postgresql", ["ALTER TABLE reviews DISABLE TRIGGER reviews_id_checked"],
     ["ALTER TABLE reviews ENABLE TRIGGER reviews_id_checked"],
     "trigger reviews_id_checked on reviews is disabled"),
    ("postgresql", ["ALTER TABLE reviews DROP CONSTRAINT reviews_reviewed_on_is_a_date"],
     [lambda schema: "ALTER TABLE reviews ADD CONSTRAINT reviews_reviewed_on_is_a_date "
      f"CHECK ({schema}.ledger_date(reviewed_on)) NOT VALID"],
     "check constraint reviews_reviewed_on_is_a_date on reviews is missing"),
    ("postgresql", ["ALTER TABLE reviews DISABLE ROW LEVEL SECURITY"],
     ["ALTER TABLE reviews ENABLE ROW LEVEL SECURITY"], "row-level security is off on reviews"),
    ("postgresql", ["DROP POLICY liaison_inserts_own ON submissions"], [LIAISON_POLICY],
     "policy liaison_inserts_own on submissions is missing"),
    ("postgresql", ["CREATE POLICY anyone ON submissions FOR INSERT WITH CHECK (true)"],
     ["DROP POLICY anyone ON submissions"], "policy anyone on submissions was not made by"),
    ("postgresql", ["ALTER TABLE reviews ALTER COLUMN id SET GENERATED BY DEFAULT"],
     ["ALTER TABLE reviews ALTER COLUMN id SET GENERATED ALWAYS"],
     "reviews.id is no longer GENERATED ALWAYS"),
    ("sqlite postgresql", ["UPDATE schema_migrations SET name = 'x' WHERE version = 3"],
     ["UPDATE schema_migrations SET name = 'applications' WHERE version = 3"],
     "schema_migrations records migration 3 as 'x', not applications"),
    ("sqlite postgresql", ["DELETE FROM schema_migrations WHERE version = 5"],
     ["INSERT INTO schema_migrations (version, name) VALUES (5, 'one_revision')"],
     "schema_migrations lacks migration 5 (one_revision)"),
    ("sqlite postgresql", ["INSERT INTO schema_migrations (version, name) VALUES (0, 'x')"],
     ["DELETE FROM schema_migrations WHERE version = 0"],
     "schema_migrations records a migration 0 ('x') this disclose does not have"),
], ids=["dropped", "revise-latest-dropped", "neutered", "added", "one-revision",
        "voids-once", "pg-letter-index-whole", "pg-dropped",
        "pg-disabled", "pg-function", "pg-helper-function", "pg-function-unpinned",
        "pg-chained-dropped", "pg-chained-immediate", "pg-id-check-disabled",
        "pg-check-dropped", "pg-rls-off", "pg-policy-dropped", "pg-policy-added",
        "pg-ids", "migration-renamed", "migration-deleted", "migration-added"])
def test_db_verify_checks_the_guards_and_migrations(disclose, three_reports, tamper,
                                                    ledger_location, direct_sql, backend,
                                                    statements, undo, message) -> None:
    if ("postgresql" if is_server(ledger_location) else "sqlite") not in backend:
        pytest.skip(f"a guard of {backend}")
    if is_server(ledger_location):
        (schema,), = direct_sql("SELECT current_schema()")
        quoted = '"' + schema.replace('"', '""') + '"'  # as the migrations name it
        undo = [u(quoted) if callable(u) else u for u in undo]
    tamper([], *statements, undo=tuple(undo))
    refused = disclose("db", "verify", code=1)
    assert refused.stderr.startswith(f"ledger broken: {message}"), refused.stderr
    assert refused.stderr.count("\n") == 1


def test_db_info_names_a_damaged_chain_head(disclose, three_reports, tamper, ledger_path) -> None:
    tamper(["chain.update"], "UPDATE chain SET hash = CAST(X'ff' AS TEXT) WHERE seq = 4")
    refused = disclose("db", "info", code=1)
    assert refused.stderr.startswith("error: chain entry #4 holds b'\\xff' as its hash")


def test_db_verify_sees_an_entry_numbered_before_the_first(disclose, three_reports, tamper,
                                                          ledger_location) -> None:
    """The walk once began at entry 1: a row chained only below it passed for chained."""
    server_check = ["ALTER TABLE chain {} TRIGGER chain_checked"] if is_server(
        ledger_location) else []
    tamper(["submissions.chained"], *[s.format("DISABLE") for s in server_check],
           "INSERT INTO submissions (plan, kind, agency, task, period, received_on, summary, "
           "recorded_at, recorded_by) VALUES ('qth-2015', 'monthly', 'zjj', 'K3-2', '2015-08', "
           "'2015-08-30', '补录', '2015-08-30T10:00:00+08:00', 'x')",
           "INSERT INTO chain (seq, tbl, row_id, prev_hash, hash) "
           "VALUES (0, 'submissions', 4, 'x', 'y')", *[s.format("ENABLE") for s in server_check])
    refused = disclose("db", "verify", code=1)
    assert refused.stderr.startswith("ledger broken: chain entry #0 holds 0 as its seq, which")

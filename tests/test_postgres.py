"""What only the PostgreSQL ledger has: roles the server enforces, copies between databases,
explicit migrations, errors from a server rather than a file.

The rest of the suite already runs every ledger and command test on PostgreSQL too
(conftest's `ledger_location`); these need a server of their own (tests/pgserver.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from qth_disclosure.errors import LedgerError
from qth_disclosure.ledger import MIGRATIONS, SCHEMA_VERSION, Ledger, NewSubmission, Stamp
from qth_disclosure.ledger.server_rules import LIAISON, OFFICE

STAMP = Stamp(datetime(2015, 8, 28, 9, 30, tzinfo=timezone.utc), "王芳", "wangf")


def submit(agency: str = "czj", task: str = "K2-1") -> list[str]:
    return ["submit", "--agency", agency, "--task", task, "--month", "2015-08",
            "--summary", "公开了预算", "--received", "2015-08-28"]



@pytest.fixture
def server(pg_ledger):
    return pg_ledger


def run(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    """`disclose` as its own process, connecting as whoever `db` names."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSE_")}
    env.update(DISCLOSE_LANG="en", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "qth_disclosure", "--db", db, *args],
                          capture_output=True, text=True, env=env)


def one_line(stderr: str) -> str:
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    return stderr.strip()


# ---------------------------------------------------------------- roles on the server


def test_a_liaison_role_inserts_for_its_own_unit_only(server) -> None:
    with server.login_role("wang", LIAISON, agencies=("czj",)) as wang:
        done = run(*submit(), "--format", "json", db=wang)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["id"] == 1

        # the tool would let anyone through (agencies.yaml lists nobody): the server refuses
        refused = run(*submit("sjj", "K2-2"), db=wang)
        assert refused.returncode == 1
        line = one_line(refused.stderr)
        assert "refused: new row violates row-level security policy" in line, line
        assert "nothing written" in line
    assert server.execute("SELECT agency FROM submissions") == [("czj",)]
    assert server.execute("SELECT count(*) FROM chain") == [(1,)]


def test_the_server_accepts_the_chain_entry_the_tool_computes(server) -> None:
    """The server's own hash check agrees with chain.row_hash on awkward text: quotes,
    backslashes, control characters, non-ASCII, a NULL."""
    awkward = 'a "quoted" \\ back\\slash\ttab\nline \x01\x1f ✓ 市财政局 \u2028 end'
    with Ledger.open(server.url, for_writing=True) as ledger:
        row = ledger.add_submission(NewSubmission("qth-2015", "summary", "czj", None, None,
                                                  date(2015, 12, 18), awkward,
                                                  ("http://x/?a=1&b=\"2\"",)), STAMP)
        assert ledger.verify() is None
    assert server.execute(f"SELECT summary FROM submissions WHERE id = {row.id}") == [
        (awkward,)]


def test_the_office_role_reviews_and_a_liaison_role_may_not(server) -> None:
    with server.login_role("wang", LIAISON, agencies=("czj",)) as wang, \
            server.login_role("chen", OFFICE) as chen:
        assert run(*submit(), db=wang).returncode == 0
        review = ["review", "1", "--return", "--comment", "缺链接", "--date", "2015-09-01"]
        refused = run(*review, db=wang)
        assert refused.returncode == 1
        assert "refused: permission denied for table reviews" in one_line(refused.stderr)
        done = run(*review, db=chen)
        assert done.returncode == 0, done.stderr
        # and the office may record a submission on a unit's behalf
        assert run(*submit("sjj", "K2-2"), db=chen).returncode == 0
    assert server.execute("SELECT count(*) FROM reviews") == [(1,)]
    verified = run("db", "verify", db=server.url)
    assert verified.stdout.startswith("ok: integrity check passed; 3 rows"), verified.stderr


def test_a_liaison_role_issues_its_own_units_letters_only(server) -> None:
    """Migration 13: a liaison records its unit's answer letters (documents and their chain
    entries); another unit's, or a bulletin's document, the server refuses."""
    add = ["request", "add", "--received", "2015-09-01", "--subject", "预算", "--applicant",
           "张伟"]
    answer = ["--date", "2015-09-15", "--outcome", "disclosed"]
    with server.login_role("wang", LIAISON, agencies=("czj",)) as wang, \
            server.login_role("chen", OFFICE) as chen:
        assert run(*add, "--agency", "czj", db=wang).returncode == 0
        assert run("request", "answer", "1", *answer, db=wang).returncode == 0
        assert run(*add, "--agency", "sjj", db=chen).returncode == 0
        assert run("request", "answer", "2", *answer, db=chen).returncode == 0
        done = run("request", "letter", "1", db=wang)
        assert done.returncode == 0, done.stderr
        refused = run("request", "letter", "2", db=wang)
        assert refused.returncode == 1
        assert "row-level security" in one_line(refused.stderr)
        assert run("request", "letter", "2", db=chen).returncode == 0
    assert server.execute("SELECT reference FROM documents ORDER BY id") == [
        ("市财政局依申请公开〔2015〕1号",), ("市审计局依申请公开〔2015〕1号",)]
    with pytest.raises(Exception, match="append-only"):
        server.execute("UPDATE documents SET number = 7")
    verified = run("db", "verify", db=server.url)
    assert verified.stdout.startswith("ok"), verified.stderr


def test_a_liaison_role_cannot_create_the_ledger(pg_server) -> None:
    with pg_server.fresh_schema() as owner_url:
        schema = owner_url.rsplit("%3D", 1)[1]
        pg_server.conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {LIAISON}")
        with pg_server.login_role("wang", LIAISON) as wang:
            url = wang.replace(pg_server.schema, schema)
            refused = run("status", "--as-of", "2015-09-10", db=url)
            assert refused.returncode == 1
            assert one_line(refused.stderr) == (
                f"error: no ledger at {url}; create it with 'disclose db init'")
            refused = run("db", "init", db=url)
            assert refused.returncode == 1
            assert one_line(refused.stderr) == (
                f"error: there is no ledger at {url} yet, and you may not create one: its "
                "owner must run 'disclose db init' there")


# ---------------------------------------------------------------- migrate


def test_db_init_creates_once_then_migrate_finds_it_up_to_date(pg_server, tmp_path) -> None:
    with pg_server.fresh_schema() as url:
        for location in (url, str(tmp_path / "new.sqlite3")):
            refused = run("db", "migrate", db=location)
            assert one_line(refused.stderr) == (
                f"error: no ledger at {location}; create it with 'disclose db init'")
            first = run("db", "init", db=location)
            assert first.stdout == (f"created a ledger at {location} (schema version "
                                    f"{SCHEMA_VERSION})\n")
            again = run("db", "init", db=location)
            assert again.returncode == 0, again.stderr
            assert again.stdout == (f"{location} already holds a ledger (schema version "
                                    f"{SCHEMA_VERSION}); nothing created\n")
            assert run("db", "migrate", db=location).stdout == (
                f"{location}: schema version {SCHEMA_VERSION}, up to date\n")


def test_db_migrate_applies_what_an_older_ledger_lacks(tmp_path, monkeypatch) -> None:
    from qth_disclosure.ledger import store

    path = str(tmp_path / "old.sqlite3")
    with monkeypatch.context() as first_release:
        first_release.setattr(store, "MIGRATIONS", store.MIGRATIONS[:1])
        Ledger.open(path, for_writing=True, missing="create").close()
    done = run("db", "migrate", db=path)
    names = ", ".join(name for _, name, _ in MIGRATIONS[1:])
    assert done.stdout == f"{path}: schema version {SCHEMA_VERSION}; applied: {names}\n"


# ---------------------------------------------------------------- copy


def _fill(location: str, rows: int) -> None:
    """`rows` submissions over the shipped plan's monthly deliverables, with revisions, a
    review, an application and its answer: every table has rows."""
    from qth_disclosure.ledger import NewApplication, NewEvent, NewReview
    from qth_disclosure.registry import load_registry, shipped_registry_dir

    registry = load_registry(shipped_registry_dir())
    owed = [(lead, t.id, m) for t in registry.monthly_tasks for lead in t.lead
            for m in registry.monthly.months]
    with Ledger.open(location, for_writing=True, missing="create") as ledger:
        with ledger._b.write():  # one transaction: 10,000 commits would take minutes
            latest: dict[tuple[str, str, str], int] = {}
            for i in range(rows):
                agency, task, month = owed[i % len(owed)]
                new = NewSubmission("qth-2015", "monthly", agency, task, month,
                                    date(2015, 8, 1 + i % 28), f"第{i}次报送")
                columns = {k: v.isoformat() if isinstance(v, date) else v
                           for k, v in vars(new).items()}
                latest[(agency, task, month)] = ledger._insert("submissions", {
                    **columns, "links": "[]",
                    "revision_of": latest.get((agency, task, month))}, STAMP)
        ledger.add_review(NewReview(1, "return", "过简", date(2015, 9, 1)), STAMP)
        app = ledger.add_application(NewApplication(
            "qth-2015", "czj", date(2015, 9, 1), "预算", "张三", "natural_person", "letter",
            "gir-2008"), STAMP)
        ledger.add_event(NewEvent(app.id, "answer", date(2015, 9, 10),
                                  {"outcome": "disclosed"}), STAMP)


def _dump(location: str) -> dict[str, list[tuple[object, ...]]]:
    from qth_disclosure.ledger.copying import ORDER

    with Ledger.open(location, for_writing=False) as ledger:
        return {table: [tuple(r) for r in ledger._b.execute(
            f"SELECT * FROM {table} ORDER BY {'seq' if table == 'chain' else 'id'}")]
            for table in ORDER}


def test_db_copy_round_trips_10000_rows_with_the_chain_intact(pg_server, tmp_path) -> None:
    source = tmp_path / "source.sqlite3"
    _fill(str(source), 10_000)
    back = tmp_path / "back.sqlite3"
    with pg_server.fresh_schema() as url:
        there = run("db", "copy", "--to", url, db=str(source))
        assert there.returncode == 0, there.stderr
        assert there.stdout.startswith(
            f"copied 10003 rows (submissions 10000, reviews 1, inspections 0, bulletins 0, "
            f"applications 1, application events 1, rosters 0, documents 0, voids 0, "
            f"clearances 0, plan items 0, reminders 0, proactive figures 0, application fees 0, "
            f"attachments 0) from {source} to "
            f"{url}; the copy's hash chain of 10003 entries verified, head ")
        assert there.stderr == ""  # no progress bar in a pipe
        verified = run("db", "verify", db=url)
        assert verified.stdout.startswith("ok: integrity check passed; 10003 rows")
        # the server numbers new rows after the copied ones, and chains them on
        more = run(*submit(), "--format", "json", db=url)
        assert json.loads(more.stdout)["id"] == 10_001, more.stderr

        home = run("db", "copy", "--to", str(back), db=url)
        assert home.returncode == 0, home.stderr
        copied, original = _dump(str(back)), _dump(url)
    assert copied == original  # every row, id, stamp and chain entry
    assert len(copied["submissions"]) == 10_001 and len(copied["chain"]) == 10_004
    assert run("db", "verify", db=str(back)).stdout.startswith(
        "ok: integrity check passed; 10004 rows")
    # and what went there came back as it was, followed by the one row added there
    for table, rows in _dump(str(source)).items():
        assert copied[table][:len(rows)] == rows, table


def test_db_copy_refuses_a_target_with_rows_and_itself(server, tmp_path) -> None:
    source = tmp_path / "source.sqlite3"
    _fill(str(source), 3)
    assert run("db", "copy", "--to", server.url, db=str(source)).returncode == 0
    again = run("db", "copy", "--to", server.url, db=str(source))
    assert again.returncode == 1
    assert "already holds 6 ledger rows; copy only into an empty ledger" in one_line(
        again.stderr)
    assert server.execute("SELECT count(*) FROM submissions") == [(3,)]
    itself = run("db", "copy", "--to", str(source), db=str(source))
    assert "is the ledger being copied" in one_line(itself.stderr)


def test_a_failed_copy_leaves_no_file(server, tmp_path, monkeypatch) -> None:
    from qth_disclosure.ledger import copying

    _fill(server.url, 3)
    target = tmp_path / "copy.sqlite3"

    def mismatch(*_: object) -> None:
        raise LedgerError("copy_mismatch", target=str(target), detail="for the test")

    monkeypatch.setattr(copying, "_check", mismatch)
    with Ledger.open(server.url, for_writing=False) as ledger, \
            pytest.raises(LedgerError, match="does not match its source: for the test"):
        ledger.copy_to(str(target))
    assert not target.exists()


# ---------------------------------------------------------------- a server, not a file


def test_an_unreachable_server_is_one_line_and_hides_the_password() -> None:
    refused = run("status", "--as-of", "2015-09-10",
                  db="postgresql://clerk:s3cret@127.0.0.1:1/ledger")
    assert refused.returncode == 1
    line = one_line(refused.stderr)
    assert line.startswith("error: cannot reach the ledger server "
                           "postgresql://clerk:***@127.0.0.1:1/ledger: ")
    assert "s3cret" not in refused.stderr + refused.stdout


def test_a_busy_server_ledger_says_so_and_writes_nothing(server, monkeypatch) -> None:
    import psycopg

    from qth_disclosure.ledger import postgres

    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 300)
    with psycopg.connect(server.url) as holder:  # another writer, mid-transaction
        holder.execute("SELECT pg_advisory_xact_lock(hashtext('qth-disclosure ledger ' "
                       "|| current_schema()))")
        with Ledger.open(server.url, for_writing=False) as ledger, \
                pytest.raises(LedgerError) as busy:
            ledger.add_submission(NewSubmission("qth-2015", "monthly", "czj", "K2-1",
                                                "2015-08", date(2015, 8, 28), "x"), STAMP)
    assert busy.value.key == "ledger_busy"
    assert server.execute("SELECT count(*) FROM submissions") == [(0,)]


@pytest.mark.parametrize(("url", "printed"), [
    ("postgresql://clerk:s3cret@db.example/ledger", "postgresql://clerk:***@db.example/ledger"),
    ("postgresql://clerk@db.example/ledger?sslmode=require&password=s3cret",
     "postgresql://clerk@db.example/ledger?sslmode=require&password=***"),
    ("postgres://db.example/ledger?password=s3cret&options=-csearch_path%3Dqth",
     "postgres://db.example/ledger?password=***&options=-csearch_path%3Dqth"),
    ("/srv/ledger.sqlite3", "/srv/ledger.sqlite3"),
])
def test_a_ledger_url_is_printed_without_its_password(url: str, printed: str) -> None:
    from qth_disclosure.ledger.location import shown

    assert shown(url) == printed


def test_a_malformed_url_is_one_line_and_hides_the_password() -> None:
    refused = run("status", "--as-of", "2015-09-10", db="postgresql://clerk:s3cret@[::1")
    assert refused.returncode == 1
    line = one_line(refused.stderr)
    assert line.startswith("error: postgresql://clerk:***@[::1 is not a PostgreSQL URL: "), line
    assert "s3cret" not in refused.stderr


@pytest.mark.parametrize("url", [
    "postgresql://clerk:50%off@127.0.0.1:5432/test",
    "postgresql://clerk@127.0.0.1:5432/test?password=50%off",
])
def test_a_password_libpq_cannot_read_is_not_printed(url: str) -> None:
    refused = run("status", "--as-of", "2015-09-10", db=url)
    assert refused.returncode == 1
    line = one_line(refused.stderr)
    assert "is not a PostgreSQL URL" in line and "50%off" not in line, line


def test_a_connection_the_server_ends_is_one_error(server) -> None:
    """A session terminated under the tool (a restart, an administrator) is reported in
    one line by every call, reads included."""
    with Ledger.open(server.url, for_writing=False) as ledger:
        pid = ledger._b.conn.info.backend_pid  # type: ignore[attr-defined]
        server.conn.execute("SELECT pg_terminate_backend(%s)", [pid])
        for call in (ledger.schema_version, ledger.size_bytes, ledger.row_counts):
            with pytest.raises(LedgerError) as lost:
                call()
            assert lost.value.key == "ledger_unreachable", (call, lost.value.key)


def test_a_schema_that_does_not_exist_is_named(pg_server) -> None:
    from pgserver import url_for

    refused = run("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
                  "--summary", "x", "--received", "2015-08-28",
                  db=url_for("no_such_schema_here"))
    assert refused.returncode == 1
    assert "has no schema to keep the ledger in" in one_line(refused.stderr)


def test_a_role_without_use_of_the_schema_is_told_to_ask_for_it(server) -> None:
    """Not "create the schema": it exists, and this role (in neither group) may not use it."""
    with server.login_role("li", None) as li:
        refused = run("status", "--as-of", "2015-09-10", db=li)
    assert refused.returncode == 1
    role = li.split("://", 1)[1].split("@", 1)[0]
    assert one_line(refused.stderr) == (
        f"error: {role} has no privilege to use schema {server.schema} on the ledger "
        f"server {li}; ask the ledger's owner to grant it (GRANT disclose_liaison TO {role}, "
        "or disclose_office for the office's people)")


def test_a_liaison_role_writes_its_plans_items_but_no_void_or_clearance(server,
                                                                       tmp_path) -> None:
    """Migration 14's tables on the server: a liaison's plan with its items (and their chain
    entries) goes through; voids and 保密审查 are the office role's alone."""
    items = tmp_path / "items.csv"
    items.write_text("公开事项,公开内容,公开方式,公开时限,责任人,任务\n"
                     "预决算,市本级预决算,网站,20日内,张三,K2-1\n", encoding="utf-8")
    plan = ["submit", "--agency", "czj", "--kind", "plan", "--items", str(items),
            "--received", "2015-07-30"]
    with server.login_role("wang", LIAISON, agencies=("czj",)) as wang, \
            server.login_role("chen", OFFICE) as chen:
        done = run(*plan, db=wang)
        assert done.returncode == 0, done.stderr
        refused = run(*plan[:2], "sjj", *plan[3:], db=wang)
        assert "row-level security" in one_line(refused.stderr)
        # cleared first: a voided entry needs no clearance and is refused one
        for command in (["clear", "1", "--result", "passed"],
                        ["void", "1", "--reason", "x"]):
            refused = run(*command, db=wang)
            assert "permission denied" in one_line(refused.stderr), refused.stderr
            done = run(*command, db=chen)
            assert done.returncode == 0, done.stderr
    assert server.execute("SELECT task, person FROM plan_items") == [("K2-1", "张三")]
    verified = run("db", "verify", db=server.url)
    assert verified.returncode == 0, verified.stdout + verified.stderr

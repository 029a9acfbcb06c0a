"""Where a ledger may be and how it comes to be: `db init`, the default location's first
write, the locations refused (SQLite URIs, libpq strings, mistyped paths, other programs'
databases), passwords never printed, and backups, copies and exports that never overwrite.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from qth_disclosure.ledger import SCHEMA_VERSION, Ledger
from qth_disclosure.ledger.location import secrets, shown

MONTHLY = ["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
           "--summary", "公开了预算", "--received", "2015-08-28"]
READ = ["status", "--as-of", "2015-09-10"]
# every kind of command: a write, a read, and each `db` command that opens the ledger
COMMANDS = {"submit": MONTHLY, "status": READ, "review": ["review", "5", "--accept",
                                                          "--comment", "好"],
            "verify": ["db", "verify"], "info": ["db", "info"], "migrate": ["db", "migrate"],
            "backup": ["db", "backup", "b.sqlite3"], "copy": ["db", "copy", "--to", "c.sqlite3"]}
EVERY = {**COMMANDS, "init": ["db", "init"]}


def one_line(result) -> str:
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    return str(result.stderr.strip())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, to show that a refused location leaves nothing in it."""
    where = tmp_path / "cwd"
    where.mkdir()
    monkeypatch.chdir(where)
    return where


@pytest.fixture
def foreign_db(tmp_path: Path) -> Path:
    """Another program's SQLite database."""
    path = tmp_path / "contacts.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('张三')")
    return path


# ---------------------------------------------------------------- db init


def test_db_init_creates_then_says_already(cli, tmp_path, monkeypatch) -> None:
    path = tmp_path / "office.sqlite3"
    monkeypatch.setenv("DISCLOSE_DB", str(path))
    made = f"{path} (schema version {SCHEMA_VERSION})"
    assert cli("db", "init").stdout == f"created a ledger at {made}\n"
    cli(*MONTHLY)
    assert cli("db", "init").stdout == f"{path} already holds a ledger (schema version " \
                                       f"{SCHEMA_VERSION}); nothing created\n"
    assert len(cli.json("history")) == 1


def test_db_init_on_a_server_schema(cli, pg_server, monkeypatch) -> None:
    with pg_server.fresh_schema() as url:
        monkeypatch.setenv("DISCLOSE_DB", url)
        assert "no ledger at" in one_line(cli(*READ, code=1))
        assert cli("db", "init").stdout == (f"created a ledger at {url} (schema version "
                                            f"{SCHEMA_VERSION})\n")
        assert cli.json("submit", *MONTHLY[1:])["id"] == 1


def test_db_init_refuses_a_missing_directory(cli, tmp_path, monkeypatch) -> None:
    path = tmp_path / "no" / "such" / "ledger.sqlite3"
    monkeypatch.setenv("DISCLOSE_DB", str(path))
    said = f"error: directory {path.parent} does not exist; create it first, or name a file " \
           "in one that does"
    assert one_line(cli("db", "init", code=1)) == said
    source = ["--db", str(tmp_path / "l.sqlite3")]
    cli(*source, "db", "init")
    assert one_line(cli(*source, "db", "copy", "--to", str(path), code=1)) == said
    assert not (tmp_path / "no").exists()


def test_db_init_at_the_default_location_makes_its_directories(cli, default_ledger) -> None:
    assert cli("db", "init").stdout.startswith(f"created a ledger at {default_ledger} ")
    assert cli("db", "verify").stdout.startswith("ok:")


def test_db_init_takes_an_empty_file(cli, tmp_path, monkeypatch) -> None:
    """An empty file holds no ledger yet: refused by the others, made a ledger by init."""
    path = tmp_path / "touched.sqlite3"
    path.touch(mode=0o640)
    monkeypatch.setenv("DISCLOSE_DB", str(path))
    assert one_line(cli(*READ, code=1)) == (
        f"error: no ledger at {path}; create it with 'disclose db init'")
    assert cli("db", "init").stdout.startswith("created a ledger")
    assert cli.json("submit", *MONTHLY[1:])["id"] == 1
    assert path.stat().st_mode & 0o777 == 0o640


def test_db_init_a_file_named_like_a_uri(cli, elsewhere, monkeypatch) -> None:
    """`./file:x` is a plain path; SQLite must not read it as the URI `file:x`."""
    monkeypatch.setenv("DISCLOSE_DB", "./file:x")
    cli("db", "init")
    cli(*MONTHLY)
    # beside the ledger only the file through which its writers take turns
    assert sorted(p.name for p in elsewhere.iterdir()) == ["file:x", "file:x-writers"]
    with sqlite3.connect(elsewhere / "file:x") as db:
        assert db.execute("SELECT count(*) FROM submissions").fetchone() == (1,)


# ---------------------------------------------------------------- a location given must hold one


@pytest.mark.parametrize("command", COMMANDS)
def test_a_mistyped_location_is_refused_and_nothing_made(cli, command, elsewhere,
                                                         monkeypatch) -> None:
    missing = elsewhere / "ledgr" / "ledger.sqlite3"
    monkeypatch.setenv("DISCLOSE_DB", str(missing))
    line = one_line(cli(*COMMANDS[command], code=1))
    assert line == f"error: no ledger at {missing}; create it with 'disclose db init'"
    assert list(elsewhere.iterdir()) == []


def test_a_server_schema_without_a_ledger_is_refused(cli, pg_server, monkeypatch) -> None:
    with pg_server.fresh_schema() as url:
        monkeypatch.setenv("DISCLOSE_DB", url)
        assert one_line(cli(*MONTHLY, code=1)) == (
            f"error: no ledger at {url}; create it with 'disclose db init'")
        schema = url.rsplit("%3D", 1)[1]
        assert pg_server.conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s",
                                      [schema]).fetchone() == (0,)


# ---------------------------------------------------------------- the default location


def test_default_location_reads_empty_and_creates_nothing(cli, default_ledger) -> None:
    assert cli.json(*READ)["totals"]["on_time"] == 0
    assert cli("history").stderr == ""
    assert not default_ledger.parent.exists()


def test_default_location_first_write_creates_it_and_says_so(cli, default_ledger) -> None:
    first = cli(*MONTHLY)
    assert first.stderr == (f"created a new ledger at {default_ledger} (the default "
                            "location; --db or DISCLOSE_DB names another)\n")
    assert cli(*MONTHLY).stderr == ""  # the second write finds it
    assert [r["id"] for r in cli.json("history")] == [1, 2]
    assert default_ledger.stat().st_mode & 0o777 == 0o660


def test_default_location_a_refused_write_creates_nothing(cli, default_ledger) -> None:
    assert "no submission #5" in one_line(cli(*COMMANDS["review"], code=1))
    assert not default_ledger.parent.exists()


@pytest.mark.parametrize("command", ["verify", "info", "migrate", "backup", "copy"])
def test_default_location_db_commands_want_a_ledger(cli, default_ledger, command,
                                                    elsewhere) -> None:
    assert "create it with 'disclose db init'" in one_line(cli(*COMMANDS[command], code=1))
    assert not default_ledger.parent.exists() and list(elsewhere.iterdir()) == []


# ---------------------------------------------------------------- what is not a location


@pytest.mark.parametrize(("location", "said"), [
    (":memory:", "error: :memory: is an SQLite URI, not a ledger location"),
    ("file:ledger.sqlite3", "error: file:ledger.sqlite3 is an SQLite URI"),
    ("file:/srv/ledger.sqlite3?mode=rwc", "error: file:/srv/ledger.sqlite3?mode=rwc is an "
                                          "SQLite URI"),
    ("host=db.example dbname=ledger password=s3cret",
     "error: host=db.example dbname=ledger password=*** is a libpq key=value connection "
     "string, not a ledger location: write it as a URL, postgresql://user@host/database"),
    ("dbname = 'ledger' password = 'se cret'", "password = ***"),
])
@pytest.mark.parametrize("command", ["submit", "status", "init"])
def test_a_location_that_is_not_a_path_or_url_is_refused(cli, location, said, command,
                                                         elsewhere, monkeypatch) -> None:
    monkeypatch.setenv("DISCLOSE_DB", location)
    line = one_line(cli(*EVERY[command], code=1))
    assert line.startswith(said) if said.startswith("error") else said in line
    assert "s3cret" not in line and "se cret" not in line
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(("args", "said"), [
    (["db", "backup"], "is not a plain file path: a backup is a new SQLite file"),
    (["db", "copy", "--to"], "is an SQLite URI, not a ledger location"),
])
def test_db_backup_and_copy_refuse_an_sqlite_uri(disclose, foreign_db, args, said) -> None:
    """`file:/path` named the existing database, which the backup then overwrote."""
    before = digest(foreign_db)
    for target in (f"file:{foreign_db}", f"file:{foreign_db}?mode=rw", ":memory:"):
        assert said in one_line(disclose(*args, target, code=1))
    assert digest(foreign_db) == before


# ---------------------------------------------------------------- other programs' files


@pytest.mark.parametrize("command", EVERY)
def test_a_foreign_sqlite_database_is_refused_untouched(cli, command, foreign_db, elsewhere,
                                                        monkeypatch) -> None:
    before = digest(foreign_db)
    monkeypatch.setenv("DISCLOSE_DB", str(foreign_db))
    line = one_line(cli(*EVERY[command], code=1))
    assert line == (f"error: {foreign_db} is a database but not a ledger (it holds people); "
                    "it was left as it is: give the ledger a file, or a PostgreSQL schema, of "
                    "its own")
    assert digest(foreign_db) == before  # and no -wal or -shm beside it, nothing made here
    assert [p.name for p in foreign_db.parent.glob("contacts*")] == ["contacts.sqlite3"]
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(("statement", "named"), [
    # another framework's migrations table of the same name
    ("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)", "schema_migrations"),
    # a ledger into which another program put its own table
    ("CREATE TABLE people (name TEXT)", "people"),
])
def test_a_ledger_lookalike_is_refused(cli, ledger_path, statement, named) -> None:
    with sqlite3.connect(ledger_path) as db:
        if named == "schema_migrations":
            db.execute("DROP TABLE schema_migrations")
        db.execute(statement)
    before = digest(ledger_path)
    assert f"is a database but not a ledger (it holds {named}" in one_line(cli(*READ, code=1))
    assert digest(ledger_path) == before


def test_a_migrations_table_like_ours_with_other_names_is_refused(cli, tmp_path,
                                                                  monkeypatch) -> None:
    """Another program that keeps its migrations the way the ledger does, and nothing else
    yet: its names are not the ledger's, so neither is the database."""
    path = tmp_path / "app.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, "
                   "applied_at TEXT)")
        db.execute("INSERT INTO schema_migrations VALUES (1, 'create_users', '2015-01-01')")
    monkeypatch.setenv("DISCLOSE_DB", str(path))
    before = digest(path)
    assert "not a ledger (it holds schema_migrations)" in one_line(cli("db", "init", code=1))
    assert digest(path) == before


def test_a_foreign_server_schema_is_refused_untouched(cli, pg_server, monkeypatch) -> None:
    with pg_server.fresh_schema() as url:
        schema = url.rsplit("%3D", 1)[1]
        pg_server.conn.execute(f"CREATE TABLE {schema}.people (name TEXT)")
        monkeypatch.setenv("DISCLOSE_DB", url)
        for args in (READ, ["db", "init"]):
            assert "is a database but not a ledger (it holds people)" in one_line(
                cli(*args, code=1))
        assert pg_server.conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s",
                                      [schema]).fetchall() == [("people",)]


@pytest.mark.parametrize(("content", "said"), [
    (b"agency,summary\nczj,x\n", "is not an SQLite database, so not a ledger; it was left as "
                                 "it is"),
    (b"SQLite format 3\x00" + b"\xff" * 200, "is not an SQLite database"),
    (None, "is a directory, not a ledger"),
])
def test_a_file_that_is_not_sqlite_is_refused_untouched(cli, tmp_path, monkeypatch, content,
                                                        said) -> None:
    path = tmp_path / "report.csv"
    path.mkdir() if content is None else path.write_bytes(content)
    monkeypatch.setenv("DISCLOSE_DB", str(path))
    for args in (READ, MONTHLY, ["db", "init"]):
        assert said in one_line(cli(*args, code=1))
    assert content is None or path.read_bytes() == content
    assert [p.name for p in tmp_path.glob("report*")] == ["report.csv"]


# ---------------------------------------------------------------- passwords


@pytest.mark.parametrize(("url", "printed"), [
    ("postgresql://clerk:pa#ss@db.example/ledger", "postgresql://clerk:***@db.example/ledger"),
    ("postgresql://clerk:pa?ss@db.example/ledger", "postgresql://clerk:***@db.example/ledger"),
    ("postgresql://clerk:pa/ss@db.example/ledger", "postgresql://clerk:***@db.example/ledger"),
    ("postgresql://clerk:p@ss@db.example/ledger", "postgresql://clerk:***@db.example/ledger"),
    ("postgresql://clerk:p%40ss%2F1@db.example/ledger",
     "postgresql://clerk:***@db.example/ledger"),
    ("postgres://:s3cret@db.example:5433,db2.example/ledger",
     "postgres://:***@db.example:5433,db2.example/ledger"),
    ("postgresql://db.example/ledger?pass%77ord=s3cret&sslmode=require",
     "postgresql://db.example/ledger?pass%77ord=***&sslmode=require"),
    ("postgresql://db.example/ledger?password=a&b#c@d&sslmode=require",
     "postgresql://db.example/ledger?password=***&sslmode=require"),
    ("postgresql:///ledger?host=/run/postgresql&PASSWORD=s3cret",
     "postgresql:///ledger?host=/run/postgresql&PASSWORD=***"),
    ("host=db user=clerk password='it\\'s secret' dbname=ledger",
     "host=db user=clerk password=*** dbname=ledger"),
    ("dbname=postgresql://clerk:s3cret@db/ledger", "dbname=***"),
])
def test_shown_hides_every_password_libpq_would_read(url: str, printed: str) -> None:
    assert shown(url) == printed
    assert all(secret not in shown(url) for secret in secrets(url) if len(secret) > 2)


@pytest.mark.parametrize("password", ["pa#ss", "pa?ss", "pa/ss", "p@ss", "pa%2Fss", "50%off"])
def test_an_unreachable_server_never_prints_the_password(cli, password, monkeypatch) -> None:
    monkeypatch.setenv("DISCLOSE_DB", f"postgresql://clerk:{password}@127.0.0.1:1/ledger")
    line = one_line(cli(*READ, code=1))
    assert line.startswith("error: ") and "clerk:***@127.0.0.1:1/ledger" in line
    assert not any(piece in line for piece in ("pa", "ss", "50", "off"))


# ---------------------------------------------------------------- nothing is overwritten


@pytest.mark.parametrize("command", ["backup", "copy"])
def test_backup_and_copy_never_overwrite_a_file(disclose, ledger_path, tmp_path,
                                                command) -> None:
    target = tmp_path / "b.sqlite3"
    for content in (b"", b"precious"):
        target.write_bytes(content)
        args = [*COMMANDS[command][:-1], str(target)]
        assert "already exists" in one_line(disclose(*args, code=1))
        assert target.read_bytes() == content


def test_backup_refuses_an_address(disclose) -> None:
    line = one_line(disclose("db", "backup", "postgresql://clerk:s3cret@db/x", code=1))
    assert line.startswith("error: postgresql://clerk:***@db/x is not a plain file path: a "
                           "backup is a new SQLite file")


def test_backup_of_the_ledger_into_a_new_file(disclose, ledger_path, tmp_path) -> None:
    disclose(*MONTHLY)
    target = tmp_path / "b.sqlite3"
    assert disclose("db", "backup", str(target)).stdout.startswith(
        f"backed up {ledger_path} to {target}: ")
    assert target.stat().st_mode & 0o777 == 0o660
    with Ledger.open(str(target), for_writing=False) as copy:
        assert len(copy.submissions("qth-2015")) == 1

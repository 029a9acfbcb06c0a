"""`disclose db`: the hash chain catches rows changed, deleted or inserted outside the tool."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from qth_disclosure.ledger.location import is_server


@pytest.fixture
def three_reports(disclose) -> None:
    for agency, task in (("czj", "K2-1"), ("sjj", "K2-2"), ("gtj", "K3-1")):
        disclose.monthly(agency, task, "2015-08", "2015-08-28")
    disclose("review", "2", "--return", "--comment", "缺链接", "--date", "2015-09-01")


@pytest.fixture
def tamper(ledger_location: str, direct_sql) -> Iterator[Callable[..., None]]:
    """Write to the database directly, as someone bypassing the tool would: switch off an
    append-only trigger ("table.action"), or PostgreSQL's check that a row is chained by
    the end of its transaction ("table.chained"), then run SQL (on PostgreSQL as the
    superuser, who also bypasses row-level security). A PostgreSQL schema outlives the
    test, so its triggers are switched on again afterwards."""
    disabled: list[str] = []

    def go(triggers: list[str], *statements: str) -> None:
        for trigger in triggers:
            table, name = trigger.split(".")[0], trigger.replace(".", "_no_")
            if trigger.endswith(".chained"):
                if not is_server(ledger_location):  # SQLite has no check deferred to commit
                    continue
                name = trigger.replace(".", "_")
            if is_server(ledger_location):
                direct_sql(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
                disabled.append(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
            else:
                direct_sql(f"DROP TRIGGER {name}")
        for statement in statements:
            direct_sql(statement)

    yield go
    for statement in disabled:
        direct_sql(statement)


def test_db_verify_healthy(disclose, three_reports) -> None:
    out = disclose("db", "verify").stdout
    assert out.startswith("ok: integrity check passed; 4 rows (submissions 3, reviews 1,")
    assert "hash chain of 4 entries intact" in out


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


def test_db_commands_on_a_missing_ledger(disclose, ledger_path) -> None:
    result = disclose("db", "verify", code=1)
    assert f"no ledger at {ledger_path}" in result.stderr and not ledger_path.exists()

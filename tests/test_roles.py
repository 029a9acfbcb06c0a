"""Liaisons write for their own unit, coordinators decide; refusals name who and what."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qth_disclosure.registry import shipped_registry_dir
from qth_disclosure.session import Session

MONTHLY = ["submit", "--task", "K2-1", "--month", "2015-08", "--summary",
           "公开了8月预算执行情况和三公经费", "--received", "2015-08-28"]


@pytest.fixture
def with_roles(registry_copy: Path, monkeypatch) -> Path:
    """The shipped registry plus a coordinator (chen) and 市财政局's liaison (wang)."""
    path = registry_copy / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("agencies:\n", "coordinators: [chen]\nagencies:\n", 1)
    text = text.replace("    name: 市财政局\n", "    name: 市财政局\n    liaisons: [wang]\n", 1)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DISCLOSE_REGISTRY", str(registry_copy))
    return registry_copy


@pytest.fixture
def as_user(monkeypatch):
    def become(login: str) -> None:
        monkeypatch.setattr(Session, "user", staticmethod(lambda: login))
    return become


def test_roles_liaison_submits_for_own_unit(disclose, with_roles, as_user) -> None:
    as_user("wang")
    disclose(*MONTHLY, "--agency", "czj")
    (row,) = disclose.json("history")
    assert row["recorded_by"] == "wang"


@pytest.mark.parametrize(("user", "args", "words"), [
    ("wang", ["submit", "--agency", "sjj", "--task", "K2-2", *MONTHLY[3:]],
     ["'wang'", "sjj (市审计局)", "nothing written"]),
    ("zhao", [*MONTHLY, "--agency", "czj"], ["'zhao'", "czj (市财政局)", "wang", "chen"]),
    ("wang", [*MONTHLY, "--agency", "czj", "--by", "王芳"], ["'wang'", "'王芳'"]),
    ("wang", ["inspect", "--agency", "czj", "--verdict", "pass", "--date", "2016-01-10"],
     ["'wang'", "inspect", "chen"]),
    ("wang", ["bulletin", "--month", "2015-08", "--as-of", "2015-09-10"],
     ["'wang'", "bulletin"]),
    ("zhao", ["request", "add", "--agency", "czj", "--received", "2015-09-25", "--subject",
              "预算"], ["'zhao'", "czj (市财政局)"]),
], ids=["other-unit", "stranger", "by-from-liaison", "inspect", "bulletin", "application"])
def test_roles_refusals_write_nothing(disclose, with_roles, as_user, ledger_rows, user: str,
                                     args: list[str], words: list[str]) -> None:
    as_user(user)
    result = disclose(*args, code=1)
    assert all(w in result.stderr for w in words), result.stderr
    assert result.stderr.count("\n") == 1 and ledger_rows() == {}


def test_roles_review_only_by_a_coordinator(disclose, with_roles, as_user) -> None:
    as_user("wang")
    disclose(*MONTHLY, "--agency", "czj")
    refused = disclose("review", "1", "--return", "--comment", "过简", "--date", "2015-09-01",
                       code=1)
    assert "'wang' may not review" in refused.stderr
    as_user("chen")
    disclose("review", "1", "--return", "--comment", "过简", "--date", "2015-09-01")
    as_user("wang")
    assert "returned" in disclose("history").stdout  # a liaison still reads everything


def test_roles_coordinator_records_paper_submission_as_such(disclose, with_roles,
                                                            as_user) -> None:
    as_user("chen")
    disclose(*MONTHLY, "--agency", "czj", "--by", "王芳")
    (row,) = disclose.json("history")
    assert row["recorded_by"] == "王芳"
    assert "王芳 (entered by chen)" in disclose("history").stdout


def test_roles_application_events_by_the_units_liaison(disclose, with_roles, as_user) -> None:
    as_user("wang")
    disclose("request", "add", "--agency", "czj", "--received", "2015-09-25", "--subject", "预算")
    as_user("zhao")
    refused = disclose("request", "answer", "1", "--date", "2015-10-08", "--outcome",
                       "disclosed", code=1)
    assert "'zhao' may not write for czj (市财政局)" in refused.stderr
    as_user("wang")
    disclose("request", "answer", "1", "--date", "2015-10-08", "--outcome", "disclosed")


def test_roles_login_comes_from_the_system_not_the_environment(with_roles, tmp_path) -> None:
    env = {**os.environ, "USER": "chen", "LOGNAME": "chen", "DISCLOSE_LANG": "en",
           "DISCLOSE_DB": str(tmp_path / "l.sqlite3")}
    subprocess.run([sys.executable, "-m", "qth_disclosure", "db", "init"], env=env, check=True,
                   capture_output=True)
    result = subprocess.run(
        [sys.executable, "-m", "qth_disclosure", "inspect", "--agency", "czj", "--verdict",
         "pass", "--date", "2016-01-10"], env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "may not inspect" in result.stderr
    assert "'chen'" not in result.stderr


def test_roles_inactive_without_names(disclose, as_user) -> None:
    as_user("anyone")
    disclose(*MONTHLY, "--agency", "czj", "--by", "王芳")


# ---------------------------------------------------------------- the roster pinned in the ledger


def _forged(registry_copy: Path, tmp_path: Path, coordinators: str) -> Path:
    """A liaison's own copy of the registry, naming whom she likes as coordinators."""
    forged = tmp_path / "forged"
    forged.mkdir()
    for name in ("tasks.yaml", "agencies.yaml"):
        text = (registry_copy / name).read_text(encoding="utf-8")
        (forged / name).write_text(text.replace("coordinators: [chen]", coordinators),
                                   encoding="utf-8")
    return forged


@pytest.mark.parametrize("coordinators", ["coordinators: [wang]", "coordinators: []"],
                         ids=["names-her", "names-nobody"])
def test_roles_pinned_roster_holds_against_another_registry(
        disclose, with_roles, as_user, ledger_rows, tmp_path, coordinators) -> None:
    as_user("chen")
    pinned = disclose("db", "roster", "--pin")
    assert "pinned the roster agencies.yaml lists in the ledger (#1)" in pinned.stderr
    before = ledger_rows()
    assert before == {"rosters": 1, "chain": 1}
    forged = _forged(with_roles, tmp_path, coordinators)
    if coordinators.endswith("[]"):  # nobody at all: the registry alone would check nothing
        text = (forged / "agencies.yaml").read_text(encoding="utf-8")
        (forged / "agencies.yaml").write_text(text.replace("    liaisons: [wang]\n", ""),
                                              encoding="utf-8")
    as_user("wang")
    for args in (["inspect", "--agency", "czj", "--verdict", "pass", "--date", "2016-01-10"],
                 ["db", "roster", "--pin"],
                 ["submit", "--agency", "sjj", "--task", "K2-2", *MONTHLY[3:]]):
        refused = disclose("--registry", str(forged), *args, code=1)
        assert "roster: db roster #1)" in refused.stderr, refused.stderr
        assert refused.stderr.count("\n") == 1
    assert ledger_rows() == before
    shown = disclose.json("--registry", str(forged), "db", "roster")
    assert shown["in_force"] == "ledger" and not shown["agencies_yaml_matches"]
    assert [p["login"] for p in shown["people"] if p["role"] == "coordinator"] == ["chen"]
    # her own unit's report still goes in, under the pinned roster, with a note saying so
    done = disclose("--registry", str(forged), *MONTHLY, "--agency", "czj")
    assert "other people than the roster pinned in the ledger (#1)" in done.stderr


def test_roles_a_coordinator_changes_the_pinned_roster(disclose, with_roles, as_user,
                                                       ledger_rows) -> None:
    as_user("chen")
    disclose("db", "roster", "--pin")
    path = with_roles / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    name: 市审计局\n", "    name: 市审计局\n    liaisons: [li]\n",
                                 1), encoding="utf-8")
    as_user("li")
    sjj = ["submit", "--agency", "sjj", "--task", "K2-2", *MONTHLY[3:]]
    assert "may not write for sjj" in disclose(*sjj, code=1).stderr
    as_user("chen")
    assert "(#2)" in disclose("db", "roster", "--pin").stderr
    again = disclose("db", "roster", "--pin")
    assert "nothing written" in again.stderr and ledger_rows()["rosters"] == 2
    as_user("li")
    assert disclose(*sjj).stderr == ""  # agencies.yaml and the pinned roster agree: no note
    assert [r["recorded_by"] for r in disclose.json("history")] == ["li"]


def test_roles_unpinned_roster_is_noted_on_every_write(disclose, with_roles, as_user) -> None:
    as_user("wang")
    done = disclose(*MONTHLY, "--agency", "czj")
    assert "roster is not pinned in the ledger" in done.stderr
    shown = disclose.json("db", "roster")
    assert shown["in_force"] == "agencies.yaml" and shown["pinned"] is None


def test_roles_roster_csv_keeps_its_header_when_nobody_is_listed(disclose, with_roles) -> None:
    listed = disclose("db", "roster", "--format", "csv").stdout.splitlines()
    assert listed[0] == "role,agency,login" and len(listed) > 1
    nobody = disclose("--registry", str(shipped_registry_dir()), "db", "roster",
                      "--format", "csv").stdout
    assert nobody.splitlines() == ["role,agency,login"]  # the shipped registry names nobody


def test_roles_db_init_pins_the_registry_roster(cli, with_roles, as_user, tmp_path,
                                               monkeypatch) -> None:
    monkeypatch.setenv("DISCLOSE_DB", str(tmp_path / "new.sqlite3"))
    as_user("root-of-the-office")  # whoever creates the ledger: it pins agencies.yaml's
    made = cli("db", "init")
    assert "pinned the roster agencies.yaml lists in the ledger (#1): 1 coordinator(s), " \
           "1 liaison(s) for 1 unit(s)" in made.stdout
    assert cli.json("db", "roster")["pinned"]["recorded_by"] == "root-of-the-office"
    assert "ok:" in cli("db", "verify").stdout
    # a registry naming nobody creates a ledger that pins nothing
    monkeypatch.setenv("DISCLOSE_DB", str(tmp_path / "other.sqlite3"))
    monkeypatch.delenv("DISCLOSE_REGISTRY")
    assert "pinned" not in cli("db", "init").stdout


def test_roles_a_roster_written_around_the_tool_is_named(disclose, with_roles, as_user,
                                                         direct_sql, ledger_path) -> None:
    """An SQLite file's owner can insert anything; a roster row the tool did not write is
    named in one line, and `db verify` finds it unchained."""
    direct_sql("INSERT INTO rosters (plan, roster, recorded_at, recorded_by) "
               "VALUES ('qth-2015', '{\"coordinators\": \"wang\"}', '2015-08-01', 'wang')")
    as_user("wang")
    refused = disclose(*MONTHLY, "--agency", "czj", code=1)
    assert "rosters #1, whose roster this disclose cannot read" in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert "rosters #1" in disclose("db", "verify", code=1).stderr


def test_roles_a_registry_of_another_plan_does_not_escape_the_pin(
        disclose, with_roles, as_user, ledger_rows, tmp_path) -> None:
    as_user("chen")
    disclose("db", "roster", "--pin")
    forged = _forged(with_roles, tmp_path, "coordinators: [wang]")
    tasks = forged / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("qth-2015", "qth-forged"),
                     encoding="utf-8")
    as_user("wang")
    refused = disclose("--registry", str(forged), "inspect", "--agency", "czj", "--verdict",
                       "pass", "--date", "2016-01-10", code=1)
    assert "roster: db roster #1)" in refused.stderr
    assert ledger_rows() == {"rosters": 1, "chain": 1}

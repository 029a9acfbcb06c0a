"""Liaisons write for their own unit, coordinators decide; refusals name who and what."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    result = subprocess.run(
        [sys.executable, "-m", "qth_disclosure", "inspect", "--agency", "czj", "--verdict",
         "pass", "--date", "2016-01-10"], env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "may not inspect" in result.stderr
    assert "'chen'" not in result.stderr


def test_roles_inactive_without_names(disclose, as_user) -> None:
    as_user("anyone")
    disclose(*MONTHLY, "--agency", "czj", "--by", "王芳")

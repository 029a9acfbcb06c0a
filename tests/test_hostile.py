"""Hostile input: escape sequences, SQL, formula injection, YAML bombs are all just data."""

from __future__ import annotations

from pathlib import Path

import pytest

SUBMIT = ["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08", "--received",
          "2015-08-28", "--summary"]


def test_hostile_escape_sequences_never_reach_the_terminal(disclose) -> None:
    disclose(*SUBMIT, "清屏\x1b[2J\x1b]0;title\x07 and a bell\x07")
    for args in (["history"], ["history", "--format", "markdown"],
                 ["history", "--format", "csv"], ["lint"]):
        out = disclose(*args).stdout
        assert "\x1b" not in out and "\x07" not in out, args
    assert "清屏\\x1b[2J" in disclose("history").stdout
    (row,) = disclose.json("history")
    assert row["summary"] == "清屏\x1b[2J\x1b]0;title\x07 and a bell\x07"  # stored as given


def test_hostile_sql_is_data(disclose) -> None:
    text = "'); DROP TABLE submissions; -- 公开了预算执行情况和三公经费"
    disclose(*SUBMIT, text)
    assert [r["summary"] for r in disclose.json("history")] == [text]
    assert disclose("db", "verify").stdout.startswith("ok:")


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3"])
def test_hostile_csv_formulas_neutralised(disclose, text: str) -> None:
    disclose(*SUBMIT, text + " 公开了预算执行情况")
    line = disclose("history", "--format", "csv").stdout.splitlines()[1]
    assert f",'{text}" in line or f",\"'{text}" in line, line


def test_hostile_yaml_alias_bomb_refused(disclose, registry_copy: Path) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    (registry_copy / "agencies.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    result = disclose("--registry", str(registry_copy), "check", code=1)
    assert "agencies.yaml:1: this value is reused through a YAML anchor and alias" in (
        result.stdout)


def test_hostile_very_long_text_refused_at_the_limit(disclose, ledger_rows) -> None:
    disclose(*SUBMIT, "长" * 20_000)
    before = ledger_rows()
    result = disclose(*SUBMIT, "长" * 20_001, code=1)
    assert "20001 characters; the limit is 20000" in result.stderr
    assert ledger_rows() == before

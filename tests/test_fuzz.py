"""Hostile input, fuzzed: every command with every option, on both backends.

Hypothesis picks a command of the real application, then for each of its options whether to
give it and with what: a plausible value, or one from a pool of hostile ones (controls,
escapes, lone surrogates from non-UTF-8 argv, numbers past 64 bits, impossible dates, URLs
that do not parse, huge text). Whatever it builds, `disclose` must end with an exit code of
0, 1, 2 or 3, never a traceback, and when it refuses (exit code not 0) the ledger must be
exactly as it was: same chain head, same rows.

Bounded and seeded so CI is deterministic; run with `--hypothesis-seed` and a larger
`FUZZ_EXAMPLES` in the environment to search further.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from qth_disclosure.cli import build_app

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "250"))
HOSTILE = [
    "", " ", "\t", "\x00", "a\x00b", "\x1b[2J\x1b[31mred", "\x9b31m", "\x7f", "line\nbreak",
    "\u202etxt.exe", "\udcff\udcfe", "9" * 30, str(2**63), str(-(2**63) - 1), "-1", "0",
    "1e9", "0x10", "2015-02-30", "0001-01-01", "9999-12-31", "2015-13", "0000-01",
    "2015-08-31T10:00", "czj", "市财政局", "K2-1", "K5-4", "2015-08", "2015-10-31",
    "http://[::1", "https://a b/", "javascript:alert(1)", "https://example.org/x",
    "file:ledger.sqlite3", ":memory:", "host=x dbname=y password=s3cret", "../x", "x" * 300,
    "汉" * 21_000, "'; DROP TABLE submissions; --", "%s%n{0}", "NaN",
]
# a valid run to compare against: enough rows that ids 1..3 exist
SEED = [
    ["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
     "--summary", "公开了8月预算执行情况和三公经费", "--received", "2015-08-31"],
    ["submit", "--agency", "czj", "--kind", "plan", "--summary", "部门方案：公开事项与时限",
     "--received", "2015-07-30"],
    ["request", "add", "--agency", "czj", "--received", "2015-09-25", "--subject", "预算"],
]


# Typer vendors Click, so parameters are read by their duck-typed attributes
def leaves(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if hasattr(command, "commands"):
        return [leaf for name, sub in sorted(command.commands.items())
                for leaf in leaves(sub, (*path, name))]
    return [path]


APP = build_app()
ROOT = typer.main.get_command(APP)
COMMANDS = leaves(ROOT)


def command_at(path: tuple[str, ...]) -> Any:
    command: Any = ROOT
    for name in path:
        command = command.commands[name]
    return command


def values_for(param: Any) -> st.SearchStrategy[list[str]]:
    """Arguments for one parameter: nothing, a flag, or the option with some value."""
    if getattr(param, "is_flag", False):
        return st.sampled_from([[], [param.opts[0]]])
    plausible = {
        "choice": [str(c) for c in getattr(param.type, "choices", ())],
        "int": ["1", "2", "3", "15"], "int range": ["1", "2", "3", "15"],
        "path": ["out.json", "out.csv", "out.xlsx", "backup.sqlite3", "x.txt"],
    }.get(param.type.name, [])
    value = st.sampled_from(plausible + HOSTILE)
    if param.param_type_name == "argument":
        return value.map(lambda v: [v])
    given = value.map(lambda v: [param.opts[0], v])
    # a required option is always given, so most examples get past the parser to the core
    return given if param.required else st.one_of(st.just([]), given)


@st.composite
def invocations(draw: st.DrawFn) -> list[str]:
    path = draw(st.sampled_from(COMMANDS))
    args = list(path)
    for param in command_at(path).params:
        if param.name in ("help",):
            continue
        args += draw(values_for(param))
    return args


def _state(disclose: Any) -> tuple[str, Any]:
    info = disclose.json("db", "info")
    return info["chain_head"], info["rows"]


@pytest.fixture
def seeded(disclose: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(tmp_path)  # files the fuzz writes (exports, backups) land here
    for args in SEED:
        disclose(*args)
    return disclose


@seed(20151231)
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=invocations())
def test_fuzz_every_command_exits_cleanly_and_refusals_write_nothing(
        seeded: Any, args: list[str]) -> None:
    before = _state(seeded)
    result = seeded.runner.invoke(seeded.app, args, catch_exceptions=True)
    shown = f"disclose {args!r}\nstdout: {result.stdout[:500]}\nstderr: {result.stderr[:500]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{shown}\nraised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2, 3), shown
    assert "Traceback" not in result.stderr, shown
    if result.exit_code in (1, 2):
        assert result.stderr.strip(), f"refused without a word: {shown}"
    if result.exit_code != 0:  # a refusal, or a report's exit 3: nothing written either way
        assert _state(seeded) == before, f"refused but wrote: {shown}"

"""The command line builds only the command it is asked for, and still knows all of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from qth_disclosure.cli import COMMANDS, app_for, build_app, listing_app, modules_for

ALL = list(dict.fromkeys(COMMANDS.values()))


@pytest.mark.parametrize(("argv", "modules"), [
    (["status", "--as-of", "2015-09-10"], ["status"]),
    # a global option's value is not the command, even when it looks like one
    (["--db", "status", "submit", "--agency", "czj"], ["deliverables"]),
    (["--lang", "zh", "--registry", "report", "db", "info"], ["db_cmd"]),
    (["request", "add"], ["applications_cmd"]),
    ([], ALL),
    (["--help"], ALL),
    (["statsu"], ALL),  # a typo needs every name for Click's suggestion
])
def test_modules_for_the_invocation(argv: list[str], modules: list[str]) -> None:
    assert modules_for(argv) == modules


@pytest.mark.parametrize("module", ALL)
def test_the_command_map_matches_what_each_module_registers(module: str) -> None:
    built = typer.main.get_command(build_app([module]))
    assert set(built.commands) == {  # type: ignore[attr-defined]
        name for name, owner in COMMANDS.items() if owner == module}


def test_the_full_app_has_every_mapped_command() -> None:
    built = typer.main.get_command(build_app())
    assert set(built.commands) == set(COMMANDS)  # type: ignore[attr-defined]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # the default ledger location, in tmp_path: it reads as empty before the first write
    env = {**{k: v for k, v in os.environ.items() if k != "DISCLOSE_DB"},
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "DISCLOSE_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "qth_disclosure", *args], env=env,
                          capture_output=True, text=True)


def test_a_whole_process_runs_the_command_after_global_options(tmp_path: Path) -> None:
    done = _run("--lang", "en", "status", "--as-of", "2015-09-10", "--format", "json",
                tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"as_of": "2015-09-10"' in done.stdout


def test_a_mistyped_command_is_refused_with_the_real_names(tmp_path: Path) -> None:
    done = _run("statsu", tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: no such command 'statsu'; did you mean stats, ")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", [
    ["status", "--as-of", "2015-09-10"], ["report", "--as-of", "2015-09-10"],
    ["lint", "--as-of", "2015-09-10"], ["agencies"], ["request", "list", "--as-of", "2015-09-10"],
    ["bulletin", "--month", "2015-08", "--as-of", "2015-09-10", "--preview"],
])
def test_cli_text_is_table_for_every_command(disclose, command: list[str]) -> None:
    """One format vocabulary: `text` (the word report, stats and bulletin took first) is
    `table` under another name, on every command."""
    table = disclose(*command, "--format", "table").stdout
    assert table and disclose(*command, "--format", "text").stdout == table


def test_cli_bulletin_json_is_the_document(disclose) -> None:
    shown = disclose.json("bulletin", "--month", "2015-08", "--as-of", "2015-09-10",
                          "--preview")
    text = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10",
                    "--preview").stdout
    assert (shown["number"], shown["month"], shown["issued"], shown["id"]) == (
        1, "2015-08", False, None)
    assert shown["text"] == text and shown["title"] in text.splitlines()
    assert shown["reference"] == "七政办函〔2015〕1号" and shown["facts"]["owed"] == 15


@pytest.mark.parametrize("args", [["--help"], [], ["statsu"], ["--db", "x"]])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_listing_app_shows_what_the_whole_app_shows(args: list[str], lang: str) -> None:
    """The root's help, a typo's suggestions and a missing command's error come from
    `listing_app` (no command module imported), word for word what every command built
    gives."""
    whole = CliRunner().invoke(build_app(), ["--lang", lang, *args])
    listed = CliRunner().invoke(listing_app(), ["--lang", lang, *args])
    assert (listed.exit_code, listed.output) == (whole.exit_code, whole.output)
    assert whole.output


@pytest.mark.parametrize("args", [["--help", "status"], ["-h", "db", "verify"]])
def test_the_roots_help_before_a_command_is_the_roots_whole_help(args: list[str]) -> None:
    whole = CliRunner().invoke(build_app(), ["--lang", "en", *args])
    asked = CliRunner().invoke(app_for(args), ["--lang", "en", *args])
    assert (asked.exit_code, asked.output) == (whole.exit_code, whole.output)
    assert "submit" in asked.output and "report" in asked.output


def test_the_listing_app_lists_the_commands_in_the_whole_apps_order() -> None:
    def listed(app: typer.Typer) -> list[str]:
        return list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

    assert listed(listing_app()) == listed(build_app())


@pytest.mark.parametrize("command", COMMANDS)
def test_an_invocation_builds_only_the_command_it_names(command: str) -> None:
    built = typer.main.get_command(app_for(["--lang", "en", command, "--help"]))
    assert list(built.commands) == [command]  # type: ignore[attr-defined]


def test_shell_completion_gets_every_command_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_DISCLOSE_COMPLETE", "complete_bash")
    built = typer.main.get_command(app_for([]))
    assert set(built.commands) == set(COMMANDS)  # type: ignore[attr-defined]
    assert built.commands["submit"].params  # type: ignore[attr-defined]

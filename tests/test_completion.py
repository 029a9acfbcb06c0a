"""`disclose --version`, and shell completion (Typer's) for bash, zsh and fish: the scripts,
and what the shell is offered after command names, --agency, --task and --month."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qth_disclosure import __version__


def _disclose(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A whole process, as the shell runs it when it asks for completions."""
    base = {k: v for k, v in os.environ.items() if k != "DISCLOSE_DB"}
    return subprocess.run(
        [sys.executable, "-c", "from qth_disclosure.cli import main; main()", *args],
        env={**base, "XDG_CACHE_HOME": str(tmp_path / "cache"),
             "XDG_DATA_HOME": str(tmp_path / "data"), **env},
        capture_output=True, text=True)


def _complete(shell: str, line: str, tmp_path: Path) -> list[str]:
    words = line.split(" ")
    env = {"_DISCLOSE_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    done = _disclose(tmp_path=tmp_path, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_completion_version(tmp_path: Path) -> None:
    done = _disclose("--version", tmp_path=tmp_path)
    assert (done.returncode, done.stdout) == (0, f"disclose {__version__}\n")


@pytest.mark.parametrize(("shell", "wanted"), [
    ("bash", "complete -o default -F _disclose_completion disclose"),
    ("zsh", "compdef _disclose_completion disclose"),
    ("fish", "complete --command disclose"),
])
def test_completion_script_for_each_shell(shell: str, wanted: str, tmp_path: Path) -> None:
    done = _disclose("--show-completion", shell, tmp_path=tmp_path,
                     _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert done.returncode == 0, done.stderr
    assert wanted in done.stdout and "_DISCLOSE_COMPLETE" in done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_agency_by_its_chinese_name(shell: str, tmp_path: Path) -> None:
    offered = _complete(shell, "disclose submit --agency 市财", tmp_path)
    assert any("市财政局" in line for line in offered), offered


@pytest.mark.parametrize(("line", "wanted"), [
    ("disclose sta", ["stats", "status"]),
    ("disclose request ex", ["explain", "extend"]),
    ("disclose status --agency cz", ["czj"]),
    ("disclose history --task K2", ["K2-1", "K2-2"]),
    ("disclose submit --month 2015-", ["2015-07", "2015-08", "2015-09", "2015-10",
                                       "2015-11"]),
    ("disclose --lang zh bulletin --month 2015-1", ["2015-10", "2015-11"]),
])
def test_completion_offers(line: str, wanted: list[str], tmp_path: Path) -> None:
    assert sorted(_complete("bash", line, tmp_path)) == wanted

"""The help and the README cannot drift from the commands: every command has a help text,
every option of every command is in its `--help` and in the README, and every group's
summary names its subcommands.

The README rule, per command `disclose PATH` (e.g. `disclose request extend`): an option
is documented when it appears in the README after an inline-code mention of
`` `disclose PATH `` and before the next `` `disclose `` on the same line, so a table row
documents the commands it names, and a row naming two (`pause`, `resume`) gives each only
its own part. The global options (`--registry`, `--db`, `--lang`) belong in the
introduction of README's "Commands" section; options many commands share (`--format`,
`--by`) may be documented once there instead of in every row. `--help` is Click's own;
hidden options (`stats --template-file`) are deliberately left out of both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from qth_disclosure.cli import build_app
from qth_disclosure.clitext import translate

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
INTRO = README.split("\n## Commands\n", 1)[1].split("\n| command |", 1)[0]
SHARED = ("--format", "--by")
ROOT = typer.main.get_command(build_app())
translate(ROOT, "en")  # what every run does before it parses: help from the catalogues


def _walk(command: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    for name, sub in getattr(command, "commands", {}).items():
        yield f"{path} {name}".strip(), sub
        yield from _walk(sub, f"{path} {name}")


COMMANDS = dict(_walk(ROOT))
GROUPS = [path for path, command in COMMANDS.items() if hasattr(command, "commands")]


def _options(command: Any) -> list[str]:
    return [o for p in command.params if p.param_type_name == "option" and not p.hidden
            for o in (*p.opts, *p.secondary_opts) if o.startswith("--")]


def _help(path: str) -> str:
    result = CliRunner().invoke(build_app(), [*path.split(), "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _named(option: str, text: str) -> bool:
    return re.search(rf"{re.escape(option)}(?![\w-])", text) is not None


def _mentions(path: str) -> list[str]:
    """Each README passage from `disclose PATH to the next `disclose on its line."""
    return re.findall(rf"`disclose {re.escape(path)}(?=[ `])(.*?)(?=`disclose |$)", README,
                      re.MULTILINE)


@pytest.mark.parametrize("path", COMMANDS)
def test_docs_command_options_in_help_and_readme(path: str) -> None:
    command, shown, mentions = COMMANDS[path], _help(path), _mentions(path)
    assert command.help and command.help.strip(), f"disclose {path} has no help text"
    assert mentions, f"README never names `disclose {path}`"
    for option in _options(command):
        assert _named(option, shown), f"disclose {path} --help does not show {option}"
        places = [*mentions, INTRO] if option in SHARED else mentions
        assert any(_named(option, text) for text in places), (
            f"README does not document {option} of `disclose {path}`")


def test_docs_global_options_in_help_and_readme() -> None:
    shown = _help("")
    assert ROOT.help and ROOT.help.strip()
    for option in _options(ROOT):
        assert _named(option, shown) and _named(option, INTRO), option


@pytest.mark.parametrize("group", GROUPS)
def test_docs_group_summary_names_every_subcommand(group: str) -> None:
    """Named by its name, or by the verb its own help starts with (`Register` for add)."""
    subs, summary = COMMANDS[group].commands, COMMANDS[group].help.lower()
    listed = re.findall(r"^  (\S+)", _help(group).split("\nCommands:\n", 1)[1], re.MULTILINE)
    assert listed == list(subs), f"disclose {group} --help lists {listed}"
    unnamed = [name for name, sub in subs.items()
               if not re.search(rf"\b({name}|{(sub.help or name).split()[0]})\b", summary, re.I)]
    assert unnamed == [], f"the summary of `disclose {group}` does not name {unnamed}"

"""Help pages and Click's own messages in the interface language, from the catalogues:
every command's --help differs between zh and en, holds none of Click's English in zh, fits
the terminal by display width; a usage error is one line naming the value and what is valid.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from qth_disclosure.cli import build_app
from qth_disclosure.clitext import language_for, translate, wrap
from qth_disclosure.i18n import catalogue
from qth_disclosure.output.plaintable import width

ROOT = typer.main.get_command(build_app())
translate(ROOT, "en")


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


COMMANDS = {" ".join(path): command for path, command in _walk(ROOT)}


def _run(*args: str, lang: str = "en", columns: int = 100) -> Any:
    return CliRunner().invoke(build_app(), ["--lang", lang, *args],
                              env={"COLUMNS": str(columns)})


def _help(path: str, lang: str, columns: int = 100) -> str:
    result = _run(*path.split(), "--help", lang=lang, columns=columns)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@pytest.mark.parametrize("path", COMMANDS)
def test_help_differs_between_the_languages(path: str) -> None:
    zh, en = _help(path, "zh"), _help(path, "en")
    assert zh != en
    assert en.startswith("Usage: disclose") and zh.startswith("用法：disclose")
    for english in ("Usage:", "Options:", "Commands:", "Arguments:", "Show this message",
                    "[default:", "[required]", "[OPTIONS]"):
        assert english not in zh, f"disclose {path} --help in zh says {english!r}"


@pytest.mark.parametrize("path", COMMANDS)
def test_help_every_text_is_in_both_catalogues(path: str) -> None:
    key = path.replace(" ", ".") or "disclose"
    command = COMMANDS[path]
    wanted = [f"cmd.{key}"] if not command.hidden else []
    for param in command.params:
        if param.hidden:
            continue
        kind = "opt" if param.param_type_name == "option" else "arg"
        longs = [o[2:] for o in param.opts if o.startswith("--")]
        name = longs[0] if longs else param.name
        wanted.append(next((k for k in (f"{kind}.{key}.{name}", f"{kind}.{name}")
                            if k in catalogue("en")), f"{kind}.{key}.{name}"))
    for lang in ("en", "zh"):
        assert [k for k in wanted if k not in catalogue(lang)] == [], lang


@pytest.mark.parametrize("columns", [80, 100, 160])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_fits_the_terminal(lang: str, columns: int) -> None:
    for path in COMMANDS:
        for line in _help(path, lang, columns).splitlines():
            # an option's own name may be longer than its column (the help beside it wraps),
            # and a path longer than a line keeps a line to itself
            if not line.lstrip().startswith("-") and len(line.split()) > 1:
                assert width(line) <= columns, f"disclose {path} --help: {line!r}"


def test_help_wrap_keeps_names_dates_and_document_numbers_whole() -> None:
    text = "一个单位：代码（czj）或方案中的名称（市财政局），依国办公开办函〔2021〕30号，" \
        "截至 2015-12-20 报送"
    for columns in range(14, 60):
        lines = wrap(text, columns)
        joined = "".join(line.strip() for line in lines)
        for whole in ("（市财政局），", "国办公开办函〔2021〕30号，", "2015-12-20"):
            assert any(whole in line for line in lines) or whole not in joined, (columns, lines)


@pytest.mark.parametrize(("args", "en", "zh"), [
    (["review", "1", "--accept"], "error: missing option --comment (",
     "错误：缺少选项 --comment（"),
    (["inspect", "--agency", "czj", "--date", "2015-12-01"],
     "error: missing option --verdict; use one of: pass, fail, rectify",
     "错误：缺少选项 --verdict；可选：pass, fail, rectify"),
    (["submit", "--kind", "foo"], "error: --kind 'foo' is not valid; use one of: plan, "
     "summary", "错误：--kind 'foo' 无效；可选：plan, summary"),
    (["submit", "--agenc", "czj"], "error: no such option --agenc; did you mean --agency",
     "错误：没有选项 --agenc，可能是 --agency"),
    (["report", "--within", "999"], "error: --within 999 is out of range; use 0 to 366",
     "错误：--within 999 超出范围；请用 0 至 366"),
    (["report", "--within", "x"], "error: --within 'x' is not a whole number",
     "错误：--within 'x' 不是整数"),
    (["report", "extra"], "error: unexpected extra argument(s): extra", "错误：多余的参数：extra"),
    (["request", "show"], "error: missing ID (Application number)", "错误：缺少 ID（申请编号）"),
    (["statsu"], "error: no such command 'statsu'; did you mean stats",
     "错误：没有命令 'statsu'，可能是 stats"),
])
def test_help_usage_errors_are_one_line_in_the_language(args: list[str], en: str,
                                                        zh: str) -> None:
    for lang, wanted in (("en", en), ("zh", zh)):
        result = _run(*args, lang=lang)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(wanted), result.stderr


@pytest.mark.parametrize(("argv", "env", "lang"), [
    (["--lang", "zh", "--help"], {}, "zh"),
    (["--lang=zh", "status"], {"DISCLOSE_LANG": "en"}, "zh"),
    (["status", "--help"], {"DISCLOSE_LANG": "zh"}, "zh"),
    (["--help"], {"LANG": "zh_CN.UTF-8"}, "zh"),
    (["--lang", "xx"], {"LANG": "zh_CN.UTF-8"}, "zh"),  # the parse refuses xx, in Chinese
    (["--help"], {}, "en"),
])
def test_help_language_of_an_invocation(monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                        env: dict[str, str], lang: str) -> None:
    for var in ("DISCLOSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert language_for(argv) == lang

"""Hostile output: no locale's encoding crashes a command, no stored text steers a terminal
or breaks an error line, no terminal width hides a table's rows."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qth_disclosure.cli import build_app
from qth_disclosure.errors import InputError, Problem
from qth_disclosure.escapes import UNSAFE
from qth_disclosure.output.render import Cell, Line, Table, Verbatim, dump_json, render_document

# ESC and a C1 CSI (both start terminal commands), DEL, a bidi override, a zero-width space,
# a line separator, and a mark that GBK, Latin-1 and ASCII lack
HOSTILE = "公开\x1b[2J\x9b31m\x7f\u202eevil\u200b\u2028✓"
# what may never reach a stream raw (the newline, which lays lines out, aside)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u200b\u202e\ud800-\udfff]")
AS_OF = ["--as-of", "2015-09-10"]
COMMANDS = {"status": ["status", *AS_OF], "history": ["history"], "report": ["report", *AS_OF]}
BULLETIN = ["bulletin", "--month", "2015-08", "--preview", *AS_OF]


@pytest.fixture
def hostile(disclose: Any) -> Any:
    """A ledger whose summary and review comment hold HOSTILE."""
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28", summary=HOSTILE)
    disclose("review", "1", "--return", "--comment", HOSTILE, "--date", "2015-09-01")
    return disclose


def run_in(disclose: Any, encoding: str, *args: str, code: int = 0) -> Any:
    """`disclose ARGS` with stdout and stderr in `encoding` (strict, as a real locale is)."""
    disclose.runner = CliRunner(charset=encoding)
    return disclose(*args, code=code)


@pytest.mark.parametrize("encoding", ["gbk", "latin-1", "ascii"])
@pytest.mark.parametrize("command", COMMANDS)
def test_output_every_format_fits_the_encoding(hostile: Any, encoding: str,
                                               command: str) -> None:
    for fmt in ("table", "markdown", "csv", "json"):
        out = run_in(hostile, encoding, *COMMANDS[command], "--format", fmt).stdout_bytes
        out.decode(encoding)  # strict: every byte is the stream's own
    rows = json.loads(run_in(hostile, encoding, "history", "--format", "json").stdout)
    assert rows[0]["summary"] == HOSTILE  # JSON escapes what the stream lacks, exactly


@pytest.mark.parametrize(("encoding", "lang", "legend"), [
    ("gbk", "zh", "图例：√ 按时  迟 逾期  缺 未报"),  # GBK has √ and ×, not ✓ and ✗
    ("latin-1", "en", "Legend: + on time  L late  × missing"),
    ("ascii", "en", "Legend: + on time  L late  x missing"),
])
def test_output_marks_degrade_to_what_the_encoding_has(disclose: Any, encoding: str,
                                                       lang: str, legend: str) -> None:
    out = run_in(disclose, encoding, "--lang", lang, "status", *AS_OF).stdout_bytes
    assert legend in out.decode(encoding)


def test_output_columns_stay_aligned_when_text_is_escaped(disclose: Any) -> None:
    """Cells are fitted before they are measured: 市财政局 shown as \\u escapes in ASCII
    takes 24 columns, not the 8 it takes on a Chinese terminal."""
    out = run_in(disclose, "ascii", "status", *AS_OF).stdout
    lines = out.split("Monthly reports")[1].splitlines()[1:5]
    header, rows = lines[0], lines[2:]
    assert "\\u5e02\\u8d22\\u653f\\u5c40" in out
    assert all(row.index("K") == header.index("task") for row in rows), lines


def test_output_error_lines_fit_the_encoding(disclose: Any) -> None:
    result = run_in(disclose, "ascii", "--lang", "zh", "status", "--agency", "市财", code=1)
    assert result.stderr_bytes.decode("ascii").startswith("\\u9519\\u8bef:")


@pytest.mark.parametrize(("value", "shown"), [
    ("x\x1b[2J\ny", "x\\x1b[2J\\ny"),
    ("\u202eevil", "\\u202eevil"),
    ("\x9b31m\x7f", "\\x9b31m\\x7f"),
])
def test_output_error_line_is_one_line_with_visible_escapes(disclose: Any, value: str,
                                                            shown: str) -> None:
    err = disclose("export", "--out", f"{value}.txt", code=1).stderr
    assert err.count("\n") == 1 and f"cannot export to {shown}.txt:" in err
    assert not RAW.search(err.removesuffix("\n"))


def test_output_a_byte_that_was_not_utf8_is_refused_in_one_visible_line(disclose: Any) -> None:
    # a byte that was not UTF-8, as surrogateescape hands it over: refused before use
    err = disclose("export", "--out", "\udcff.txt", code=1).stderr
    assert err.count("\n") == 1 and "--out holds bytes that are not UTF-8" in err
    assert "\\xff" in err and not RAW.search(err.removesuffix("\n"))


@pytest.mark.parametrize("error", [
    InputError("bad_export_suffix", value="a\x1b[2J\nb", valid=".csv"),
    Problem("tasks.yaml", 3, "not_text", {"where": "a\x1b[2J\nb"}),
])
def test_output_error_messages_are_one_line_wherever_they_are_shown(
        error: InputError | Problem) -> None:
    """`check` prints a registry's problems on stdout, not through the CLI's handler."""
    for lang in ("en", "zh"):
        assert "a\\x1b[2J\\nb" in error.message(lang) and not RAW.search(error.message(lang))


@pytest.mark.parametrize("args", [
    [*command, "--format", fmt] for command in [*COMMANDS.values(), BULLETIN, ["lint"]]
    for fmt in ("table", "json", "markdown")
] + [["history", "--format", "csv"]], ids=" ".join)
def test_output_stored_text_never_carries_a_control(hostile: Any, args: list[str]) -> None:
    assert not RAW.search(hostile(*args).stdout)


def test_output_bulletin_escapes_the_comment_it_quotes(hostile: Any) -> None:
    """Escaped where it enters the document, so the text issued and stored is safe too."""
    quoted = "（退回意见：公开\\x1b[2J\\x9b31m\\x7f\\u202eevil\\u200b\\u2028✓）"
    assert quoted in hostile(*BULLETIN).stdout
    assert quoted in hostile.json(*BULLETIN)["text"]


@pytest.mark.parametrize("value", ["\x7f", "\x85", "\x9b", "\u2028", "\u202e", "\ufeff",
                                   "\U000e0041", "\udcff"])
def test_output_json_escapes_what_json_dumps_passes_raw(value: str) -> None:
    out = io.StringIO()
    dump_json({"summary": f"a{value}b"}, out)
    assert value not in out.getvalue()
    assert json.loads(out.getvalue()) == {"summary": f"a{value}b"}


def test_output_verbatim_documents_are_escaped_but_keep_their_lines() -> None:
    """A bulletin issued before the bulletin escaped its comments is shown safely too."""
    out = io.StringIO()
    render_document([Verbatim("通报\n意见：\x1b[2J\x9b\u202e\n")], "table", out)
    assert out.getvalue() == "通报\n意见：\\x1b[2J\\x9b\\u202e\n"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", ["0", "1", "2", "3", "8", "12", "30"])
def test_output_table_shows_its_rows_on_a_terminal_of_any_width(
        monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", columns)
    out = FakeTerminal()
    rows = [["市人力资源和社会保障局", "K5-4", Cell("缺", "bad")], ["市财政局", "K2-1", "✓"]]
    render_document([Line.of("截至2015-09-10"), Table(["单位", "任务", "状态"], rows)],
                    "table", out)
    shown = re.sub(r"\x1b\[[0-9;]*m|\s", "", out.getvalue())
    # folded to the width or not, not one character of a cell is lost
    cells = "截至2015-09-10" + "".join(c if isinstance(c, str) else c.text for r in rows for c in r)
    assert Counter(cells) <= Counter(shown), out.getvalue()


def test_output_unsafe_covers_every_control_and_format_character() -> None:
    kinds = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if unicodedata.category(chr(code)) in kinds and not UNSAFE.match(chr(code))]
    assert missed == []


# ---------------------------------------------------------------- whole processes


@pytest.fixture
def sqlite_ledger() -> None:
    """One report in the test's own SQLite ledger (DISCLOSE_DB is set for every test): what
    the whole-process tests check is a process's streams, which no backend changes."""
    for args in (["db", "init"],
                 ["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
                  "--received", "2015-08-28", "--summary", "公开了本月信息"]):
        result = CliRunner().invoke(build_app(), args)
        assert result.exit_code == 0, result.stderr


def _process(args: list[str | bytes], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "qth_disclosure", *args],
                          env={**os.environ, "DISCLOSE_LANG": "zh", **env},
                          capture_output=True, check=False)


def _has_locale(name: str) -> bool:
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    return name.lower().replace("-", "") in listed.stdout.lower().replace("-", "").split()


@pytest.mark.parametrize(("env", "encoding", "mark"), [
    pytest.param({"LC_ALL": "zh_CN.GBK"}, "gbk", "√", marks=pytest.mark.skipif(
        not _has_locale("zh_CN.gbk"),
        reason="no zh_CN.GBK locale (Debian: apt-get install locales; "
        "localedef -i zh_CN -f GBK zh_CN.GBK)")),
    # the C locale, with Python's coercion to UTF-8 turned off: ASCII
    ({"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}, "ascii", "+"),
    ({"PYTHONIOENCODING": "gbk"}, "gbk", "√"),
])
def test_output_a_whole_process_in_a_locale_that_is_not_utf8(
        sqlite_ledger: None, env: dict[str, str], encoding: str, mark: str) -> None:
    done = _process(["status", *AS_OF], env)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert f"{mark} " in done.stdout.decode(encoding)


def test_output_a_value_that_was_not_utf8_is_printed_not_crashed_on(
        sqlite_ledger: None, tmp_path: Path) -> None:
    """A file name typed with a byte that is not UTF-8 reaches the process as a lone
    surrogate, which a UTF-8 stream refuses: it is refused in one line that shows the byte
    as an escape, never a traceback, and nothing is written."""
    done = _process([b"export", b"--out", os.fsencode(tmp_path) + b"/\xff.csv"],
                    {"LC_ALL": "C.UTF-8", "DISCLOSE_LANG": "en"})
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr
    assert b"\\xff at character" in done.stderr and done.stderr.count(b"\n") == 1
    assert list(tmp_path.glob("*.csv")) == []

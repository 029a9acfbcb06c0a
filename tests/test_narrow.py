"""Every table command on a real terminal of 80, 100 and 160 columns, in both languages:
no line wider than the terminal, no date and no unit's name broken across lines.

The commands run in a child process whose stdout is a pseudo-terminal with its window
size set, so that Rich sees a terminal as a user's shell gives it; what they print there is
compared with what they print into a pipe, which is never cut to a width.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qth_disclosure.cli import build_app
from qth_disclosure.output.plaintable import width
from qth_disclosure.registry import load_registry, shipped_registry_dir

COMMANDS = [
    ["status", "--as-of", "2015-10-05"],
    ["history"],
    ["report", "--as-of", "2015-10-05"],
    ["lint", "--as-of", "2015-10-05"],
    ["stats", "--year", "2015", "--template", "2021"],
    ["stats", "--year", "2015", "--template", "2014"],
    ["agencies"],
    ["tasks"],
    ["request", "list", "--as-of", "2015-10-05"],
    ["request", "show", "1"],
    ["request", "explain", "2"],
    ["bulletin", "--list"],
    ["todo", "--agency", "czj", "--as-of", "2015-10-05"],
    ["db", "info"],
    ["db", "roster"],
    ["score", "--as-of", "2015-10-05"],
    ["score", "--as-of", "2015-10-05", "--explain", "--agency", "rsj"],
    ["rank", "--as-of", "2015-10-05"],
]
WIDTHS = [80, 100, 160]
SEPARATOR = "\x1e"  # between two commands' outputs
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}(?:-\d{2})?(?![\d-])")
# a piece of a date: a year and a dash, or a dash and a month, with the rest elsewhere
BROKEN_DATE = re.compile(r"(?<![\w-])(?:\d{4}-(?!\d{2})|\d{4}-\d{2}-(?!\d{2})"
                         r"|-\d{2}(?:-\d{2})?(?![\d-]))")

DRIVER = f"""
import json, sys
from qth_disclosure.cli import build_app
app = build_app()
for args in json.loads(sys.argv[1]):
    sys.stdout.write({SEPARATOR!r} + "\\n")
    sys.stdout.flush()
    app(args, prog_name="disclose", standalone_mode=False)
    sys.stdout.flush()
"""


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A ledger with something in every table: reports on time, late and returned, plans,
    an inspection, applications extended, paused, answered and charged a fee, an issued
    bulletin."""
    home = tmp_path_factory.mktemp("narrow")
    location = str(home / "ledger.sqlite3")
    env = {"DISCLOSE_DB": location, "DISCLOSE_LANG": "en", "XDG_CACHE_HOME": str(home),
           "XDG_DATA_HOME": str(home)}
    steps = [["db", "init"]]
    for n, (agency, task) in enumerate([("szfb", "K1"), ("czj", "K2-1"), ("jtj", "K4-2"),
                                        ("wjw", "K5-4"), ("rsj", "K5-4")]):
        for month, received in (("2015-07", "2015-07-28"), ("2015-08", f"2015-09-0{n + 1}")):
            steps.append(["submit", "--agency", agency, "--task", task, "--month", month,
                          "--received", received, "--link", "http://www.qth.gov.cn/x/1",
                          "--summary", f"公开了{month}月{task}相关信息共计{n + 3}条，含政策解读"])
    steps += [
        ["submit", "--agency", "czj", "--kind", "plan", "--received", "2015-07-27",
         "--summary", "市财政局部门方案，明确了公开事项和责任人"],
        ["review", "2", "--return", "--comment", "未附链接，请补充", "--date", "2015-09-02"],
        ["inspect", "--agency", "czj", "--verdict", "pass", "--date", "2015-09-20"],
        ["request", "add", "--agency", "czj", "--received", "2015-09-10",
         "--subject", "2014年度财政预算执行情况", "--applicant", "张三"],
        ["request", "add", "--agency", "wjw", "--received", "2015-09-14",
         "--subject", "某医院收费标准"],
        ["request", "add", "--agency", "czj", "--received", "2015-09-20",
         "--subject", "三公经费明细"],
        ["request", "fee", "1", "--date", "2015-09-25", "--amount", "12.5", "--item", "copy",
         "--item", "post"],
        ["request", "extend", "1", "--date", "2015-09-30", "--approved-by", "办公室主任"],
        ["request", "pause", "2", "--date", "2015-09-18", "--why", "clarify"],
        ["request", "resume", "2", "--date", "2015-09-25"],
        ["request", "answer", "3", "--date", "2015-09-28", "--outcome", "not_held",
         "--reason", "本机关不掌握", "--basis", "条例第二十一条"],
        ["bulletin", "--month", "2015-08", "--as-of", "2015-09-10"],
    ]
    app = build_app()
    for args in steps:
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return location


def _env(ledger: str, lang: str) -> dict[str, str]:
    # the test's own environment (its cache and data directories), but not its width
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    return {**env, "DISCLOSE_DB": ledger, "DISCLOSE_LANG": lang, "TERM": "xterm-256color",
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}


def _outputs(text: str) -> list[str]:
    parts = text.replace("\r\n", "\n").split(SEPARATOR + "\n")
    assert len(parts) == len(COMMANDS) + 1, text[-2000:]
    return parts[1:]


def _piped(ledger: str, lang: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(COMMANDS)],
                          env=_env(ledger, lang), capture_output=True, check=True)
    return _outputs(done.stdout.decode())


def _on_terminal(ledger: str, lang: str, columns: int) -> list[str]:
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    child = subprocess.Popen([sys.executable, "-c", DRIVER, json.dumps(COMMANDS)],
                             stdin=follower, stdout=follower, stderr=subprocess.PIPE,
                             env=_env(ledger, lang))
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal: Linux says EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert child.wait() == 0, child.stderr.read() if child.stderr else ""
    return _outputs(ESCAPES.sub("", b"".join(chunks).decode()))


def _names() -> list[str]:
    registry = load_registry(shipped_registry_dir())
    return [n for a in registry.agencies for n in (a.name, a.full_name)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_narrow_tables_keep_dates_and_names_whole(ledger: str, lang: str) -> None:
    piped = _piped(ledger, lang)
    names = _names()
    for columns in WIDTHS:
        shown = _on_terminal(ledger, lang, columns)
        for args, plain, out in zip(COMMANDS, piped, shown, strict=True):
            where = f"disclose {' '.join(args)} at {columns} columns ({lang})\n{out}"
            assert out.strip(), where
            assert max(width(line) for line in out.splitlines()) <= columns, where
            assert BROKEN_DATE.findall(out) == [], where
            # every date and every name the pipe shows whole, the terminal shows whole too
            wanted = Counter(DATE.findall(plain))
            assert wanted - Counter(DATE.findall(out)) == Counter(), where
            for name in names:
                assert out.count(name) >= plain.count(name), (name, where)

"""Hostile input, option by option: every value refused in one line, nothing written, the
ledger still readable afterwards; and every write's consequences counted before it commits."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from qth_disclosure import calendar
from qth_disclosure.core import intake
from qth_disclosure.errors import InputError

SUBMIT = ["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08", "--received",
          "2015-08-28", "--summary", "公开了8月预算执行情况"]
ADD = ["request", "add", "--agency", "czj", "--received", "2015-09-25", "--subject",
       "2015年部门预算"]
READINGS = (["status"], ["report"], ["request", "list"], ["history"])


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the files named below, should one be written by mistake


def refused(disclose, ledger_rows, *args: str, code: int = 1) -> str:
    """Run a command that must be refused: its one-line error, after checking that nothing
    was written and that every reading of the ledger still works."""
    before = ledger_rows()
    result = disclose(*args, code=code)
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    assert ledger_rows() == before
    for reading in READINGS:
        disclose(*reading)
    return str(result.stderr)


# ---------------------------------------------------------------- consequences before commit


@pytest.fixture
def calendar_end(monkeypatch: pytest.MonkeyPatch) -> int:
    """Today is the last day the working-day calendar covers; its year."""
    year = calendar.covered_years()[1]
    monkeypatch.setattr(calendar, "today", lambda tz: date(year, 12, 31))
    return year


ON_NOV_20 = ["request", "add", "--agency", "czj", "--received", "{y}-11-20", "--subject", "预算"]
PAST_THE_CALENDAR = {  # what is recorded first, then a write whose deadline falls past it
    "add": ([], ["request", "add", "--agency", "czj", "--received", "{y}-12-20",
                 "--subject", "预算"]),
    "extend": ([ON_NOV_20], ["request", "extend", "1", "--date", "{y}-12-10",
                             "--approved-by", "主任", "--notified-by", "mail"]),
    "resume": ([ON_NOV_20, ["request", "pause", "1", "--date", "{y}-11-23", "--why", "clarify"]],
               ["request", "resume", "1", "--date", "{y}-12-21"]),
}


@pytest.mark.parametrize("case", PAST_THE_CALENDAR)
def test_request_write_past_the_calendar_refused(disclose, ledger_rows, calendar_end: int,
                                                 case: str) -> None:
    steps, write = PAST_THE_CALENDAR[case]
    for step in steps:
        disclose(*[arg.format(y=calendar_end) for arg in step])
    error = refused(disclose, ledger_rows, *[arg.format(y=calendar_end) for arg in write])
    assert f"{calendar_end}-12-" in error and "would leave a deadline that cannot be counted"
    assert f"does not cover {calendar_end + 1}" in error and error.endswith("nothing recorded\n")


def test_request_resume_years_later_refused(disclose, ledger_rows, monkeypatch) -> None:
    disclose(*ADD)
    disclose("request", "pause", "1", "--date", "2015-09-28", "--why", "clarify")
    monkeypatch.setattr(calendar, "today", lambda tz: date(2019, 6, 1))
    error = refused(disclose, ledger_rows, "request", "resume", "1", "--date", "2019-01-02")
    assert "--date 2019-01-02 would leave a deadline" in error
    assert "no due date within three years" in error


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("number", ["2147483647", "2147483648", "99999999999999999999"])
@pytest.mark.parametrize("command", [
    ["review", "{n}", "--accept", "--comment", "好", "--date", "2015-09-01"],
    ["request", "show", "{n}"],
    ["request", "explain", "{n}"],
    ["request", "answer", "{n}", "--date", "2015-10-08", "--outcome", "disclosed"],
], ids=["review", "show", "explain", "answer"])
def test_ids_beyond_any_row_are_unknown(disclose, ledger_rows, command: list[str],
                                        number: str) -> None:
    disclose(*SUBMIT)
    disclose(*ADD)
    error = refused(disclose, ledger_rows, *[arg.format(n=number) for arg in command])
    assert f"no {'submission' if command[0] == 'review' else 'application'} #{number} " in error


@pytest.mark.parametrize(("number", "code"), [("2147483647", 0), ("2147483648", 2),
                                              ("1180591620717411303424", 2)])
def test_bulletin_number_fits_every_backend(disclose, ledger_rows, number: str,
                                            code: int) -> None:
    args = ["bulletin", "--month", "2015-08", "--as-of", "2015-09-10", "--number", number]
    if code:
        assert "--number" in disclose(*args, code=code).stderr and ledger_rows() == {}
    else:
        disclose(*args)
        assert [b["number"] for b in disclose.json("bulletin", "--list")] == [int(number)]


def test_bulletin_after_the_largest_number_refused(disclose, ledger_rows) -> None:
    disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10", "--number", "2147483647")
    error = refused(disclose, ledger_rows, "bulletin", "--month", "2015-09", "--as-of",
                    "2015-10-10")
    assert "the next bulletin would be No. 2147483648, past the largest" in error


@pytest.mark.parametrize("days", ["0", "16", "1180591620717411303424"])
def test_request_extend_working_days_outside_the_law(disclose, ledger_rows, days: str) -> None:
    disclose(*ADD)
    error = refused(disclose, ledger_rows, "request", "extend", "1", "--date", "2015-10-08",
                    "--approved-by", "主任", "--working-days", days)
    assert f"--working-days {days} is outside 1..15" in error  # 0 is not "the default"


# ---------------------------------------------------------------- what no value may hold

EVERY_OPTION = [  # a command with {v} where the hostile value goes, and the option named
    ([*SUBMIT[:-1], "{v}"], "--summary"),
    (["submit", "--agency", "{v}", "--kind", "plan", "--summary", "方案"], "--agency"),
    (["submit", "--agency", "czj", "--task", "{v}", "--month", "2015-08", "--summary", "s"],
     "--task"),
    (["submit", "--agency", "czj", "--task", "K2-1", "--month", "{v}", "--summary", "s"],
     "--month"),
    ([*SUBMIT, "--received", "{v}"], "--received"),
    ([*SUBMIT, "--link", "https://a.example/{v}"], "--link"),
    ([*SUBMIT, "--by", "{v}"], "--by"),
    (["inspect", "--agency", "czj", "--verdict", "pass", "--date", "2016-01-10", "--note",
      "{v}"], "--note"),
    (["review", "1", "--return", "--comment", "{v}"], "--comment"),
    (["history", "--agency", "{v}"], "--agency"),
    (["status", "--as-of", "{v}"], "--as-of"),
    (["lint", "--month", "{v}"], "--month"),
    (["bulletin", "--month", "{v}"], "--month"),
    (["export", "--out", "{v}.json"], "--out"),
    (["stats", "--year", "2015", "--agency", "{v}"], "--agency"),
    ([*ADD[:-1], "{v}"], "--subject"),
    ([*ADD, "--applicant", "{v}"], "--applicant"),
    (["request", "answer", "1", "--date", "2015-10-08", "--outcome", "not_held", "--reason",
      "{v}", "--basis", "b"], "--reason"),
    (["request", "extend", "1", "--date", "2015-10-08", "--approved-by", "{v}"],
     "--approved-by"),
    (["stats", "--year", "2015", "--template-file", "{v}.yaml"], "--template-file"),
    (["--db", "{v}.sqlite3", "status"], "--db"),
    (["--registry", "{v}", "agencies"], "--registry"),
]


@pytest.mark.parametrize(("args", "option"), EVERY_OPTION,
                         ids=[f"{a[0]}{o}" for a, o in EVERY_OPTION])
def test_nul_and_undecodable_bytes_refused_everywhere(disclose, ledger_rows, args: list[str],
                                                      option: str) -> None:
    # "\udcff" is how Python hands over an argument byte 0xff that is not UTF-8
    for value, words in (("ok\udcff", "holds bytes that are not UTF-8 text (\\xff at"),
                         ("ok\x00", "holds a NUL character (at character")):
        error = refused(disclose, ledger_rows, *[arg.replace("{v}", value) for arg in args])
        assert error.startswith(f"error: {option} {words}"), error


@pytest.mark.parametrize("check", [intake.text, intake.name])
@pytest.mark.parametrize(("value", "key"), [("a\x00b", "text_nul"), ("a\udcffb", "text_not_utf8"),
                                            ("a\ud800b", "text_not_utf8")])
def test_intake_refuses_what_no_ledger_holds(check, value: str, key: str) -> None:
    # the core's own guard, for callers other than the command line (an import, say)
    with pytest.raises(InputError) as caught:
        check(value, "--summary")
    assert (caught.value.key, caught.value.params["position"]) == (key, 2)


TEXT_OPTIONS = [  # a command with {v}; the limit; the refusal of a blank value (if refused)
    ([*SUBMIT[:-1], "{v}"], 20_000, "--summary is empty"),
    ([*SUBMIT, "--by", "{v}"], 200, "--by is empty"),
    (["review", "1", "--return", "--comment", "{v}", "--date", "2015-09-01"], 20_000,
     "--comment is empty"),
    (["inspect", "--agency", "czj", "--verdict", "pass", "--date", "2016-01-10", "--note",
      "{v}"], 20_000, None),
    ([*ADD[:-1], "{v}"], 20_000, "--subject is empty"),
    ([*ADD, "--applicant", "{v}"], 200, None),
    (["request", "answer", "1", "--date", "2015-10-08", "--outcome", "not_held", "--reason",
      "经检索没有", "--basis", "{v}"], 20_000, "needs --reason and --basis"),
    (["request", "extend", "1", "--date", "2015-10-08", "--approved-by", "{v}"], 200,
     "--approved-by is empty"),
]


@pytest.mark.parametrize(("args", "limit", "blank"), TEXT_OPTIONS,
                         ids=[a[a.index("{v}") - 1] for a, _, _ in TEXT_OPTIONS])
def test_text_options_at_and_over_the_limit(disclose, ledger_rows, args: list[str], limit: int,
                                            blank: str | None) -> None:
    disclose(*SUBMIT)
    disclose(*ADD)
    option = args[args.index("{v}") - 1]
    over = refused(disclose, ledger_rows, *[a.replace("{v}", "长" * (limit + 1)) for a in args])
    assert f"{option} is {limit + 1} characters; the limit is {limit}" in over
    if blank is not None:  # spaces, and characters that show nothing (zero-width, BOM)
        for nothing in (" \t\n ", "\u200b\ufeff\u3000"):
            assert blank in refused(disclose, ledger_rows, *[a.replace("{v}", nothing)
                                                             for a in args])
    disclose(*[a.replace("{v}", "长" * limit) for a in args])


@pytest.mark.parametrize(("option", "value"), [("--by", "王\n芳"), ("--by", "王芳\x1b[2J"),
                                               ("--by", "evil\u202eevil"),
                                               ("--approved-by", "主任\t签字")])
def test_names_are_one_line(disclose, ledger_rows, option: str, value: str) -> None:
    disclose(*ADD)
    error = refused(disclose, ledger_rows, "request", "extend", "1", "--date", "2015-10-08",
                    "--approved-by", "主任", option, value)
    assert f"{option} holds a control character" in error


EMPTY_GIVEN = [  # an option given with an empty value is a bad value, not "left out"
    ([*SUBMIT, "--received", ""], "--received ''"),
    ([*SUBMIT[:-2], "--by", "", "--summary", "s"], "--by is empty"),
    (["submit", "--agency", "czj", "--task", "", "--month", "2015-08", "--summary", "s"],
     "unknown task ''"),
    (["submit", "--agency", "czj", "--task", "K2-1", "--month", "", "--summary", "s"],
     "--month ''"),
    (["status", "--as-of", ""], "--as-of ''"),
    (["status", "--agency", ""], "unknown agency ''"),
    (["history", "--agency", ""], "unknown agency ''"),
    (["history", "--task", ""], "unknown task ''"),
    (["history", "--month", ""], "--month ''"),
    (["lint", "--month", ""], "--month ''"),
    (["tasks", "--agency", ""], "unknown agency ''"),
    (["stats", "--year", "2015", "--agency", ""], "unknown agency ''"),
    (["request", "list", "--agency", ""], "unknown agency ''"),
    (["request", "list", "--as-of", ""], "--as-of ''"),
]


@pytest.mark.parametrize(("args", "words"), EMPTY_GIVEN, ids=[w for _, w in EMPTY_GIVEN])
def test_empty_values_refused(disclose, ledger_rows, args: list[str], words: str) -> None:
    disclose(*SUBMIT)
    assert words in refused(disclose, ledger_rows, *args)


# ---------------------------------------------------------------- dates and months

FAR_AWAY = [
    (["status", "--as-of", "0001-01-01"], "--as-of '0001-01-01'"),
    (["report", "--as-of", "0001-01-01"], "--as-of '0001-01-01'"),
    (["bulletin", "--month", "2015-08", "--as-of", "0001-01-01", "--preview"], "--as-of"),
    (["export", "--out", "x.json", "--as-of", "1899-12-31"], "--as-of '1899-12-31'"),
    (["request", "list", "--as-of", "0001-01-01"], "--as-of"),
    (["inspect", "--agency", "czj", "--verdict", "pass", "--date", "9999-12-31"], "--date"),
    ([*SUBMIT, "--received", "0001-01-01"], "--received"),
    (["submit", "--agency", "czj", "--task", "K2-1", "--month", "0000-01", "--summary", "s"],
     "--month '0000-01'"),
    (["history", "--month", "9999-12"], "--month '9999-12'"),
    (["lint", "--month", "3000-01"], "--month '3000-01'"),
]


@pytest.mark.parametrize(("args", "words"), FAR_AWAY, ids=[" ".join(a[:1] + a[-2:])
                                                           for a, _ in FAR_AWAY])
def test_dates_far_away_refused(disclose, ledger_rows, args: list[str], words: str) -> None:
    error = refused(disclose, ledger_rows, *args)
    assert words in error and "use a year from 1900 to 2999" in error


# full-width digits (U+FF10..U+FF19), as a Chinese input method may type them
@pytest.mark.parametrize("value", ["\uff12\uff10\uff11\uff15-\uff10\uff18", "2015-\uff108"])
def test_month_digits_are_ascii(disclose, ledger_rows, value: str) -> None:
    error = refused(disclose, ledger_rows, *SUBMIT[:6], value, "--summary", "s")
    assert f"--month '{value}' is not a month; use YYYY-MM" in error


# ---------------------------------------------------------------- links

BAD_LINKS = [
    ("http://[::1", "names no valid host"), ("https://a b/", "holds ' '"),
    ("http://", "names no valid host"), ("https:///path", "names no valid host"),
    ("http://a.example:99999/", "names no valid host (or port)"),
    ("http://a.example:x/", "names no valid host (or port)"),
    ("http://-a.example/", "names no valid host"), ("https://a..example/", "names no valid host"),
    ("https://a.example/<script>", "holds '<'"), ("https://a.example/\u202eexe.gpj", "'\\u202e'"),
    ("https://a.example/公开\u3000目录", "'\\u3000'"), ("mailto:office@qth.gov.cn", "use http://"),
    ("https://a.example/" + "x" * 2_048, "the limit is 2048"),
]


@pytest.mark.parametrize(("link", "words"), BAD_LINKS, ids=[w for _, w in BAD_LINKS])
def test_submit_bad_link_refused(disclose, ledger_rows, link: str, words: str) -> None:
    assert words in refused(disclose, ledger_rows, *SUBMIT, "--link", link)


def test_submit_links_as_published(disclose) -> None:
    links = ["http://[::1]:8080/k2", "https://中文.中国/公开/2015年", "HTTPS://WWW.QTH.GOV.CN/",
             "https://www.qth.gov.cn/a?b=1&c=%E4%BD%A0#part", "http://10.0.0.1/czj_2015"]
    disclose(*SUBMIT, *[arg for link in links for arg in ("--link", link)])
    assert disclose.json("history")[0]["links"] == links


def test_submit_too_many_links_refused(disclose, ledger_rows) -> None:
    many = [arg for n in range(51) for arg in ("--link", f"https://a.example/{n}")]
    assert "51 links given; the limit is 50" in refused(disclose, ledger_rows, *SUBMIT, *many)


# ---------------------------------------------------------------- output and files


def test_request_explain_csv_one_row_a_day(disclose) -> None:
    disclose(*ADD)
    lines = disclose("request", "explain", "1", "--format", "csv").stdout.splitlines()
    assert lines[0] == "day,weekday,kind,name,counted,note"
    assert lines[1].startswith("2015-09-25,fri,workday,,,") and lines[-1].startswith(
        "2015-10-22,thu,workday,,15,")


@pytest.mark.parametrize("where", ["{long}/x.json", "{long}.json"], ids=["dir", "file"])
def test_export_name_too_long(disclose, ledger_rows, tmp_path: Path, where: str) -> None:
    out = str(tmp_path / where.format(long="长" * 100))  # 300 bytes: past NAME_MAX
    error = refused(disclose, ledger_rows, "export", "--out", out)
    assert error == f"error: could not write {out}: File name too long; nothing written\n"


def test_export_full_disk_says_so_once(disclose, tmp_path: Path, monkeypatch) -> None:
    disclose(*SUBMIT)
    out = tmp_path / "out"
    out.mkdir()

    def on_full_disk(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        # the temporary beside the target is /dev/full: every write fails with ENOSPC
        name = Path(dir) / f"{prefix}full{suffix}"
        name.symlink_to("/dev/full")
        return os.open(name, os.O_WRONLY), str(name)

    monkeypatch.setattr(tempfile, "mkstemp", on_full_disk)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    for name in ("x.xlsx", "x.json", "x.csv"):
        result = disclose("export", "--out", str(out / name), code=1)
        gc.collect()  # an archive left open would fail again as it is collected
        assert result.stderr == (f"error: could not write {out / name}: No space left on "
                                 "device; nothing written\n")
        assert unraisable == [], unraisable
    assert list(out.iterdir()) == []  # no temporary left behind either

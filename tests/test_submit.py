"""`submit`, `inspect`, `review`, `history`: what is recorded, and every bad input refused."""

from __future__ import annotations

import pytest

MONTHLY = ["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
           "--summary", "公开了8月预算执行情况"]


def with_option(args: list[str], option: str, value: str | None) -> list[str]:
    """args with `option` set to value (replaced or appended), or removed when None."""
    out = list(args)
    if option in out:
        i = out.index(option)
        del out[i:i + 2]
    return out + ([option, value] if value is not None else [])


def test_submit_monthly_json_contract(disclose) -> None:
    data = disclose.json(*MONTHLY, "--received", "2015-08-28", "--link",
                         "http://www.qth.gov.cn/czj/2015-08")
    assert data == {"id": 1, "kind": "monthly", "agency": "czj", "task": "K2-1",
                    "period": "2015-08", "received_on": "2015-08-28", "due": "2015-08-31",
                    "state": "on_time"}


def test_submit_by_chinese_name_and_text_output(disclose) -> None:
    out = disclose(*with_option(MONTHLY, "--agency", "市财政局"), "--received",
                   "2015-09-02").stdout
    assert out == ("recorded #1: czj (市财政局) monthly report K2-1 2015-08, received "
                   "2015-09-02, due 2015-08-31, late\n")


def test_submit_received_defaults_to_today(disclose) -> None:
    data = disclose.json(*MONTHLY)
    assert (data["received_on"], data["state"]) == ("2016-03-01", "late")


def test_submit_phase_deliverable(disclose) -> None:
    data = disclose.json("submit", "--agency", "tsq", "--kind", "plan", "--summary",
                         "桃山区实施方案", "--received", "2015-07-29")
    assert data == {"id": 1, "kind": "plan", "agency": "tsq", "task": None, "period": None,
                    "received_on": "2015-07-29", "due": "2015-07-31", "state": "on_time"}


def test_history_records_who_and_links(disclose) -> None:
    disclose(*MONTHLY, "--received", "2015-08-28", "--by", "王芳", "--link",
             "http://a.example/1", "--link", "https://a.example/2")
    (row,) = disclose.json("history", "--task", "K2-1", "--month", "2015-08")
    assert list(row) == ["id", "kind", "agency", "task", "period", "received_on",
                         "recorded_at", "recorded_by", "summary", "links", "revision_of",
                         "void", "attachments"]
    assert (row["recorded_by"], row["links"]) == ("王芳", ["http://a.example/1",
                                                            "https://a.example/2"])
    assert row["recorded_at"].endswith("+08:00")
    assert disclose.json("history", "--agency", "sjj") == []


BAD_INPUT = [
    # (option, value, words the one-line error must hold)
    ("--agency", "czx", ["'czx'", "czj (市财政局)"]),
    ("--agency", "市财政", ["'市财政'", "czj (市财政局)"]),
    ("--task", "K9", ["'K9'", "K1"]),
    ("--task", "O1-1", ["O1-1", "no monthly reporting", "K2-1"]),
    ("--task", "K3-1", ["czj (市财政局)", "K3-1", "gtj (市国土局)"]),
    ("--month", "2015-12", ["2015-12", "2015-07..2015-11"]),
    ("--month", "2015-8", ["'2015-8'", "YYYY-MM"]),
    ("--month", "2015-13", ["'2015-13'", "YYYY-MM"]),
    ("--received", "2015-02-30", ["'2015-02-30'", "YYYY-MM-DD"]),
    ("--received", "20150828", ["'20150828'", "YYYY-MM-DD"]),
    ("--received", "2016-03-02", ["2016-03-02", "future", "2016-03-01"]),
    ("--received", "2015-07-01", ["2015-07-01", "before the plan", "2015-07-24"]),
    ("--summary", "   ", ["--summary", "empty"]),
    ("--summary", "长" * 20_001, ["20001", "20000"]),
    ("--link", "javascript:alert(1)", ["javascript:alert(1)", "http://"]),
]


@pytest.mark.parametrize(("option", "value", "words"), BAD_INPUT,
                         ids=[f"{o}={v[:12]}" for o, v, _ in BAD_INPUT])
def test_submit_bad_input_refused(disclose, ledger_rows, option: str, value: str,
                                  words: list[str]) -> None:
    disclose(*MONTHLY, "--received", "2015-08-28")   # the ledger exists and holds a row
    before = ledger_rows()
    result = disclose(*with_option(MONTHLY, option, value), code=1)
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
    assert ledger_rows() == before


@pytest.mark.parametrize("args", [
    ["submit", "--agency", "czj", "--kind", "plan", "--task", "K2-1", "--summary", "x"],
    ["submit", "--agency", "czj", "--task", "K2-1", "--summary", "x"],
    ["submit", "--agency", "czj", "--summary", "x"],
    ["submit", "--agency", "czj", "--kind", "monthly", "--summary", "x"],
    ["review", "1", "--comment", "x"],
], ids=["kind-and-task", "no-month", "neither", "bad-kind", "no-verdict"])
def test_usage_errors_exit_2(disclose, ledger_rows, args: list[str]) -> None:
    result = disclose(*args, code=2)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert ledger_rows() == {}


def test_refused_write_creates_no_ledger(cli, default_ledger) -> None:
    """At the default location, where the first write would create the ledger."""
    cli(*with_option(MONTHLY, "--agency", "czx"), code=1)
    cli("status", "--as-of", "2015-09-10")
    assert not default_ledger.parent.exists()


def test_office_owes_no_plan(disclose) -> None:
    result = disclose("submit", "--agency", "szfb", "--kind", "plan", "--summary", "x",
                      "--received", "2015-07-30", code=1)
    assert "szfb (市政府办)" in result.stderr and "coordinating office" in result.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["--verdict", "pass", "--date", "2016-03-05"], ["2016-03-05", "future"]),
    (["--verdict", "pass", "--date", "2016-1-10"], ["'2016-1-10'"]),
], ids=["future", "malformed"])
def test_inspect_bad_input(disclose, ledger_rows, args: list[str], words: list[str]) -> None:
    result = disclose("inspect", "--agency", "czj", *args, code=1)
    assert all(w in result.stderr for w in words) and ledger_rows() == {}


def test_review_refusals(disclose, ledger_rows) -> None:
    row = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    before = ledger_rows()
    unknown = disclose("review", "99", "--accept", "--comment", "好", "--date", "2015-09-01",
                       code=1)
    assert "#99" in unknown.stderr
    early = disclose("review", str(row["id"]), "--return", "--comment", "x", "--date",
                     "2015-08-01", code=1)
    assert "2015-08-01" in early.stderr and "2015-08-28" in early.stderr
    assert ledger_rows() == before


def test_errors_in_chinese(disclose) -> None:
    result = disclose("--lang", "zh", *with_option(MONTHLY, "--agency", "czx"), code=1)
    assert result.stderr == "错误：未知单位 'czx'；是否指：czj（市财政局）\n"


def test_submit_without_task_when_the_unit_leads_one(disclose) -> None:
    row = disclose.json("submit", "--agency", "市财政局", "--month", "2015-08", "--summary",
                        "公开了本月财政预算执行情况", "--received", "2015-08-31")
    assert (row["agency"], row["task"], row["period"], row["state"]) == (
        "czj", "K2-1", "2015-08", "on_time")


@pytest.mark.parametrize(("agency", "words"), [
    ("rsj", ["leads 2 monthly tasks", "--task", "K5-2 (", "K5-4 ("]),
    ("tjj", ["leads no monthly task", "--kind plan|summary"]),
])
def test_submit_without_task_lists_the_units_tasks(disclose, ledger_rows, agency: str,
                                                   words: list[str]) -> None:
    result = disclose("submit", "--agency", agency, "--month", "2015-08", "--summary", "x",
                      code=1)
    assert result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr
    assert ledger_rows() == {}


def test_history_by_kind_and_as_of_a_day(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-31")
    disclose("submit", "--agency", "czj", "--kind", "plan", "--summary", "部门方案",
             "--received", "2015-07-30")
    disclose.monthly("czj", "K2-1", "2015-09", "2015-09-30")
    assert [r["kind"] for r in disclose.json("history", "--kind", "plan")] == ["plan"]
    assert [r["period"] for r in disclose.json("history", "--kind", "monthly")] == [
        "2015-08", "2015-09"]
    assert [r["kind"] for r in disclose.json("history", "--as-of", "2015-09-01")] == [
        "monthly", "plan"]

"""`disclose report`: the cron mail, its sections, exit codes and stable bytes."""

from __future__ import annotations

import pytest


@pytest.fixture
def september(disclose) -> None:
    """A few units reporting around early September 2015."""
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-31", "公开了8月预算执行情况和三公经费")
    disclose.monthly("sjj", "K2-2", "2015-08", "2015-09-02", "发布了审计结果公告及相关单位整改情况")
    disclose.monthly("gtj", "K3-1", "2015-08", "2015-09-03", "土地出让公告")
    disclose.monthly("zjj", "K3-2", "2015-08", "2015-09-01", "棚户区改造项目信息")
    disclose("review", "1", "--return", "--comment", "缺少公开链接", "--date", "2015-09-02")


def test_report_sections(disclose, september) -> None:
    data = disclose.json("report", "--as-of", "2015-09-03")
    assert data["active_phases"] == [{"id": "implement", "name": "实施阶段",
                                      "end": "2015-11-30", "days_left": 88}]
    overdue = {(d["agency"], d["task"], d["period"]) for d in data["overdue"]
               if d["kind"] == "monthly"}
    assert ("szfb", "K1", "2015-08") in overdue and ("czj", "K2-1", "2015-08") not in overdue
    assert {d["days_overdue"] for d in data["overdue"] if d["period"] == "2015-08"} == {3}
    assert data["arrived_since"] == "2015-09-02"
    assert [a["agency"] for a in data["arrived"]] == ["sjj", "gtj"]  # 09-01 is too early
    assert [(r["agency"], r["comment"]) for r in data["returned"]] == [("czj", "缺少公开链接")]
    assert {(f["rule"], f["agency"]) for f in data["lint"]} == {("short-summary", "gtj"),
                                                                ("no-link", "sjj"),
                                                                ("no-link", "gtj")}
    assert data["due_soon"] == []


def test_report_due_soon_within(disclose) -> None:
    data = disclose.json("report", "--as-of", "2015-09-25", "--within", "5")
    assert {(d["task"], d["days_left"]) for d in data["due_soon"]} >= {("K1", 5)}
    assert disclose.json("report", "--as-of", "2015-09-25", "--within", "4")["due_soon"] == []


@pytest.mark.parametrize(("as_of", "flag", "code"), [
    ("2015-07-25", True, 0),    # nothing due yet
    ("2015-09-03", False, 0),   # overdue, but no flag
    ("2015-09-03", True, 3),
])
def test_report_exit_codes(disclose, as_of: str, flag: bool, code: int) -> None:
    args = ["report", "--as-of", as_of] + (["--fail-on-overdue"] if flag else [])
    out = disclose(*args, code=code).stdout
    assert ("Overdue (0)" in out) == (code == 0 and flag)


def test_report_byte_identical_and_plain_whatever_the_width(disclose, september,
                                                            monkeypatch) -> None:
    first = disclose("report", "--as-of", "2015-09-03").stdout
    monkeypatch.setenv("COLUMNS", "20")
    second = disclose("report", "--as-of", "2015-09-03").stdout
    assert first == second
    assert "\x1b" not in first and "…" not in first
    assert "市外事侨务旅游局" in first
    assert "缺少公开链接" in first


def test_report_markdown_and_csv(disclose, september) -> None:
    md = disclose("report", "--as-of", "2015-09-03", "--format", "markdown").stdout
    assert "## Overdue (" in md and "| 市政府办 " in md
    rows = disclose("report", "--as-of", "2015-09-03", "--format", "csv").stdout.splitlines()
    assert rows[0] == "section,kind,agency,name,task,period,due,days,submission,note"
    assert "returned,monthly,czj,市财政局,K2-1,2015-08,2015-08-31,,1,缺少公开链接" in rows


def test_report_in_chinese(disclose, september) -> None:
    out = disclose("--lang", "zh", "report", "--as-of", "2015-09-03").stdout
    for words in ("日报", "当前阶段：实施阶段", "已逾期未报", "已退回待重报", "逾期天数"):
        assert words in out


def test_status_plain_whatever_the_width(disclose, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    out = disclose("status", "--as-of", "2015-09-10").stdout
    assert "市外事侨务旅游局" in out and "…" not in out and "\x1b" not in out


def test_report_lint_and_bulletin_probes_agree_with_one_scan(disclose, september,
                                                             monkeypatch) -> None:
    """A large ledger's report, lint and bulletin read what they show by indexed probes;
    a small one's, every row in one scan: the same answers, revisions and returns
    included."""
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-03", "公开了8月预算执行情况和三公经费")
    disclose.monthly("gtj", "K3-1", "2015-07", "2015-08-05", "土地出让公告")
    disclose.monthly("gtj", "K3-1", "2015-08", "2015-09-03", "土地出让公告")
    disclose("review", "7", "--return", "--comment", "过简", "--date", "2015-09-03")
    commands = [(*command, "--as-of", day) for day in ("2015-09-02", "2015-09-03", "2015-09-10")
                for command in (("report",), ("lint",), ("lint", "--month", "2015-08"),
                                ("bulletin", "--month", "2015-08", "--preview"))]
    scanned = [disclose.json(*command) for command in commands]
    from qth_disclosure import queries
    monkeypatch.setattr(queries, "SCAN_ROWS_PER_DELIVERABLE", 0)
    assert [disclose.json(*command) for command in commands] == scanned
    report = scanned[4]  # of 2015-09-03
    # czj's return is answered by its revision; gtj's revision is returned in turn
    assert {(r["agency"], r["comment"]) for r in report["returned"]} == {("gtj", "过简")}
    assert ("same-as-previous-month", "gtj") in {(f["rule"], f["agency"])
                                                 for f in report["lint"]}

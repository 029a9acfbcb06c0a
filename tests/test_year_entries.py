"""Entries of the plan's year on both backends: voids, 保密审查, a plan's items, the annual
report, and writes dated before an issued bulletin."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

GOOD = "公开了本月预算执行情况和三公经费"
LINK = "https://www.qth.gov.cn/czj/1"
ITEMS = [
    {"公开事项": "预决算公开", "公开内容": "市本级预算、决算", "公开方式": "政府网站",
     "公开时限": "批准后20日内", "责任人": "张三", "任务": "K2-1"},
    {"公开事项": "三公经费", "公开内容": "三公经费及增减原因", "公开方式": "政府网站",
     "公开时限": "", "责任人": "李四", "任务": ""},
]


def monthly(disclose, received: str, month: str = "2015-08", agency: str = "czj",
            task: str = "K2-1") -> dict:
    return disclose.json("submit", "--agency", agency, "--task", task, "--month", month,
                         "--summary", GOOD, "--received", received, "--link", LINK)


def state(disclose, as_of: str, kind: str = "monthly", agency: str = "czj",
          period: str | None = "2015-08") -> str:
    rows = disclose.json("status", "--as-of", as_of, "--agency", agency)["deliverables"]
    return next(d["state"] for d in rows if d["kind"] == kind
                and (period is None or d["period"] == period))


# ---------------------------------------------------------------- void


def test_void_counts_nowhere_from_its_day_and_stays_in_history(disclose) -> None:
    wrong = monthly(disclose, "2015-08-28", agency="sjj", task="K2-2")
    disclose("void", str(wrong["id"]), "--reason", "单位填错", "--date", "2015-09-01")
    assert state(disclose, "2015-08-31", agency="sjj") == "on_time"  # as known then
    assert state(disclose, "2015-09-02", agency="sjj") == "missing"
    report = disclose.json("report", "--as-of", "2015-09-02")
    assert any(d["agency"] == "sjj" for d in report["overdue"])
    assert disclose.json("lint", "--as-of", "2015-09-02") == []
    (row,) = disclose.json("history", "--agency", "sjj")
    assert row["void"] == {"reason": "单位填错", "by": row["recorded_by"], "on": "2015-09-01"}
    text = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10",
                    "--preview").stdout
    missing = next(line for line in text.splitlines() if "（一）未报送。" in line)
    assert "市审计局" in missing


def test_void_then_the_right_entry(disclose) -> None:
    wrong = monthly(disclose, "2015-08-28")
    disclose("void", str(wrong["id"]), "--reason", "月份填错", "--date", "2015-08-29")
    monthly(disclose, "2015-08-29")
    assert state(disclose, "2015-09-01") == "on_time"
    assert [h["void"] is None for h in disclose.json("history")] == [False, True]


@pytest.mark.parametrize(("args", "words"), [
    (["99", "--reason", "x"], "no submission #99"),
    (["1", "--reason", " "], "--reason"),
    (["1", "--reason", "x", "--date", "2015-08-01"], "before submission #1 was received"),
])
def test_void_refusals_write_nothing(disclose, ledger_rows, args: list[str],
                                     words: str) -> None:
    monthly(disclose, "2015-08-28")
    before = ledger_rows()
    assert words in disclose("void", *args, code=1).stderr
    assert ledger_rows() == before


def test_void_once(disclose, ledger_rows) -> None:
    monthly(disclose, "2015-08-28")
    disclose("void", "1", "--reason", "重复录入", "--date", "2015-08-29")
    before = ledger_rows()
    assert "voided already" in disclose("void", "1", "--reason", "again", code=1).stderr
    assert ledger_rows() == before


def test_void_is_a_coordinators(disclose, registry_copy: Path, monkeypatch) -> None:
    monthly(disclose, "2015-08-28")
    path = registry_copy / "agencies.yaml"
    path.write_text("coordinators: [boss]\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    monkeypatch.setenv("DISCLOSE_REGISTRY", str(registry_copy))  # none pinned: this applies
    refused = disclose("void", "1", "--reason", "x", code=1)
    assert "void" in refused.stderr and "boss" in refused.stderr


# ---------------------------------------------------------------- 保密审查


def test_clear_and_the_report_lists_what_awaits_it(disclose) -> None:
    first = monthly(disclose, "2015-08-28")
    monthly(disclose, "2015-08-30", agency="sjj", task="K2-2")
    waiting = disclose.json("report", "--as-of", "2015-09-01")["uncleared"]
    assert [(d["agency"], d["submission"]) for d in waiting] == [("czj", first["id"]),
                                                                ("sjj", 2)]
    cleared = disclose.json("clear", str(first["id"]), "--result", "passed",
                            "--date", "2015-09-01")
    assert (cleared["result"], cleared["cleared_on"]) == ("passed", "2015-09-01")
    after = disclose.json("report", "--as-of", "2015-09-01")["uncleared"]
    assert [d["agency"] for d in after] == ["sjj"]
    earlier = disclose.json("report", "--as-of", "2015-08-31")["uncleared"]
    assert len(earlier) == 2  # the clearance was not known yet


def test_clear_refuses_a_voided_submission(disclose, ledger_rows) -> None:
    monthly(disclose, "2015-08-28")
    disclose("void", "1", "--reason", "报错了单位", "--date", "2015-08-30")
    before = ledger_rows()
    refused = disclose("clear", "1", "--result", "passed", "--date", "2015-09-01", code=1)
    assert "#1 was voided on 2015-08-30" in refused.stderr
    assert refused.stderr.count("\n") == 1 and ledger_rows() == before
    # cleared before it was voided: that review stands as it was recorded then
    monthly(disclose, "2015-08-29", agency="sjj", task="K2-2")
    disclose("clear", "2", "--result", "passed", "--date", "2015-08-30")


def test_clear_refuses_a_result_it_does_not_know(disclose, ledger_rows) -> None:
    monthly(disclose, "2015-08-28")
    before = ledger_rows()
    disclose("clear", "1", "--result", "maybe", code=2)
    assert ledger_rows() == before


# ---------------------------------------------------------------- a plan's items


def write_items(path: Path, rows: list[dict[str, str]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
        book.save(path)
    else:
        import yaml

        path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".xlsx"])
def test_plan_items_from_each_kind_of_file(disclose, tmp_path: Path, suffix: str) -> None:
    items = write_items(tmp_path / f"items{suffix}", ITEMS)
    result = disclose("submit", "--agency", "czj", "--kind", "plan", "--items", str(items),
                      "--received", "2015-07-30")
    assert "plan-item-incomplete" in result.stderr and "公开时限" in result.stderr
    findings = {f["rule"]: f["message"] for f in disclose.json("lint")}
    assert findings == {"plan-item-incomplete": "item 2 of the plan does not say its 公开时限"}
    text = disclose("--lang", "zh", "status", "--as-of", "2015-08-01", "--agency",
                    "czj").stdout
    assert "缺少要素的部门方案（1）" in text and "方案第2项未明确公开时限" in text
    shown = disclose.json("status", "--as-of", "2015-08-01", "--agency", "czj")
    assert [(f["rule"], f["message"]) for f in shown["plans_incomplete"]] == [
        ("plan-item-incomplete", "item 2 of the plan does not say its 公开时限")]
    assert disclose.json("status", "--as-of", "2015-08-01", "--agency", "rsj")[
        "plans_incomplete"] == []


def test_plan_items_cover_every_task_the_unit_leads(disclose, tmp_path: Path) -> None:
    items = write_items(tmp_path / "items.yaml", ITEMS[:1])  # K2-1 only
    disclose("submit", "--agency", "rsj", "--kind", "plan", "--items", str(items),
             "--received", "2015-07-30")
    (finding,) = disclose.json("lint")
    assert finding["rule"] == "plan-task-uncovered"
    assert finding["message"].endswith("K5-2、K5-4")


def test_plan_as_free_text_is_flagged_gently(disclose) -> None:
    disclose("submit", "--agency", "czj", "--kind", "plan", "--received", "2015-07-30",
             "--summary", "部门方案：各项公开事项及时限全文见附件")
    assert [(f["rule"], f["severity"]) for f in disclose.json("lint")] == [
        ("plan-without-items", "warning")]


@pytest.mark.parametrize(("rows", "words"), [
    ([{"公开事项": "x", "颜色": "红"}], "unknown column '颜色'"),
    ([{"公开事项": "x", "任务": "K99"}], "unknown task"),
    ([], "lists no plan items"),
])
def test_plan_items_refused_write_nothing(disclose, ledger_rows, tmp_path: Path,
                                          rows: list[dict[str, str]], words: str) -> None:
    path = tmp_path / "items.yaml"
    path.write_text("[]\n" if not rows else "", encoding="utf-8")
    if rows:
        write_items(path, rows)
    refused = disclose("submit", "--agency", "czj", "--kind", "plan", "--items", str(path),
                       "--received", "2015-07-30", code=1)
    assert words in refused.stderr and ledger_rows() == {}


def test_plan_items_only_with_a_plan(disclose, tmp_path: Path) -> None:
    items = write_items(tmp_path / "items.yaml", ITEMS)
    disclose("submit", "--agency", "czj", "--kind", "summary", "--items", str(items),
             "--summary", GOOD, "--received", "2015-12-10", code=2)


def test_plan_items_file_of_another_kind_refused(disclose, tmp_path: Path) -> None:
    path = tmp_path / "items.txt"
    path.write_text("x", encoding="utf-8")
    refused = disclose("submit", "--agency", "czj", "--kind", "plan", "--items", str(path),
                       "--received", "2015-07-30", code=1)
    assert ".yaml, .yml, .csv or .xlsx" in refused.stderr


# ---------------------------------------------------------------- the annual report


def test_annual_report_owed_by_every_unit_and_recorded_by_link(disclose) -> None:
    assert state(disclose, "2016-03-01", "annual_report", "szfb", "2015") == "pending"
    row = disclose.json("submit", "--agency", "szfb", "--kind", "annual_report",
                        "--link", "https://www.qth.gov.cn/nb/2015", "--received", "2016-03-01")
    assert (row["kind"], row["period"], row["due"], row["state"]) == (
        "annual_report", "2015", "2016-03-31", "on_time")
    export = disclose.json("status", "--as-of", "2016-03-01")
    assert sum(d["kind"] == "annual_report" for d in export["deliverables"]) == 37


def test_annual_report_needs_a_link(disclose, ledger_rows) -> None:
    refused = disclose("submit", "--agency", "czj", "--kind", "annual_report",
                       "--received", "2016-03-01", code=1)
    assert "--link" in refused.stderr and ledger_rows() == {}


def test_annual_report_in_the_export(disclose, tmp_path: Path) -> None:
    disclose("submit", "--agency", "czj", "--kind", "annual_report", "--link",
             "https://www.qth.gov.cn/nb/czj", "--received", "2016-02-20")
    out = tmp_path / "year.csv"
    disclose("export", "--out", str(out), "--as-of", "2016-03-01")
    assert "annual_report,czj,,2015,2016-03-31,on_time,2016-02-20" in out.read_text(
        encoding="utf-8-sig")


# ---------------------------------------------------------------- back-dating


def test_write_before_an_issued_bulletin_says_so_and_the_bulletin_stays(disclose) -> None:
    monthly(disclose, "2015-08-28")
    disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10")
    issued = disclose.json("bulletin", "--list")[0]
    review = disclose("review", "1", "--return", "--comment", "未附链接", "--date",
                      "2015-09-05")
    assert "bulletin No. 1 (2015-08, as of 2015-09-10)" in review.stderr
    late = disclose("submit", "--agency", "sjj", "--task", "K2-2", "--month", "2015-08",
                    "--summary", GOOD, "--received", "2015-09-03")
    assert "bulletin No. 1" in late.stderr
    assert disclose.json("bulletin", "--list")[0] == issued
    quiet = disclose("submit", "--agency", "sjj", "--task", "K2-2", "--month", "2015-09",
                     "--summary", GOOD, "--received", "2015-09-30")
    assert quiet.stderr == ""


def test_revision_received_before_what_it_revises_refused(disclose, ledger_rows) -> None:
    monthly(disclose, "2015-09-02")
    before = ledger_rows()
    refused = disclose("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
                       "--summary", GOOD, "--received", "2015-08-30", code=1)
    assert "before submission #1 (received 2015-09-02)" in refused.stderr
    assert ledger_rows() == before


def test_revision_checked_against_the_latest_receipt_not_voided(disclose,
                                                                ledger_rows) -> None:
    """The ledger hands the check only the deliverable's latest receipt by (day, id) that
    no void took back: the same refusals as when it read every revision."""
    monthly(disclose, "2015-09-02")
    monthly(disclose, "2015-09-08")
    monthly(disclose, "2015-09-08")  # the same day: the larger id is the latest
    disclose("void", "3", "--reason", "月份填错", "--date", "2015-09-09")
    before = ledger_rows()
    refused = disclose("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
                       "--summary", GOOD, "--received", "2015-09-07", code=1)
    assert "before submission #2 (received 2015-09-08)" in refused.stderr
    assert ledger_rows() == before
    disclose("void", "2", "--reason", "月份填错", "--date", "2015-09-09")
    assert monthly(disclose, "2015-09-07")["id"] == 4  # #1, of 09-02, is the latest left
    refused = disclose("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
                       "--summary", GOOD, "--received", "2015-09-06", code=1)
    assert "before submission #4 (received 2015-09-07)" in refused.stderr


def test_plans_summaries_and_annual_reports_read_alike_by_probes(disclose,
                                                                  monkeypatch) -> None:
    """Probes (on PostgreSQL one lateral join per shape of key: a plan's, a summary's, an
    annual report's period alone) find every kind's receipts as a scan does."""
    from qth_disclosure import queries

    for agency, received in (("czj", "2015-12-21"), ("czj", "2015-12-22"),
                             ("sjj", "2015-12-18")):
        disclose("submit", "--agency", agency, "--kind", "summary", "--summary", GOOD,
                 "--received", received)
    disclose("review", "3", "--return", "--comment", "未附链接", "--date", "2015-12-23")
    disclose("submit", "--agency", "czj", "--kind", "annual_report", "--link",
             "https://www.qth.gov.cn/czj/nb2015", "--received", "2016-03-01")
    monthly(disclose, "2015-08-30")
    args = [("status", "--as-of", "2016-03-01"), ("report", "--as-of", "2016-03-01"),
            ("status", "--as-of", "2016-03-01", "--agency", "czj")]
    scanned = [disclose.json(*a) for a in args]
    monkeypatch.setattr(queries, "SCAN_ROWS_PER_DELIVERABLE", 0)
    assert [disclose.json(*a) for a in args] == scanned
    assert state(disclose, "2016-03-01", kind="annual_report", period="2015") == "on_time"
    assert state(disclose, "2016-03-01", kind="summary", period=None) == "late"
    assert state(disclose, "2016-03-01", kind="summary", agency="sjj",
                 period=None) == "returned"


def test_void_counts_nowhere_when_the_ledger_is_probed(disclose, monkeypatch) -> None:
    """A large ledger is read by probes (and on PostgreSQL lateral joins): a void holds
    there as in a scan, in status, report and lint alike."""
    from qth_disclosure import queries

    wrong = monthly(disclose, "2015-08-28", agency="sjj", task="K2-2")
    monthly(disclose, "2015-08-30")
    disclose("void", str(wrong["id"]), "--reason", "单位填错", "--date", "2015-09-01")
    args = [("status", "--as-of", "2015-09-02"), ("report", "--as-of", "2015-09-02"),
            ("lint", "--as-of", "2015-09-02")]
    scanned = [disclose.json(*a) for a in args]
    monkeypatch.setattr(queries, "SCAN_ROWS_PER_DELIVERABLE", 0)
    assert [disclose.json(*a) for a in args] == scanned
    assert state(disclose, "2015-09-02", agency="sjj") == "missing"

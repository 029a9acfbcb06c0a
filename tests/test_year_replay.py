"""The plan's year replayed, July 2015 to March 2016, checking status, report and bulletin at
a dozen days; and another year's plan, written only as registry data, served as well."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from qth_disclosure import calendar

GOOD = "公开了本月重点领域信息，详见本单位网站专栏"
LINK = "https://www.qth.gov.cn/zdly/1"
# (day received, unit, task, month): the year's monthly reports, in the order they came
REPORTS = [
    ("2015-07-31", "czj", "K2-1", "2015-07"), ("2015-08-03", "sjj", "K2-2", "2015-07"),
    ("2015-08-28", "czj", "K2-1", "2015-08"), ("2015-08-31", "rsj", "K5-2", "2015-08"),
    ("2015-09-02", "sjj", "K2-2", "2015-08"), ("2015-09-30", "czj", "K2-1", "2015-09"),
    ("2015-11-02", "czj", "K2-1", "2015-10"),  # Monday after Saturday 10-31: on time (顺延)
    ("2015-11-03", "sjj", "K2-2", "2015-10"), ("2015-11-30", "czj", "K2-1", "2015-11"),
    ("2015-11-30", "szfb", "K1", "2015-11"),  # the office reports to itself
]


def replay_until(disclose, day: str, done: set[int]) -> None:
    """Enter everything the office received up to `day` that is not entered yet."""
    for n, (received, agency, task, month) in enumerate(REPORTS):
        if received <= day and n not in done:
            disclose("submit", "--agency", agency, "--task", task, "--month", month,
                     "--summary", GOOD, "--received", received, "--link", LINK)
            done.add(n)


def deliverable(status: dict[str, Any], kind: str, agency: str,
                period: str | None = None) -> str:
    return next(d["state"] for d in status["deliverables"] if d["kind"] == kind
                and d["agency"] == agency and d["period"] == period)


def test_year_replayed_day_by_day(disclose) -> None:
    done: set[int] = set()
    # 2015-07-25: the plan issued the day before; everything ahead
    replay_until(disclose, "2015-07-25", done)
    status = disclose.json("status", "--as-of", "2015-07-25")
    assert [p["state"] for p in status["phases"]] == ["active", "active", "upcoming",
                                                      "upcoming"]
    assert status["totals"]["missing"] == 0
    # 2015-07-30: plans arrive; one as items
    disclose("submit", "--agency", "czj", "--kind", "plan", "--summary",
             "部门方案：预决算、三公经费、政府采购信息按月公开", "--received", "2015-07-30")
    # 2015-08-01 (Saturday): July's reports were due on Friday the 31st
    replay_until(disclose, "2015-08-01", done)
    status = disclose.json("status", "--as-of", "2015-08-01")
    assert deliverable(status, "monthly", "czj", "2015-07") == "on_time"
    assert deliverable(status, "monthly", "sjj", "2015-07") == "missing"
    assert deliverable(status, "plan", "czj") == "on_time"
    report = disclose.json("report", "--as-of", "2015-08-03")  # Monday: since Friday
    assert report["arrived_since"] == "2015-07-31"
    replay_until(disclose, "2015-08-03", done)
    report = disclose.json("report", "--as-of", "2015-08-03")
    assert [a["agency"] for a in report["arrived"]] == ["czj", "sjj"]
    # 2015-08-10: July's bulletin
    bulletin = disclose("bulletin", "--month", "2015-07", "--as-of", "2015-08-10").stdout
    assert "应报送15家次，已报送2家次。其中，按时报送1家次，逾期报送1家次；未报送13家次" in bulletin
    assert "按时报送率为6.7%" in bulletin and "市政府办（" not in bulletin
    # 2015-09-01: August fell due on Monday 08-31
    replay_until(disclose, "2015-09-02", done)
    disclose("report", "--as-of", "2015-09-01", "--fail-on-new-overdue", code=3)
    disclose("report", "--as-of", "2015-09-03", "--fail-on-new-overdue", code=0)
    status = disclose.json("status", "--as-of", "2015-09-03")
    assert deliverable(status, "monthly", "sjj", "2015-08") == "late"
    # 2015-09-05: a review returns 市人社局's August report, after July's bulletin only
    (rsj,) = disclose.json("history", "--agency", "rsj", "--month", "2015-08")
    disclose("review", str(rsj["id"]), "--return", "--comment", "未附公开链接",
             "--date", "2015-09-05")
    bulletin = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10").stdout
    returned = next(line for line in bulletin.splitlines() if "退回修改。" in line)
    assert "市人社局（社会保险和就业信息公开，退回意见：未附公开链接）" in returned
    # 2015-10-08: the National Day holiday over; September reported by 09-30
    replay_until(disclose, "2015-10-08", done)
    status = disclose.json("status", "--as-of", "2015-10-08")
    assert deliverable(status, "monthly", "czj", "2015-09") == "on_time"
    # 2015-11-03: October was due on Monday 11-02, not on Saturday 10-31
    replay_until(disclose, "2015-11-03", done)
    status = disclose.json("status", "--as-of", "2015-11-03")
    assert {d["due"] for d in status["deliverables"] if d["period"] == "2015-10"} == {
        "2015-11-02"}
    assert deliverable(status, "monthly", "czj", "2015-10") == "on_time"
    assert deliverable(status, "monthly", "sjj", "2015-10") == "late"
    bulletin = disclose("bulletin", "--month", "2015-10", "--as-of", "2015-11-10").stdout
    assert "应于2015年11月2日前报送" in bulletin
    # 2015-12-01: November in, the office's own K1 report among them
    replay_until(disclose, "2015-12-01", done)
    report = disclose.json("report", "--as-of", "2015-12-01")
    assert not any(d["agency"] == "szfb" and d["period"] == "2015-11"
                   for d in report["overdue"])
    bulletin = disclose("bulletin", "--month", "2015-11", "--as-of", "2015-12-10").stdout
    missing = next(line for line in bulletin.splitlines() if "未报送。" in line)
    assert "应报送15家次" in bulletin and "市政府办" not in missing
    # 2015-12-21 (Monday): the summaries were due on Sunday 12-20, the plan's own date
    disclose("submit", "--agency", "czj", "--kind", "summary", "--summary", GOOD,
             "--received", "2015-12-21")
    status = disclose.json("status", "--as-of", "2015-12-21")
    assert deliverable(status, "summary", "czj") == "late"
    # 2016-01-20: inspections under way
    disclose("inspect", "--agency", "czj", "--verdict", "rectify", "--date", "2016-01-12")
    disclose("inspect", "--agency", "czj", "--verdict", "pass", "--date", "2016-01-28")
    status = disclose.json("status", "--as-of", "2016-01-20")
    assert deliverable(status, "inspection", "czj") == "rectify"
    # 2016-02-01: the acceptance phase over
    status = disclose.json("status", "--as-of", "2016-02-01")
    assert deliverable(status, "inspection", "czj") == "pass"
    assert "tsq" not in {d["agency"] for d in status["deliverables"]
                         if d["kind"] == "inspection"}
    report = disclose.json("report", "--as-of", "2016-02-01")
    assert len(report["not_inspected"]) == 31
    assert not any(d["kind"] == "inspection" for d in report["overdue"])
    # 2016-03-01: the annual reports due by 03-31
    disclose("submit", "--agency", "czj", "--kind", "annual_report", "--link",
             "https://www.qth.gov.cn/czj/nb2015", "--received", "2016-03-01")
    status = disclose.json("status", "--as-of", "2016-03-01")
    assert deliverable(status, "annual_report", "czj", "2015") == "on_time"
    assert deliverable(status, "annual_report", "szfb", "2015") == "pending"
    # the four bulletins issued stay as issued, whatever was entered after them
    assert [b["month"] for b in disclose.json("bulletin", "--list")] == [
        "2015-07", "2015-08", "2015-10", "2015-11"]
    assert disclose("db", "verify").exit_code == 0


# ---------------------------------------------------------------- another year's plan

OTHER_TASKS = """\
plan:
  id: xyz-2017
  title: 2017年某市政务公开工作要点
  document_number: 某政办发〔2017〕5号
  issued_on: 2017-02-10
  office: zfb
  timezone: Asia/Shanghai
phases:
  - {id: start, name: 部署阶段, start: 2017-02-10, end: 2017-03-10, deliverable: plan,
     roll: next_working_day}
  - {id: run, name: 推进阶段, start: 2017-01-01, end: 2017-11-30, deliverable: monthly}
  - {id: wrap, name: 总结阶段, start: 2017-12-01, end: 2017-12-15, deliverable: summary}
  - {id: check, name: 考核阶段, start: 2017-12-16, end: 2018-01-20, deliverable: inspection,
     units: [bureau]}
monthly_reporting:
  sections: ["A"]
  first_month: "2017-01"
  last_month: "2017-10"
  every: FREQ=MONTHLY;INTERVAL=3
  due:
    rule: FREQ=MONTHLY;BYMONTHDAY=10
    counted_from: after_period
    roll: next_working_day
    set_by: plan
    text: 每季度结束后10日内报送
sections:
  - {id: "A", title: 重点工作}
  - {id: "B", title: 其他工作}
tasks:
  - {id: A1, section: "A", title: 财政资金公开, text: 公开财政资金, lead: [cz]}
  - {id: A2, section: "A", title: 国企信息公开, text: 公开国企信息, lead: [gz, zfb]}
  - {id: B1, section: "B", title: 其他, text: 其他, lead: [qx]}
documents:
  form: brief
  issuer_mark: 某区人民政府办公室
  prefix: 某政办函
  brief_name: 工作通报
  addressees: 区政府各部门
  copy_to: []
  printed_by: 某区人民政府办公室
  make_up_working_days: 5
  letter_prefix: 依申请公开
  reconsideration:
    default: 某市人民政府
  reconsideration_days: 60
  lawsuit_months: 6
  remind_within_days: 7
law_profiles:
  - id: gir-2008
    name: 中华人民共和国政府信息公开条例
    effective_from: 2008-05-01
    effective_to: 2019-05-14
    answer_working_days: 15
    extension_max_working_days: 15
    clarify: restart
    third_party: pause
    remedies: 行政复议、行政诉讼
    annual_report_due: FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31
"""
OTHER_AGENCIES = """\
agencies:
  - {code: zfb, name: 区政府办, full_name: 某区人民政府办公室, name_en: Office, kind: office}
  - {code: cz, name: 区财政局, full_name: 某区财政局, name_en: Finance, kind: bureau}
  - {code: gz, name: 区国资委, full_name: 某区国资委, name_en: Assets, kind: bureau}
  - {code: qx, name: 某镇, full_name: 某镇人民政府, name_en: Town, kind: county}
"""


@pytest.fixture
def other_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "other-registry"
    directory.mkdir()
    (directory / "tasks.yaml").write_text(OTHER_TASKS, encoding="utf-8")
    (directory / "agencies.yaml").write_text(OTHER_AGENCIES, encoding="utf-8")
    monkeypatch.setenv("DISCLOSE_REGISTRY", str(directory))
    monkeypatch.setattr(calendar, "today", lambda tz: date(2018, 4, 2))
    return directory


def test_other_year_quarterly_plan_served_without_code(disclose, other_year: Path,
                                                       tmp_path: Path) -> None:
    assert "registry ok" in disclose("check").stdout
    # Q1 2017 is due 04-10 (a Monday); Q3 on 10-10, after the National Day week
    disclose("submit", "--agency", "cz", "--task", "A1", "--month", "2017-01",
             "--summary", GOOD, "--received", "2017-04-10", "--link", LINK)
    disclose("submit", "--agency", "gz", "--task", "A2", "--month", "2017-01",
             "--summary", GOOD, "--received", "2017-04-11", "--link", LINK)
    disclose("submit", "--agency", "cz", "--task", "A1", "--month", "2017-07",
             "--summary", GOOD + "（第三季度）", "--received", "2017-10-10", "--link", LINK)
    status = disclose.json("status", "--as-of", "2018-04-02")
    dues = {d["period"]: d["due"] for d in status["deliverables"] if d["kind"] == "monthly"}
    assert dues == {"2017-01": "2017-04-10", "2017-04": "2017-07-10",
                    "2017-07": "2017-10-10", "2017-10": "2018-01-10"}
    assert deliverable(status, "plan", "cz") == "missing"
    assert {d["agency"] for d in status["deliverables"] if d["kind"] == "inspection"} == {
        "cz", "gz"}
    assert {d["due"] for d in status["deliverables"] if d["kind"] == "annual_report"} == {
        "2018-03-31"}
    assert deliverable(status, "monthly", "gz", "2017-01") == "late"
    text = disclose("status", "--as-of", "2018-04-02").stdout
    grid = next(line for line in text.splitlines() if "2017-04" in line and "2017-07" in line)
    assert "2017-01" in grid and "2017-10" in grid and "2017-02" not in grid  # the quarters
    report = disclose.json("report", "--as-of", "2017-07-11")
    # the office leads A2 too: tracked in the report, left out of its bulletins
    assert {(d["agency"], d["period"]) for d in report["overdue"]
            if d["kind"] == "monthly"} == {("cz", "2017-04"), ("gz", "2017-04"),
                                           ("zfb", "2017-01"), ("zfb", "2017-04")}
    bulletin = disclose("bulletin", "--month", "2017-01", "--as-of", "2017-04-20",
                        "--preview").stdout
    assert "按照《方案》（每季度结束后10日内报送），2017年1月份的信息应于2017年4月10日前报送" \
        in bulletin
    # not the office's own A2
    assert "应报送2家次，已报送2家次。其中，按时报送1家次，逾期报送1家次" in bulletin
    assert "区政府办（" not in bulletin
    out = tmp_path / "2017.json"
    disclose("export", "--out", str(out), "--as-of", "2018-04-02")
    assert '"plan": "xyz-2017"' in out.read_text(encoding="utf-8")
    xlsx = tmp_path / "2017.xlsx"
    disclose("export", "--out", str(xlsx), "--as-of", "2018-04-02")
    assert xlsx.stat().st_size > 0

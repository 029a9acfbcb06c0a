"""The plan's year as an office lives it: inspections, the office's own reports, due days on
rest days, rates rounded half up, and the cron report's days."""

from __future__ import annotations

from datetime import date

import pytest

from qth_disclosure.calendar import WorkCalendar, check_rule, first_on_or_after
from qth_disclosure.core.rates import percent
from qth_disclosure.registry import Registry


def states(status: dict, kind: str) -> dict[str, str]:
    return {d["agency"]: d["state"] for d in status["deliverables"] if d["kind"] == kind}


# ---------------------------------------------------------------- inspections


def test_inspect_latest_verdict_is_the_state_with_its_own_date(disclose) -> None:
    disclose("inspect", "--agency", "czj", "--verdict", "rectify", "--date", "2016-01-12")
    disclose("inspect", "--agency", "czj", "--verdict", "pass", "--date", "2016-01-28")
    early = disclose.json("status", "--as-of", "2016-01-20", "--agency", "czj")
    late = disclose.json("status", "--as-of", "2016-02-01", "--agency", "czj")
    assert states(early, "inspection") == {"czj": "rectify"}
    assert states(late, "inspection") == {"czj": "pass"}
    text = disclose("status", "--as-of", "2016-02-01", "--agency", "czj").stdout
    assert "✓ pass 2016-01-28" in text and "2016-01-12" not in text


@pytest.mark.parametrize(("verdict", "shown"), [("pass", "✓ 合格"), ("rectify", "! 限期整改"),
                                                ("fail", "✗ 不合格")])
def test_inspect_verdict_marks_in_chinese(disclose, verdict: str, shown: str) -> None:
    disclose("inspect", "--agency", "sjj", "--verdict", verdict, "--date", "2016-01-15")
    text = disclose("--lang", "zh", "status", "--as-of", "2016-02-01", "--agency", "sjj").stdout
    assert f"{shown} 2016-01-15" in text and "按时" not in text.split("部门方案")[-1][:60]


def test_inspection_not_done_is_the_offices_lapse(disclose) -> None:
    report = disclose.json("report", "--as-of", "2016-02-02")
    assert not any(d["kind"] == "inspection" for d in report["overdue"])
    assert {d["agency"] for d in report["not_inspected"]} >= {"czj", "bb"}
    text = disclose("--lang", "zh", "status", "--as-of", "2016-02-02", "--agency", "czj").stdout
    assert "○ 未验收" in text


def test_inspection_owed_by_the_city_units_only(disclose, registry: Registry) -> None:
    status = disclose.json("status", "--as-of", "2016-02-01")
    inspected = set(states(status, "inspection"))
    assert {"tsq", "xxq", "qzhq", "blx"}.isdisjoint(inspected)  # the districts, 勃利县
    assert inspected == {a.code for a in registry.reporting_units
                         if a.kind in ("office", "bureau")}
    assert len(inspected) == 32


# ---------------------------------------------------------------- the office itself


def test_office_reports_k1_tracked_but_not_bulletined(disclose) -> None:
    status = disclose.json("status", "--as-of", "2015-09-10", "--agency", "szfb")
    assert {(d["task"], d["period"]) for d in status["deliverables"]
            if d["kind"] == "monthly"} >= {("K1", "2015-08")}
    report = disclose.json("report", "--as-of", "2015-09-10")
    assert any(d["agency"] == "szfb" and d["task"] == "K1" for d in report["overdue"])
    text = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10",
                    "--preview").stdout
    assert "市政府办（" not in text and "、市政府办" not in text
    assert "应报送15家次" in text


# ---------------------------------------------------------------- due days


def test_due_month_end_rolls_to_the_next_working_day(registry: Registry) -> None:
    assert registry.due_on("2015-10") == date(2015, 11, 2)  # Saturday 10-31 rolls (顺延)
    assert registry.due_on("2015-08") == date(2015, 8, 31)  # a Monday stays
    assert registry.phase_due("summary") == date(2015, 12, 20)  # the plan's date, a Sunday


def test_due_report_on_monday_after_a_saturday_due_day_is_on_time(disclose) -> None:
    row = disclose.monthly("czj", "K2-1", "2015-10", "2015-11-02")
    assert (row["due"], row["state"]) == ("2015-11-02", "on_time")
    text = disclose("bulletin", "--month", "2015-10", "--as-of", "2015-11-10",
                    "--preview").stdout
    assert "按时报送1家次，逾期报送0家次" in text


def test_due_bulletin_cites_the_rule_as_the_offices(disclose) -> None:
    text = disclose("bulletin", "--month", "2015-10", "--as-of", "2015-11-10",
                    "--preview").stdout
    assert "需按月向市政府办报送相关信息。按照市政府办确定的报送时间（每月最后一天前报送" in text
    assert "2015年10月份的信息应于2015年11月2日前报送" in text


@pytest.mark.parametrize(("rule", "counted_from", "roll", "month", "due"), [
    ("FREQ=MONTHLY;BYMONTHDAY=25", "period_start", "none", "2015-10", date(2015, 10, 25)),
    ("FREQ=MONTHLY;BYMONTHDAY=5", "after_period", "none", "2015-09", date(2015, 10, 5)),
    ("FREQ=MONTHLY;BYMONTHDAY=5", "after_period", "next_working_day", "2015-09",
     date(2015, 10, 8)),  # the National Day week
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "period_end", "previous_working_day", "2015-10",
     date(2015, 10, 30)),  # the last working day
])
def test_due_rules_as_recurrence_rules(rule: str, counted_from: str, roll: str, month: str,
                                       due: date) -> None:
    from qth_disclosure.registry import MonthlyRule

    monthly = MonthlyRule(("一",), "2015-07", "2015-11", check_rule(rule), "",
                          counted_from=counted_from, roll=roll)
    unrolled = monthly.due_unrolled(month)
    assert unrolled is not None
    assert WorkCalendar().rolled(unrolled, roll) == due


def test_due_annual_report_by_the_law_profile(registry: Registry) -> None:
    assert registry.annual_report_due == date(2016, 3, 31)  # 2008 art. 31
    assert first_on_or_after("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31",
                             date(2019, 12, 31)) == date(2020, 1, 31)  # 2019 art. 49


# ---------------------------------------------------------------- rates


@pytest.mark.parametrize(("part", "whole", "shown"), [
    (13, 16, "81.3"), (1, 8, "12.5"), (1, 16, "6.3"), (2, 15, "13.3"), (0, 0, "0.0"),
    (15, 15, "100.0")])
def test_rates_round_half_up(part: int, whole: int, shown: str) -> None:
    assert percent(part, whole) == shown


# ---------------------------------------------------------------- the cron report


def test_report_arrived_since_the_previous_working_day(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-09", "2015-09-25")  # a Friday
    report = disclose.json("report", "--as-of", "2015-09-28")  # the Monday after
    assert report["arrived_since"] == "2015-09-25"
    assert [a["agency"] for a in report["arrived"]] == ["czj"]


@pytest.mark.parametrize(("as_of", "code"), [
    ("2015-09-01", 3),  # August fell due on Monday 08-31
    ("2015-09-02", 0),  # nothing new since the 1st, though August is still missing
])
def test_report_fail_on_new_overdue(disclose, as_of: str, code: int) -> None:
    disclose("report", "--as-of", as_of, "--fail-on-new-overdue", code=code)
    disclose("report", "--as-of", as_of, "--fail-on-overdue", code=3)


def test_report_applications_falling_due_are_due_soon(disclose) -> None:
    disclose("request", "add", "--agency", "czj", "--received", "2015-09-01",
             "--subject", "预算公开")
    report = disclose.json("report", "--as-of", "2015-09-17", "--within", "5")
    # 15 working days: 09-03 and 09-04 were holidays (抗战胜利70周年), Sunday 09-06 worked
    assert [a["due"] for a in report["applications_due_soon"]] == ["2015-09-23"]
    none = disclose.json("report", "--as-of", "2015-09-10", "--within", "5")
    assert none["applications_due_soon"] == []


def test_rates_in_the_workbook_as_the_bulletin_counts(disclose, tmp_path) -> None:
    from openpyxl import load_workbook

    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose.monthly("szfb", "K1", "2015-08", "2015-08-28")  # the office's: not counted
    out = tmp_path / "rates.xlsx"
    disclose("export", "--out", str(out), "--as-of", "2015-09-10")
    rows = list(load_workbook(out)["统计"].iter_rows(values_only=True))
    assert rows[0][-1] == "按时报送率"
    assert next(r for r in rows if r[0] == "2015-08")[-1] == "6.7%"  # 1 of 15
    text = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10",
                    "--preview").stdout
    assert "按时报送率为6.7%" in text


def test_inspect_refuses_a_unit_the_plan_does_not_inspect(disclose, ledger_rows) -> None:
    refused = disclose("inspect", "--agency", "blx", "--verdict", "pass", "--date",
                       "2016-01-15", code=1)
    assert "blx (勃利县) is not inspected under the plan" in refused.stderr
    assert ledger_rows() == {}


def test_report_gives_each_due_months_rate_as_bulletins_count(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose.monthly("szfb", "K1", "2015-08", "2015-08-28")  # the office's own: not counted
    report = disclose.json("report", "--as-of", "2015-09-10")
    assert report["on_time_rates"] == [
        {"month": "2015-07", "on_time": 0, "owed": 15, "rate": "0.0"},
        {"month": "2015-08", "on_time": 1, "owed": 15, "rate": "6.7"}]
    assert "2015-07 0.0%  2015-08 6.7%" in disclose("report", "--as-of", "2015-09-10").stdout

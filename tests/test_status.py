"""`disclose status`: every state of a deliverable, hindsight, revisions, joint leads, phases."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from qth_disclosure.core.compliance import phase_states
from qth_disclosure.registry import Registry


def deliverable(status: dict[str, Any], kind: str, agency: str, task: str | None = None,
                period: str | None = None) -> dict[str, Any]:
    found = [d for d in status["deliverables"]
             if (d["kind"], d["agency"], d["task"], d["period"]) == (kind, agency, task, period)]
    assert len(found) == 1, found
    return found[0]


def aug_czj(disclose, as_of: str) -> dict[str, Any]:
    return deliverable(disclose.json("status", "--as-of", as_of), "monthly", "czj", "K2-1",
                       "2015-08")


@pytest.mark.parametrize(("received", "as_of", "state"), [
    ("2015-08-28", "2015-09-10", "on_time"),
    ("2015-08-31", "2015-09-10", "on_time"),   # on the due day itself
    ("2015-09-01", "2015-09-10", "late"),
    (None, "2015-09-01", "missing"),
    (None, "2015-08-31", "pending"),           # the due day is still pending
    ("2015-09-05", "2015-09-01", "missing"),   # hindsight: not yet received on that day
    ("2015-08-20", "2015-08-25", "on_time"),   # received before it was even due
])
def test_status_monthly_states(disclose, received: str | None, as_of: str, state: str) -> None:
    if received:
        disclose.monthly("czj", "K2-1", "2015-08", received)
    d = aug_czj(disclose, as_of)
    assert (d["due"], d["state"]) == ("2015-08-31", state)
    assert (d["submission"] is not None) == (state in ("on_time", "late"))


def test_status_revision_keeps_first_receipt(disclose) -> None:
    first = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-30")
    second = disclose.monthly("czj", "K2-1", "2015-08", "2015-09-03", summary="补充说明")
    assert (first["state"], second["state"]) == ("on_time", "on_time")
    d = aug_czj(disclose, "2015-09-10")
    assert (d["state"], d["submission"]) == ("on_time", first["id"])
    history = disclose.json("history", "--agency", "czj")
    assert [(h["id"], h["revision_of"]) for h in history] == [(first["id"], None),
                                                               (second["id"], first["id"])]


def test_status_returned_then_resubmitted_by_own_receipt(disclose) -> None:
    first = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-30")
    disclose("review", str(first["id"]), "--return", "--comment", "内容过简", "--date",
             "2015-09-02")
    assert aug_czj(disclose, "2015-09-01")["state"] == "on_time"   # before the review
    returned = aug_czj(disclose, "2015-09-05")
    assert (returned["state"], returned["submission"]) == ("returned", first["id"])
    second = disclose.monthly("czj", "K2-1", "2015-08", "2015-09-08", summary="补充了链接")
    assert second["state"] == "late"
    d = aug_czj(disclose, "2015-09-10")
    assert (d["state"], d["submission"]) == ("late", second["id"])
    assert aug_czj(disclose, "2015-09-07")["state"] == "returned"  # hindsight


def test_status_accepting_after_return_restores_timeliness(disclose) -> None:
    first = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-30")
    disclose("review", str(first["id"]), "--return", "--comment", "缺链接", "--date",
             "2015-09-02")
    disclose("review", str(first["id"]), "--accept", "--comment", "已核实", "--date",
             "2015-09-04")
    assert aug_czj(disclose, "2015-09-03")["state"] == "returned"
    assert aug_czj(disclose, "2015-09-05")["state"] == "on_time"


def test_status_joint_leads_report_separately(disclose) -> None:
    disclose.monthly("wjw", "K5-4", "2015-07", "2015-07-30")
    status = disclose.json("status", "--as-of", "2015-08-05")
    assert deliverable(status, "monthly", "wjw", "K5-4", "2015-07")["state"] == "on_time"
    assert deliverable(status, "monthly", "rsj", "K5-4", "2015-07")["state"] == "missing"
    assert deliverable(status, "monthly", "rsj", "K5-2", "2015-07")["state"] == "missing"


def test_status_phase_deliverables_and_inspection(disclose) -> None:
    disclose("submit", "--agency", "sjj", "--kind", "plan", "--summary", "部门方案",
             "--received", "2015-07-31")
    disclose("submit", "--agency", "sjj", "--kind", "summary", "--summary", "落实情况",
             "--received", "2015-12-21")
    disclose("inspect", "--agency", "sjj", "--verdict", "rectify", "--date", "2016-01-10",
             "--note", "链接失效")
    status = disclose.json("status", "--as-of", "2016-02-01", "--agency", "sjj")
    states = {d["kind"]: d["state"] for d in status["deliverables"] if d["kind"] != "monthly"}
    assert states == {"plan": "on_time", "summary": "late", "inspection": "rectify",
                      "annual_report": "pending"}
    text = disclose("status", "--as-of", "2016-02-01", "--agency", "sjj").stdout
    assert "! rectify 2016-01-10" in text


def test_status_json_contract(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    status = disclose.json("status", "--as-of", "2015-09-10")
    assert list(status) == ["plan", "as_of", "phases", "deliverables", "totals",
                            "plans_incomplete"]
    assert (status["plan"], status["as_of"]) == ("qth-2015", "2015-09-10")
    assert status["phases"][0] == {"id": "prepare", "name": "准备阶段", "start": "2015-07-24",
                                   "end": "2015-07-31", "state": "done"}
    assert [p["state"] for p in status["phases"]] == ["done", "active", "upcoming", "upcoming"]
    assert list(status["deliverables"][0]) == ["kind", "agency", "task", "period", "due",
                                               "state", "submission"]
    assert {d["kind"] for d in status["deliverables"]} == {"plan", "monthly", "summary",
                                                           "inspection", "annual_report"}
    # 36 units owe a plan and a summary, the 32 city units (not the 3 districts and the
    # county) are inspected, 16 (task, lead) pairs owe 5 months each, all 37 units an
    # annual report
    assert len(status["deliverables"]) == 36 * 2 + 32 + 16 * 5 + 37
    assert status["totals"] == {"on_time": 1, "late": 0, "missing": 36 + 31,
                                "pending": 16 * 3 + 36 + 32 + 37, "returned": 0}
    assert sum(status["totals"].values()) == len(status["deliverables"])


def test_status_agency_narrows_everything(disclose) -> None:
    status = disclose.json("status", "--as-of", "2015-09-10", "--agency", "市人社局")
    assert {d["agency"] for d in status["deliverables"]} == {"rsj"}
    assert {d["task"] for d in status["deliverables"] if d["task"]} == {"K5-2", "K5-4"}
    text = disclose("status", "--as-of", "2015-09-10", "--agency", "rsj").stdout
    assert "市人社局" in text and "市财政局" not in text


@pytest.mark.parametrize("phase_index", range(4))
def test_status_phase_states_on_first_and_last_day(registry: Registry, phase_index: int) -> None:
    phase = registry.phases[phase_index]
    one_day = timedelta(days=1)
    seen = {day: phase_states(registry, day)[phase_index]
            for day in (phase.start - one_day, phase.start, phase.end, phase.end + one_day)}
    assert [(s.state, s.days_left) for s in seen.values()] == [
        ("upcoming", None), ("active", (phase.end - phase.start).days), ("active", 0),
        ("done", None)]


def test_status_table_plain_in_a_pipe(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose.monthly("sjj", "K2-2", "2015-08", "2015-09-02")
    out = disclose("status", "--as-of", "2015-09-10").stdout
    assert "\x1b[" not in out
    assert "status as of 2015-09-10" in out
    assert "实施阶段 Implementation  2015-07-01  2015-11-30  active, 81 days left" in out
    grid = {line.split()[0]: line.split()[2:] for line in out.splitlines()
            if line.startswith(("市财政局", "市审计局", "市煤管局"))
            and "K" in line.split()[1]}
    assert grid == {"市财政局": ["✗", "✓", "-", "-", "-"], "市审计局": ["✗", "L", "-", "-", "-"],
                    "市煤管局": ["✗", "✗", "-", "-", "-"]}
    assert "Legend: ✓ on time  L late  ✗ missing  - pending  R returned" in out
    assert "Next deadline: 2015-09-30 (in 20 days), 16 item(s)" in out


def test_status_in_chinese(disclose) -> None:
    out = disclose("--lang", "zh", "status", "--as-of", "2015-12-05").stdout
    assert "执行情况，截至2015-12-05" in out
    assert "总结阶段" in out and "剩余15天" in out
    assert "图例：✓ 按时  迟 逾期  缺 未报  - 未到期  退 退回" in out


def test_status_csv_rows_are_deliverables(disclose) -> None:
    out = disclose("status", "--as-of", "2015-09-10", "--format", "csv").stdout.splitlines()
    assert out[0] == "kind,agency,task,period,due,state,submission"
    assert "monthly,czj,K2-1,2015-08,2015-08-31,missing," in out
    assert len(out) == 1 + 36 * 2 + 32 + 16 * 5 + 37


def test_status_markdown(disclose) -> None:
    out = disclose("status", "--as-of", "2015-09-10", "--format", "markdown").stdout
    assert "## Phases" in out and "| 市财政局 " in out


def test_status_as_of_defaults_to_today(disclose) -> None:
    status = disclose.json("status")
    assert status["as_of"] == date(2016, 3, 1).isoformat()
    assert [p["state"] for p in status["phases"]] == ["done"] * 4


def test_status_probes_agree_with_one_scan(disclose, monkeypatch) -> None:
    """Large ledgers are read by indexed probes per deliverable; small ones in one scan."""
    first = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-30")
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    disclose("review", str(first["id"]), "--return", "--comment", "过简", "--date", "2015-09-01")
    disclose.monthly("sjj", "K2-2", "2015-07", "2015-08-03")
    returned = disclose.monthly("gtj", "K3-1", "2015-08", "2015-08-20")
    disclose("review", str(returned["id"]), "--return", "--comment", "x", "--date", "2015-08-21")
    days = ("2015-08-25", "2015-09-01", "2015-09-10")
    scanned = [disclose.json("status", "--as-of", day) for day in days]
    from qth_disclosure import queries
    monkeypatch.setattr(queries, "SCAN_ROWS_PER_DELIVERABLE", 0)
    probed = [disclose.json("status", "--as-of", day) for day in days]
    assert probed == scanned
    states = {(d["agency"], d["period"]): d["state"] for d in scanned[2]["deliverables"]
              if d["task"] in ("K2-1", "K3-1")}
    assert states[("czj", "2015-08")] == "late" and states[("gtj", "2015-08")] == "returned"


def test_status_at_a_glance_comes_first(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    lines = disclose("status", "--as-of", "2015-10-05").stdout.splitlines()
    assert lines[2:6] == [
        "At a glance",
        "Problems today: missing 83, late 1, returned 0, inspections failed or to rectify 0, "
        "applications overdue 0",
        # October's month end, Saturday 10-31, rolls to Monday 11-02 (顺延)
        "Next deadline: 2015-11-02 (in 28 days), 16 item(s) (monthly report × 16)",
        "Active phase: 实施阶段 (to 2015-11-30, 56 days left)",
    ]


def test_status_only_problems(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    disclose.monthly("czj", "K2-1", "2015-09", "2015-09-30")
    shown = disclose.json("status", "--as-of", "2015-10-05", "--only", "problems")
    states = {d["state"] for d in shown["deliverables"]}
    assert states == {"missing", "late"}
    assert deliverable(shown, "monthly", "czj", "K2-1", "2015-08")["state"] == "late"
    assert not [d for d in shown["deliverables"] if d["period"] == "2015-09"
                and d["agency"] == "czj"]
    table = disclose("status", "--as-of", "2015-10-05", "--only", "problems").stdout
    assert "Problems" in table and "Phases" not in table


def test_todo_one_units_page(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    page = disclose.json("todo", "--agency", "市财政局", "--as-of", "2015-10-05")
    assert (page["agency"], page["as_of"]) == ("czj", "2015-10-05")

    def keys(part: str) -> list[tuple[str, str | None]]:
        return [(d["kind"], d["period"]) for d in page[part]]

    assert keys("overdue") == [("monthly", "2015-07"), ("plan", None), ("monthly", "2015-09")]
    assert keys("owed") == [("monthly", "2015-10"), ("monthly", "2015-11"), ("summary", None),
                            ("annual_report", "2015")]
    assert keys("sent") == [("monthly", "2015-08")] and page["sent"][0]["state"] == "late"
    assert page["returned"] == [] and page["applications"] == []


def test_todo_in_chinese(disclose) -> None:
    out = disclose("--lang", "zh", "todo", "--agency", "czj", "--as-of", "2015-10-05").stdout
    assert out.startswith("市财政局待办事项，截至2015-10-05")
    assert "已逾期未报（4）" in out and "还有28天截止" in out  # 10-31 rolls to 11-02

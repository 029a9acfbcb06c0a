"""`disclose bulletin --kind plan|summary|inspection`: the plan year's 报送情况 and 验收结果."""

from __future__ import annotations

import pytest

PLAN = ["bulletin", "--kind", "plan", "--as-of", "2015-08-10"]
SUMMARY = ["bulletin", "--kind", "summary", "--as-of", "2015-12-28"]
INSPECTION = ["bulletin", "--kind", "inspection", "--as-of", "2016-01-25"]


def line_with(text: str, start: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(start))


def section(text: str, heading: str) -> str:
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if heading in line)
    return lines[i + 1].strip()


def test_bulletin_kind_plan_names_the_plans(disclose, year) -> None:
    text = disclose(*PLAN, "--preview").stdout
    assert "七台河市人民政府办公室关于2015年政府信息公开工作部门方案报送情况的通报" in text
    assert "于2015年7月31日前报市政府办。现将2015年政府信息公开工作部门方案报送情况通报如下：" \
        in text
    # 36 units owe a plan (every unit but the office); wjw's was returned
    assert section(text, "一、总体情况") == (
        "截至2015年8月10日，应报送部门方案36家，已报送3家。其中，按时报送2家，逾期报送1家；"
        "未报送32家；因质量问题被退回、尚未重新报送1家。按时报送率为5.6%。各单位报送情况见附件。")
    # czj's plan is itemised and complete: praised; gtj's is free text: named for it
    assert section(text, "二、表扬").startswith("市财政局按时报送部门方案")
    assert line_with(text, "（一）逾期报送。") == \
        "（一）逾期报送。市审计局（2015年8月3日报送）未在规定时间内报送。"
    assert line_with(text, "（三）退回修改。") == ("（三）退回修改。市卫生计生委（退回意见：未列明"
                                                "责任人）报送的部门方案因质量问题被退回，至今未重新报送。")
    assert line_with(text, "（五）") == ("（五）部门方案未逐项列明公开事项、公开内容、公开方式、"
                                        "公开时限和责任人。涉及：市国土局、市审计局。")
    assert "请未报送、被退回的单位于2015年8月17日前向市政府办补报部门方案" in text
    assert "市政府办（" not in text and "K2-1" not in text and "plan-" not in text


def test_bulletin_kind_summary_in_json(disclose, year) -> None:
    shown = disclose.json(*SUMMARY, "--preview")
    assert (shown["kind"], shown["month"]) == ("summary", "summary")
    facts = shown["facts"]
    assert (facts["kind"], facts["periods"], facts["owed"], facts["on_time"], facts["late"],
            facts["missing"], facts["on_time_rate"]) == ("summary", [], 36, 1, 1, 34, 2.8)
    text = shown["text"]
    assert shown["title"] == "七台河市人民政府办公室关于2015年政府信息公开工作总结报送情况的通报"
    assert "于2015年12月20日前报市政府办" in text
    assert line_with(text, "（三）") == \
        "（三）工作总结内容过于简略，未具体反映工作落实情况。涉及：市审计局。"
    assert "（三）做好验收准备。市直各单位要对照《方案》做好迎接验收的准备" in text


def test_bulletin_kind_inspection_results(disclose, year) -> None:
    text = disclose(*INSPECTION, "--preview").stdout
    assert "七台河市人民政府办公室关于2015年政府信息公开工作验收结果的通报" in text
    # 32 units inspected (市直各单位: the districts and the county are not)
    assert section(text, "一、总体情况") == (
        "截至2016年1月25日，应验收32家，已验收4家。其中，验收合格2家，限期整改1家，验收不合格"
        "1家；尚未验收28家。已验收单位合格率为50.0%。各单位验收结果见附件1，考核得分排名见附件2。")
    # zjj passed only after rectifying: in the table, not praised
    assert section(text, "二、表扬") == \
        "市财政局组织推进有力，各项任务落实到位，验收合格，予以通报表扬。"
    assert line_with(text, "（一）限期整改。") == (
        "（一）限期整改。市审计局（2016年1月11日验收，验收意见：审计结果公告未及时公开整改情况）"
        "验收中发现问题，需限期整改。")
    assert line_with(text, "（二）验收不合格。").startswith(
        "（二）验收不合格。市国土局（2016年1月12日")
    # the units not inspected are the office's lapse: its undertaking, no unit blamed
    problems = text[text.index("三、存在问题"):text.index("四、下步要求")]
    assert "市编办" not in problems and "未验收" not in problems
    assert "（二）完成验收。市政府办将抓紧完成对其余28家单位的验收，并另行通报结果。" in text
    zjj = line_with(text, "5     市住建局")
    assert zjj.split() == ["5", "市住建局", "合格", "2016年1月20日",
                           "2016年1月5日验收限期整改，整改后复验合格"]
    assert "附件2\n政务公开工作考核（示例细则）得分排名（截至2016年1月25日）" in text


def test_bulletin_kind_inspection_ranking_agrees_with_rank(disclose, year) -> None:
    facts = disclose.json(*INSPECTION, "--preview")["facts"]
    assert (facts["owed"], facts["inspected"], facts["pass"], facts["rectify"], facts["fail"],
            facts["pending"], facts["missing"], facts["ranked"]) == (32, 4, 2, 1, 1, 28, 0, 32)
    md = disclose(*INSPECTION, "--preview", "--format", "markdown").stdout
    ranking = md[md.index("## 附件2"):]
    rows = [[c.strip() for c in line.strip("|").split("|")]
            for line in ranking.splitlines()[4:] if line.startswith("| ")]  # past its header
    inspected = {d["agency"] for d in disclose.json("status", "--as-of", "2016-01-25")[
        "deliverables"] if d["kind"] == "inspection"}
    ranked = [r for r in disclose.json("rank", "--as-of", "2016-01-25")
              if r["agency"] in inspected]
    assert [(r[1], r[2], r[3]) for r in rows] == [
        (r["name"], str(r["score"]), r["grade"]) for r in ranked]
    assert rows[-1] == ["32", "市国土局", "0", "不合格", "一票否决"]


def test_bulletin_kind_issued_listed_shown(disclose, year, ledger_rows) -> None:
    issued = disclose(*INSPECTION)
    assert "issued bulletin No. 1 on inspection" in issued.stderr
    disclose(*PLAN)
    disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10")
    before = ledger_rows()
    again = disclose(*INSPECTION, code=1)
    assert "already issued (No. 1)" in again.stderr and ledger_rows() == before
    listed = disclose.json("bulletin", "--list")
    assert [(b["number"], b["kind"], b["month"]) for b in listed] == [
        (1, "inspection", "inspection"), (2, "plan", "plan"), (3, "monthly", "2015-08")]
    assert [b["number"] for b in disclose.json("bulletin", "--list", "--kind", "plan")] == [2]
    # a later inspection does not change the bulletin as issued
    disclose("inspect", "--agency", "bb", "--verdict", "pass", "--date", "2016-01-15")
    assert disclose("bulletin", "--show", "1").stdout == issued.stdout
    shown = disclose.json("bulletin", "--show", "1")
    assert shown["kind"] == "inspection" and shown["reference"] == "七政办函〔2016〕1号"
    reissued = disclose.json(*INSPECTION, "--reissue")
    assert reissued["reissue_of"] == 1 and reissued["facts"]["pass"] == 3


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--kind", "plan", "--month", "2015-08"], 2, "--kind plan is on the plan's year"),
    (["--kind", "inspection", "--from", "2015-07", "--to", "2015-09"], 2, "takes no --month"),
    (["--kind", "annual_report"], 2, "monthly, plan, summary, inspection"),
    (["--kind", "monthly"], 2, "needs --month"),
    (["--show", "1", "--kind", "plan"], 2, "--show takes no --kind"),
])
def test_bulletin_kind_refusals(disclose, ledger_rows, args, code, words) -> None:
    result = disclose("bulletin", *args, code=code)
    assert words in result.stderr and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and ledger_rows() == {}


def test_bulletin_kind_overtaken_by_a_backdated_write(disclose, year) -> None:
    disclose(*PLAN)
    disclose(*INSPECTION)
    disclose("bulletin", "--from", "2015-07", "--to", "2015-09", "--as-of", "2015-10-12")
    plan = disclose("submit", "--agency", "bb", "--kind", "plan", "--received", "2015-08-05",
                    "--summary", "制定了本办政府信息公开工作方案，明确公开事项和责任人")
    assert "bulletin No. 1 (plan, as of 2015-08-10)" in plan.stderr
    assert "No. 2" not in plan.stderr
    inspected = disclose("inspect", "--agency", "bb", "--verdict", "pass", "--date",
                         "2016-01-22")
    assert "bulletin No. 2 (inspection, as of 2016-01-25)" in inspected.stderr
    # a month inside a bulletin on several months
    monthly = disclose("submit", "--agency", "gtj", "--task", "K3-1", "--month", "2015-08",
                       "--received", "2015-09-09", "--summary", "公开了土地供应计划和出让结果")
    assert "bulletin No. 3 (2015-07..2015-09, as of 2015-10-12)" in monthly.stderr
    summary = disclose("submit", "--agency", "bb", "--kind", "summary", "--received",
                       "2015-12-19", "--summary", "全年公开机构编制信息共30条，按时办结申请")
    assert "note:" not in summary.stderr  # no bulletin on the summaries was issued

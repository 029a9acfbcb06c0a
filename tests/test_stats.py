"""Annual-report statistics: every cell of both templates for a year built by hand.

The year 2015 below is made through the command line, application by application; the
comment on each one says what it adds to 2015's tables. Every expected figure was counted
by hand from those comments, not by the code under test.
"""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from qth_disclosure.core.stats import (
    PROACTIVE_ITEMS,
    TEMPLATE_IDS,
    Statistics,
    TemplateError,
    check_rules,
    compute,
    default_template,
    load_template,
    template_path,
)
from qth_disclosure.errors import InputError
from qth_disclosure.i18n import t
from qth_disclosure.ledger import Application, Event
from qth_disclosure.output.plaintable import width
from qth_disclosure.output.render import render_document
from qth_disclosure.registry import Registry
from qth_disclosure.views.stats import stats_blocks, stats_data


def build_2015(disclose) -> None:
    def add(agency: str, received: str, kind: str, channel: str, *extra: str) -> None:
        disclose("request", "add", "--agency", agency, "--received", received, "--subject",
                 "预算信息", "--applicant-kind", kind, "--channel", channel, *extra)

    def answer(number: int, day: str, outcome: str, ground: str | None = None) -> None:
        extra = [] if outcome == "disclosed" else ["--reason", "理由", "--basis", "《条例》"]
        extra += ["--ground", ground] if ground else []
        disclose("request", "answer", str(number), "--date", day, "--outcome", outcome, *extra)

    def appeal(number: int, kind: str, day: str, result: str) -> None:
        disclose("request", "appeal", str(number), "--kind", kind, "--date", day,
                 "--result", result)

    # ---- 市财政局 (czj)
    add("czj", "2014-11-03", "natural_person", "in_person")  # 1: answered 2014: not in 2015
    answer(1, "2014-11-10", "disclosed")
    appeal(1, "reconsideration", "2014-12-01", "pending")  # a 2014 case: not in 2015
    appeal(1, "reconsideration", "2015-03-02", "upheld")
    appeal(1, "lawsuit", "2015-04-01", "pending")  # 复议后起诉, brought in 2015
    appeal(1, "lawsuit", "2015-09-01", "corrected")  # ... its result by 31 December
    add("czj", "2014-12-22", "natural_person", "in_person")  # 2: carried in
    answer(2, "2015-01-06", "disclosed")  # due 2015-01-13: on time
    add("czj", "2015-03-02", "commercial_enterprise", "web")  # 3
    answer(3, "2015-03-10", "not_disclosed", "commercial_secret")
    appeal(3, "reconsideration", "2015-04-01", "pending")
    appeal(3, "reconsideration", "2015-06-01", "upheld")  # 复议 upheld
    add("czj", "2015-04-01", "natural_person", "email")  # 4: due 04-23, extended to 05-15
    disclose("request", "extend", "4", "--date", "2015-04-15", "--approved-by", "办公室主任")
    answer(4, "2015-05-06", "partly_disclosed", "privacy")  # 延期办结
    add("czj", "2015-06-01", "natural_person", "mail")  # 5: due 06-23
    answer(5, "2015-07-15", "not_exist")  # late: neither 按时 nor 延期 (2014 form)
    add("czj", "2015-07-01", "legal_service_org", "fax")  # 6
    disclose("request", "pause", "6", "--date", "2015-07-03", "--why", "clarify")  # 告知补充
    disclose("request", "resume", "6", "--date", "2015-07-10")
    answer(6, "2015-07-20", "not_held")
    add("czj", "2015-08-17", "natural_person", "in_person")  # 7
    answer(7, "2015-08-24", "not_disclosed", "privacy")
    add("czj", "2015-12-28", "natural_person", "in_person")  # 8: carried over to 2016
    answer(8, "2016-01-05", "disclosed")
    # ---- 市民政局 (mzj)
    add("mzj", "2014-12-29", "commercial_enterprise", "fax")  # 9: carried in and over
    add("mzj", "2015-05-04", "social_welfare_org", "in_person", "--answered-on-spot")  # 10
    add("mzj", "2015-08-03", "research_institution", "web")  # 11
    answer(11, "2015-08-10", "not_disclosed", "state_secret")
    appeal(11, "lawsuit", "2015-09-01", "pending")  # 未经复议直接起诉, pending
    add("mzj", "2015-09-07", "other_org", "mail")  # 12
    answer(12, "2015-09-14", "not_government_information")  # 2021: （六）3.其他
    appeal(12, "reconsideration", "2015-10-09", "corrected")
    add("mzj", "2015-10-12", "natural_person", "email")  # 13
    answer(13, "2015-10-20", "not_disclosed", "security_stability")
    appeal(13, "reconsideration", "2015-11-20", "other")
    add("mzj", "2015-11-02", "natural_person", "in_person")  # 14
    answer(14, "2015-11-09", "not_disclosed", "other_law")
    appeal(14, "reconsideration", "2015-12-01", "pending")
    appeal(14, "reconsideration", "2016-01-20", "other")  # after the year: still pending
    add("mzj", "2015-12-30", "natural_person", "web")  # 15: carried over


def grid(text: str) -> dict[str, list[int]]:
    """`key n n n` lines: a row key and its figures, column by column."""
    rows = (line.split() for line in text.strip().splitlines())
    return {key: [int(v) for v in values] for key, *values in rows}


def figures(data: dict, table: str) -> dict[str, list[int]]:
    (found,) = [t for t in data["tables"] if t["key"] == table]
    keys = [c["key"] for c in found["columns"]]
    return {r["key"]: [r["values"][k] for k in keys] for r in found["rows"] if not r["heading"]}


# 2021, table 三. Columns: 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
# the group rows （三）–（六） are headings without figures, as on the form
T3_2021_ROWS = [
    "new", "carried_in", "disclosed", "partly_disclosed", "denied_1", "denied_2",
    "denied_3", "denied_4", "denied_5", "denied_6", "denied_7", "denied_8",
    "unable_1", "unable_2", "unable_3", "not_processed_1", "not_processed_2",
    "not_processed_3", "not_processed_4", "not_processed_5",
    "other_processing_1", "other_processing_2", "other_processing_3", "total_results",
    "carried_out",
]
T3_2021 = {
    "czj": """
        new                 4 1 0 0 1 0 6
        carried_in          1 0 0 0 0 0 1
        disclosed           1 0 0 0 0 0 1
        partly_disclosed    1 0 0 0 0 0 1
        denied_4            1 1 0 0 0 0 2
        unable_1            1 0 0 0 1 0 2
        total_results       4 1 0 0 1 0 6
        carried_out         1 0 0 0 0 0 1
    """,
    "mzj": """
        new                 3 0 1 1 0 1 6
        carried_in          0 1 0 0 0 0 1
        disclosed           0 0 0 1 0 0 1
        denied_1            0 0 1 0 0 0 1
        denied_2            1 0 0 0 0 0 1
        denied_3            1 0 0 0 0 0 1
        other_processing_3  0 0 0 0 0 1 1
        total_results       2 0 1 1 0 1 5
        carried_out         1 1 0 0 0 0 2
    """,
    "city": """
        new                 7 1 1 1 1 1 12
        carried_in          1 1 0 0 0 0 2
        disclosed           1 0 0 1 0 0 2
        partly_disclosed    1 0 0 0 0 0 1
        denied_1            0 0 1 0 0 0 1
        denied_2            1 0 0 0 0 0 1
        denied_3            1 0 0 0 0 0 1
        denied_4            1 1 0 0 0 0 2
        unable_1            1 0 0 0 1 0 2
        other_processing_3  0 0 0 0 0 1 1
        total_results       6 1 1 1 1 1 11
        carried_out         2 1 0 0 0 0 3
    """,
}
# 2021, table 四, one row: 行政复议, 未经复议直接起诉, 复议后起诉, each 维持 纠正 其他 尚未审结 总计
T4_2021 = {"czj": [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1],
           "mzj": [0, 1, 1, 1, 3, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
           "city": [1, 1, 1, 1, 4, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1]}
# 2014, one column each; columns: 市财政局 市民政局 city
T2014 = """
    received                            6 6 12
    in_person                           2 2 4
    fax                                 1 0 1
    online                              2 3 5
    mail                                1 1 2
    finished                            6 5 11
    on_time                             4 5 9
    delayed                             1 0 1
    replies                             7 5 12
    already_public                      0 0 0
    disclosed                           1 1 2
    partly_disclosed                    1 0 1
    refused                             2 4 6
    refused_state_secret                0 1 1
    refused_commercial_secret           1 0 1
    refused_privacy                     1 0 1
    refused_security_stability          0 1 1
    refused_not_government_information  0 1 1
    refused_other_law                   0 1 1
    not_held                            1 0 1
    not_exist                           1 0 1
    clarify                             1 0 1
    other_route                         0 0 0
    t4.reconsiderations                 1 3 4
    t4.upheld                           1 0 1
    t4.corrected                        0 1 1
    t4.other                            0 2 2
    t5.lawsuits                         1 1 2
    t5.upheld                           0 0 0
    t5.corrected                        1 0 1
    t5.other                            0 1 1
"""
SCOPES = {"czj": ["--agency", "czj"], "mzj": ["--agency", "市民政局"], "city": []}


def test_stats_2021_every_cell(disclose) -> None:
    build_2015(disclose)
    for scope, option in SCOPES.items():
        data = disclose.json("stats", "--year", "2015", "--template", "2021", *option)
        expected = {key: [0] * 7 for key in T3_2021_ROWS} | grid(T3_2021[scope])
        assert figures(data, "t3") == expected, scope
        assert figures(data, "t4") == {"cases": T4_2021[scope]}, scope
        assert data["agency"] == (None if scope == "city" else scope)


def test_stats_2014_every_cell(disclose) -> None:
    build_2015(disclose)
    expected = grid(T2014)
    for i, (scope, option) in enumerate(SCOPES.items()):
        data = disclose.json("stats", "--year", "2015", *option)  # 2014 is 2015's default
        assert data["template"] == "2014"
        got = {f"{table}.{key}" if table != "t3" else key: values
               for table in ("t3", "t4", "t5") for key, values in figures(data, table).items()}
        assert got == {key: [values[i]] for key, values in expected.items()}, scope


def test_stats_year_boundaries_agree(disclose) -> None:
    build_2015(disclose)
    years = {y: disclose.json("stats", "--year", str(y), "--template", "2021")
             for y in (2014, 2015)}
    # what 2014 carried over is what 2015 carried in, column by column
    assert figures(years[2014], "t3")["carried_out"] == figures(years[2015], "t3")["carried_in"]
    # 2014 saw #1's reconsideration as pending: its 2015 result is not counted again
    assert figures(years[2014], "t4")["cases"][:5] == [0, 0, 0, 1, 1]


def test_stats_text_markdown_csv(disclose) -> None:
    build_2015(disclose)
    text = disclose("stats", "--year", "2015", "--template", "2021", "--agency", "czj").stdout
    title = "政府信息公开工作年度报告（国办公开办函〔2021〕30号）表二、表三、表四"
    assert text.startswith(f"七台河市财政局, 2015: {title}\n")
    for label in ("三、收到和处理政府信息公开申请情况", "法人或其他组织", "3.危及“三安全一稳定”",
                  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                  "申请人情况", "行政诉讼", "复议后起诉", "all 5 consistency checks hold"):
        assert label in text
    line = next(x for x in text.splitlines() if x.startswith("一、本年新收"))
    assert line.split()[1:] == ["4", "1", "0", "0", "1", "0", "6"]
    assert disclose("stats", "--year", "2015", "--template", "2021", "--agency", "czj",
                    "--format", "table").stdout == text
    markdown = disclose("stats", "--year", "2015", "-f", "markdown").stdout
    assert "## 三、依申请公开情况" in markdown and "| 4.不同意公开答复数" in markdown
    csv = disclose("stats", "--year", "2015", "--template", "2021", "-f", "csv").stdout
    lines = csv.splitlines()
    assert lines[0].startswith("table,row,label,natural_person,commercial_enterprise,")
    assert "t3,new,一、本年新收政府信息公开申请数量,7,1,1,1,1,1,12" + "," * 15 in lines
    assert "t3,results,三、本年度办理结果" + "," * 22 in lines
    assert lines[-1] == "t4,cases,案件数" + "," * 8 + "1,1,1,1,4,0,0,0,1,1,0,1,0,0,1"


@pytest.mark.parametrize(("args", "words"), [
    (["--agency", "市财务局"], ["unknown agency '市财务局'", "市财政局"]),
    (["--year", "2016"], ["--year 2016", "2008", "2015"]),  # not over on 2016-03-01
    (["--year", "2007"], ["--year 2007"]),  # before the Regulations took effect (2008-05-01)
    (["--year", "0"], ["--year 0"]),
])
def test_stats_refuses_unknown_agency_or_impossible_year(disclose, args: list[str],
                                                         words: list[str]) -> None:
    result = disclose("stats", "--year", "2015", *args, code=1)
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert all(w in result.stderr for w in words), result.stderr


def test_stats_broken_template_refused_naming_the_rule(disclose, tmp_path: Path) -> None:
    disclose("request", "add", "--agency", "czj", "--received", "2015-03-02", "--subject", "s")
    disclose("request", "answer", "1", "--date", "2015-03-10", "--outcome", "not_disclosed",
             "--ground", "privacy", "--reason", "r", "--basis", "b")
    broken = tmp_path / "2021.yaml"
    text = template_path("2021").read_text(encoding="utf-8")
    # （七）总计 forgets （三）4.: well-formed, but 一+二 no longer equals 三（七）+四
    broken.write_text(text.replace("denied_3, denied_4, denied_5,", "denied_3, denied_5,"),
                      encoding="utf-8")
    result = disclose("stats", "--year", "2015", "--template-file", str(broken), code=1)
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert "t3-balance" in result.stderr
    assert "t3[natural_person]: new + carried_in = 1 \u2260 total_results + carried_out = 0" \
        in result.stderr


def test_stats_rules_catch_a_wrong_figure(registry: Registry) -> None:
    template = load_template(template_path("2021"))
    apps = [Application("qth-2015", "czj", date(2015, 3, 2), "s", "", "natural_person", "web",
                        "gir-2008", id=1)]
    events = [Event(1, "answer", date(2015, 3, 10), {"outcome": "disclosed"}, id=1)]
    result = compute(registry, template, apps, events, 2015)
    t3 = result.tables[0]
    assert t3.values["disclosed"]["total"] == 1
    t3.values["disclosed"]["natural_person"] = 0  # as if the template had counted it wrong
    with pytest.raises(InputError) as refused:
        check_rules(template, t3)
    assert refused.value.params["rule"] == "t3-total-column"
    assert refused.value.params["detail"].startswith("t3[disclosed]: total = 1")


def appeals_2015() -> tuple[list[Application], list[Event]]:
    """Two applications of 2015: the first reconsidered (upheld), then taken to court after
    it (corrected); the second taken to court directly (other)."""
    apps = [Application("qth-2015", "czj", date(2015, 3, 2), "s", "", "natural_person", "web",
                        "gir-2008", id=n) for n in (1, 2)]
    events = [Event(1, "answer", date(2015, 3, 10), {"outcome": "disclosed"}, id=1),
              Event(2, "answer", date(2015, 3, 10), {"outcome": "disclosed"}, id=2),
              Event(1, "appeal", date(2015, 4, 1),
                    {"kind": "reconsideration", "result": "upheld"}, id=3),
              Event(1, "appeal", date(2015, 6, 1), {"kind": "lawsuit", "result": "corrected"},
                    id=4),
              Event(2, "appeal", date(2015, 6, 1), {"kind": "lawsuit", "result": "other"}, id=5)]
    return apps, events


@pytest.mark.parametrize(("cell", "rule", "detail"), [
    # each of the form's three totals of table 四 against the four results beside it
    ("review_upheld", "t4-review-total", "t4[cases]: review_total = 1 \u2260 review_upheld + "
     "review_corrected + review_other + review_pending = 0"),
    ("direct_other", "t4-direct-total", "t4[cases]: direct_total = 1 \u2260 direct_upheld + "
     "direct_corrected + direct_other + direct_pending = 2"),
    ("after_review_corrected", "t4-after-review-total", "t4[cases]: after_review_total = 1"),
])
def test_stats_rules_catch_a_wrong_figure_of_table_four(registry: Registry, cell: str,
                                                        rule: str, detail: str) -> None:
    template = load_template(template_path("2021"))
    apps, events = appeals_2015()
    t4 = next(t for t in compute(registry, template, apps, events, 2015).tables
              if t.spec.key == "t4")
    assert {k: v for k, v in t4.values["cases"].items() if v} == {
        "review_upheld": 1, "review_total": 1, "direct_other": 1, "direct_total": 1,
        "after_review_corrected": 1, "after_review_total": 1}
    check_rules(template, t4)  # as counted, every rule holds
    t4.values["cases"][cell] = 0 if cell != "direct_other" else 2  # as if counted wrong
    with pytest.raises(InputError) as refused:
        check_rules(template, t4)
    assert refused.value.params["rule"] == rule
    assert refused.value.params["detail"].startswith(detail)


@pytest.mark.parametrize(("table", "row", "rule", "detail"), [
    ("t4", "upheld", "t4-items", "t4[count]: reconsiderations = 1 \u2260 upheld + corrected + "
     "other = 0"),
    ("t5", "other", "t5-items", "t5[count]: lawsuits = 2 \u2260 upheld + corrected + other = 1"),
])
def test_stats_rules_catch_a_wrong_figure_of_the_2014_form(
        registry: Registry, table: str, row: str, rule: str, detail: str) -> None:
    template = load_template(template_path("2014"))
    apps, events = appeals_2015()
    found = next(t for t in compute(registry, template, apps, events, 2015).tables
                 if t.spec.key == table)
    check_rules(template, found)
    found.values[row]["count"] -= 1
    with pytest.raises(InputError) as refused:
        check_rules(template, found)
    assert (refused.value.params["rule"], refused.value.params["detail"]) == (rule, detail)


SUM_LINE = "sum: [disclosed, partly_disclosed, denied_1, denied_2, denied_3, denied_4, denied_5,"


@pytest.mark.parametrize(("old", "new", "key", "value"), [
    (SUM_LINE, SUM_LINE.replace("denied_1,", "denid_1,"), "stats_unknown_row", "denid_1"),
    (SUM_LINE, SUM_LINE.replace("[disclosed,", "[total_results,"), "stats_sum_cycle", None),
    ("outcome: [partly_disclosed]}", "outcom: [partly_disclosed]}", "unknown_key", None),
    ("outcome: [partly_disclosed]}", "outcome: [partly_disclosd]}", "not_one_of",
     "partly_disclosd"),
    ("{key: denied_2,", "{key: denied_1,", "duplicate_id", "denied_1"),
    ("[[new, carried_in]", "[[new, results]", "stats_unknown_row", "results"),  # a heading
    ("set: received_in_year}", "set: received}", "not_one_of", "received"),
], ids=["unknown-row-in-sum", "sum-of-itself", "unknown-field", "unknown-value",
        "duplicate-key", "rule-on-heading", "unknown-set"])
def test_stats_malformed_template_refused_with_file_and_line(
        tmp_path: Path, old: str, new: str, key: str, value: str | None) -> None:
    text = template_path("2021").read_text(encoding="utf-8")
    path = tmp_path / "2021.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    edited = text[:text.index(old)].count("\n") + 1
    with pytest.raises(TemplateError) as refused:
        load_template(path)
    problem = refused.value.problems[0]
    assert (problem.key, problem.params.get("value")) == (key, value)
    # on the edited line, or on the first line of the entry holding it
    assert problem.line is not None and edited - 2 <= problem.line <= edited
    assert refused.value.message("en").startswith(f"{path}:{problem.line}: ")


def test_stats_shipped_templates_and_defaults(tmp_path: Path) -> None:
    for template_id in TEMPLATE_IDS:
        assert load_template(template_path(template_id)).id == template_id
    assert [default_template(y) for y in (2015, 2018, 2019, 2021)] == [
        "2014", "2014", "2021", "2021"]
    missing = tmp_path / "none.yaml"
    with pytest.raises(TemplateError, match=r"none\.yaml: file not found"):
        load_template(missing)
    shutil.copy(template_path("2014"), tmp_path / "2014.yaml")
    assert load_template(tmp_path / "2014.yaml").tables[1].key == "t3"


# the official layout of 国办公开办函〔2021〕30号, tables 三 and 四, as the Word template
# gives it (docs: disclosure-law.md §1.8): rows in order, group rows without figures
OFFICIAL_T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", False), ("二、上年结转政府信息公开申请数量", False),
    ("三、本年度办理结果", True), ("（一）予以公开", False),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", False),
    ("（三）不予公开", True), ("1.属于国家秘密", False), ("2.其他法律行政法规禁止公开", False),
    ("3.危及“三安全一稳定”", False), ("4.保护第三方合法权益", False),
    ("5.属于三类内部事务信息", False), ("6.属于四类过程性信息", False),
    ("7.属于行政执法案卷", False), ("8.属于行政查询事项", False),
    ("（四）无法提供", True), ("1.本机关不掌握相关政府信息", False),
    ("2.没有现成信息需要另行制作", False), ("3.补正后申请内容仍不明确", False),
    ("（五）不予处理", True), ("1.信访举报投诉类申请", False), ("2.重复申请", False),
    ("3.要求提供公开出版物", False), ("4.无正当理由大量反复申请", False),
    ("5.要求行政机关确认或重新出具已获取信息", False),
    ("（六）其他处理", True),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", False),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", False),
    ("3.其他", False), ("（七）总计", False), ("四、结转下年度继续办理", False),
]
# (label, group, band): 申请人情况 spans table 三's seven columns, 行政诉讼 table 四's ten
# lawsuit columns, and 行政复议's five have none above their group
OFFICIAL_T3_COLUMNS = [
    ("自然人", None, "申请人情况"),
    *((k, "法人或其他组织", "申请人情况") for k in ("商业企业", "科研机构", "社会公益组织",
                                                   "法律服务机构", "其他")),
    ("总计", None, "申请人情况")]
OFFICIAL_T4_COLUMNS = [
    (label, group, band) for group, band in (("行政复议", None), ("未经复议直接起诉", "行政诉讼"),
                                            ("复议后起诉", "行政诉讼"))
    for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]


def test_stats_2021_tables_match_the_official_layout_cell_by_cell() -> None:
    template = load_template(template_path("2021"))
    t3, t4 = template.tables
    assert (t3.title, t4.title) == ("三、收到和处理政府信息公开申请情况",
                                    "四、政府信息公开行政复议、行政诉讼情况")
    assert [(r.label, r.kind == "heading") for r in t3.rows] == OFFICIAL_T3_ROWS
    assert [(c.label, c.group, c.band) for c in t3.columns] == OFFICIAL_T3_COLUMNS
    assert [(c.label, c.group, c.band) for c in t4.columns] == OFFICIAL_T4_COLUMNS
    assert [(band, len(keys)) for band, keys in t3.bands] == [("申请人情况", 7)]
    assert t4.bands == (("行政诉讼", tuple(c.key for c in t4.columns[5:])),)
    assert [r.label for r in t4.rows] == ["案件数"]
    # every cell of the form is a cell of the template: 30 rows (5 without figures) × 7
    assert sum(1 for r in t3.data_rows for _ in t3.columns) == 25 * 7


# ---------------------------------------------------------------- the headers above the columns

T3_TITLE, T4_TITLE = "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _one_year(registry: Registry) -> Statistics:
    """The 2021 form over one application: headers do not depend on the figures."""
    apps = [Application("qth-2015", "czj", date(2015, 3, 2), "s", "", "natural_person", "web",
                        "gir-2008", id=1)]
    events = [Event(1, "answer", date(2015, 3, 10), {"outcome": "disclosed"}, id=1)]
    return compute(registry, load_template(template_path("2021")), apps, events, 2015)


def _drawn(registry: Registry, fmt: str, stream: io.StringIO | None = None) -> str:
    out = stream or io.StringIO()
    render_document(stats_blocks(_one_year(registry), "czj", partial(t, "en")), fmt, out)
    return re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())


def _after(text: str, title: str, count: int) -> list[str]:
    lines = text.splitlines()
    start = lines.index(title) + 1
    return lines[start:start + count]


def _runs(line: str) -> list[tuple[int, int]]:
    """Where each rule (dashes) of a line starts and ends."""
    return [(m.start(), m.end()) for m in re.finditer(r"[-┄─]+", line)]


def test_stats_bands_over_groups_in_plain_text(registry: Registry) -> None:
    text = _drawn(registry, "table")
    band, band_rule, group, group_rule, header, rule = _after(text, T3_TITLE, 6)
    columns = _runs(rule)  # item, then the seven applicant columns
    assert header.split() == ["item", "自然人", "商业企业", "科研机构", "社会公益组织",
                              "法律服务机构", "其他", "总计"]
    assert band == " " * 109 + "申请人情况"  # centred over all seven
    assert _runs(band_rule) == [(columns[1][0], columns[7][1])]
    assert group == " " * 108 + "法人或其他组织"  # over the five kinds of organisation
    assert _runs(group_rule) == [(columns[2][0], columns[6][1])]

    band, band_rule, group, group_rule, header, rule = _after(text, T4_TITLE, 6)
    c = _runs(rule)
    assert header.split() == ["item", *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3]
    assert band == " " * 115 + "行政诉讼"  # over the ten lawsuit columns, not 行政复议's
    assert _runs(band_rule) == [(c[6][0], c[15][1])]
    assert group.split() == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert _runs(group_rule) == [(c[1][0], c[5][1]), (c[6][0], c[10][1]), (c[11][0], c[15][1])]
    assert "行政诉讼：" not in text


def test_stats_bands_over_groups_in_markdown_and_json(registry: Registry) -> None:
    text = _drawn(registry, "markdown")

    def cells(line: str) -> list[str]:
        return [c.strip() for c in line.strip("|").split("|")]

    header, _, band, group = _after(text, f"## {T3_TITLE}", 5)[1:]
    assert cells(header)[:3] == ["item", "自然人", "商业企业"]
    assert cells(band) == ["", "申请人情况", *[""] * 6]  # a first row per level, as groups
    assert cells(group) == ["", "", "法人或其他组织", *[""] * 5]
    header, _, band, group = _after(text, f"## {T4_TITLE}", 5)[1:]
    assert cells(band) == ["", *[""] * 5, "行政诉讼", *[""] * 9]
    assert cells(group) == ["", "行政复议", *[""] * 4, "未经复议直接起诉", *[""] * 4,
                            "复议后起诉", *[""] * 4]

    data = stats_data(_one_year(registry))
    t3, t4 = data["tables"]
    assert [(c["group"], c["band"]) for c in t3["columns"]][:2] == [
        (None, "申请人情况"), ("法人或其他组织", "申请人情况")]
    assert [(c["group"], c["band"]) for c in t4["columns"]][4:6] == [
        ("行政复议", None), ("未经复议直接起诉", "行政诉讼")]


@pytest.mark.parametrize("columns", [80, 160])
def test_stats_bands_on_a_terminal_each_part_repeats_them(
        registry: Registry, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", str(columns))
    text = _drawn(registry, "table", FakeTerminal())
    assert max(width(line) for line in text.splitlines()) <= columns
    lines = text.splitlines()
    t4 = lines[lines.index(T4_TITLE) + 1:lines.index(T4_TITLE) + 24]
    parts = "\n".join(t4).split("\n\n")[:3]
    # each part's lines above its columns' own headers (item ...), without the rules
    names = [[line.strip() for line in part.split("\nitem")[0].splitlines() if not _runs(line)]
             for part in parts]
    if columns == 160:  # whole: the band over the two lawsuits' groups
        band, band_rule, group, group_rule = parts[0].splitlines()[:4]
        assert [band.strip(), group.split()] == [
            "行政诉讼", ["行政复议", "未经复议直接起诉", "复议后起诉"]]
        assert _runs(band_rule) == [(_runs(group_rule)[1][0], _runs(group_rule)[2][1])]
        return
    # 80 columns: one part a group, each lawsuit's repeating the band above it
    assert names == [["行政复议"], ["行政诉讼", "未经复议直接起诉"], ["行政诉讼", "复议后起诉"]]
    for part in parts[1:]:
        band_rule, group_rule = [_runs(line) for line in part.splitlines()[1:4:2]]
        assert band_rule == group_rule  # the band spans the part's columns, as its group
    t3 = "\n".join(lines[lines.index(T3_TITLE) + 1:lines.index(T4_TITLE)]).split("\n\n")
    heads = [[line.split() for line in part.splitlines()[:5]] for part in t3 if part.strip()]
    assert [h[0] for h in heads] == [["申请人情况"], ["申请人情况"]]
    assert [h[2] for h in heads] == [["法人或其他组织"], ["法人或其他组织"]]
    assert [h[4] for h in heads] == [["item", "自然人", "商业企业", "科研机构", "社会公益组织"],
                                     ["item", "法律服务机构", "其他", "总计"]]


@pytest.mark.parametrize(("old", "new", "key", "column", "words"), [
    # the five organisation columns in a band of their own: 总计 is 申请人情况 again after it
    ("band: 申请人情况\n        group: 法人或其他组织", "band: 法人\n        group: 法人或其他组织",
     "stats_band_not_contiguous", "total", ["'申请人情况'", "natural_person"]),
    # 行政复议's 总计 under the lawsuits' band: its group would run across two bands
    ("{key: review_total, label: 总计, group: 行政复议,",
     "{key: review_total, label: 总计, band: 行政诉讼, group: 行政复议,",
     "stats_group_across_bands", "review_total", ["'行政复议'", "review_pending", "'—'"]),
], ids=["band-apart", "group-across-bands"])
def test_stats_band_spans_contiguous_columns_around_whole_groups(
        tmp_path: Path, old: str, new: str, key: str, column: str, words: list[str]) -> None:
    text = template_path("2021").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "2021.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(TemplateError) as refused:
        load_template(path)
    (problem,) = refused.value.problems
    assert problem.key == key and problem.params["where"].endswith(f".columns.{column}")
    lines = text.splitlines()
    assert problem.line is not None and f"key: {column}" in lines[problem.line - 1]
    message = refused.value.message("en")
    assert message.startswith(f"{path}:{problem.line}: ") and "\n" not in message
    assert all(w in message for w in words), message
    assert all(w in refused.value.message("zh") for w in words)


# ---------------------------------------------------------------- table 二, as template data

# the 2021 form's table 二 (国办公开办函〔2021〕30号): four blocks, each under the article of
# the 2019 Regulations it reports on, with its own headings; each row's recorded items
OFFICIAL_T2 = [
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), (
        ("规章", ("regulations_made", "regulations_repealed", "regulations_in_force")),
        ("行政规范性文件", ("normative_documents_made", "normative_documents_repealed",
                           "normative_documents_in_force")))),
    ("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", ("licences",)),)),
    ("第二十条第（六）项", ("本年处理决定数量",), (("行政处罚", ("penalties",)),
                                             ("行政强制", ("enforcement_measures",)))),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", ("fees",)),)),
]


def test_stats_2021_table_two_is_the_templates_and_the_forms() -> None:
    template = load_template(template_path("2021"))
    assert template.proactive is not None
    assert template.proactive.title == "二、主动公开政府信息情况"
    assert [(b.heading, b.columns, b.rows) for b in template.proactive.blocks] == OFFICIAL_T2
    # every recorded item is shown once, and the 2014 form has no table 二
    shown = [i for b in template.proactive.blocks for _, items in b.rows for i in items]
    assert sorted(shown) == sorted(PROACTIVE_ITEMS)
    assert load_template(template_path("2014")).proactive is None


TABLE_TWO_ROW = "- {label: 行政许可, items: [licences]}"


@pytest.mark.parametrize(("new", "key", "value"), [
    ("- {label: 行政许可, items: [licence]}", "not_one_of", "licence"),
    ("- {label: 行政许可, items: [licences, penalties]}", "stats_items_per_column", None),
    ("- {label: 行政许可}", "missing_key", None),
    ("- {label: 行政许可, items: [licences], note: x}", "unknown_key", None),
], ids=["unknown-item", "items-per-column", "no-items", "unknown-key"])
def test_stats_table_two_malformed_refused_with_file_and_line(
        tmp_path: Path, new: str, key: str, value: str | None) -> None:
    text = template_path("2021").read_text(encoding="utf-8")
    assert text.count(TABLE_TWO_ROW) == 1
    path = tmp_path / "2021.yaml"
    path.write_text(text.replace(TABLE_TWO_ROW, new), encoding="utf-8")
    with pytest.raises(TemplateError) as refused:
        load_template(path)
    (problem,) = refused.value.problems
    assert (problem.key, problem.params.get("value")) == (key, value)
    assert problem.line == text[:text.index(TABLE_TWO_ROW)].count("\n") + 1
    assert "proactive.blocks[2].rows[1]" in problem.params["where"]
    message = refused.value.message("en")
    assert message.startswith(f"{path}:{problem.line}: ") and "\n" not in message

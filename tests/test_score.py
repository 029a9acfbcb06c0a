"""考核: the scoring rules as registry data, each unit's score traced to its ledger rows,
and the ranking (报送排行), on both ledger backends."""

from __future__ import annotations

import itertools
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from qth_disclosure import queries
from qth_disclosure.core.scoring import (
    Point,
    Ranked,
    UnitScore,
    rank,
    ranking_rows,
    ranking_table,
    score_units,
)
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import Ledger
from qth_disclosure.registry import Registry, load_registry
from qth_disclosure.registry.load import check_registry
from qth_disclosure.registry.model import ScoringRules

SEPT_10 = date(2015, 9, 10)


def scores(registry: Registry, location: str, day: date,
           agency: str | None = None) -> dict[str, UnitScore]:
    with Ledger.open(location, for_writing=False) as ledger:
        return {s.agency: s for s in queries.scores(registry, ledger, day, agency)}


def rules_named(unit: UnitScore) -> list[tuple[str, int]]:
    return [(p.rule, int(p.points)) for p in unit.points]


# ---------------------------------------------------------------- the core, via the ledger


def test_score_is_the_sum_of_its_points(august, registry: Registry,
                                        ledger_location: str) -> None:
    found = scores(registry, ledger_location, SEPT_10)
    assert found and all(u.score == sum(p.points for p in u.points) for u in found.values())


def test_score_traces_each_point_to_its_rows(august, registry: Registry,
                                             ledger_location: str) -> None:
    found = scores(registry, ledger_location, SEPT_10)
    # wjw: its August report #3 returned by review #1; July and its plan missing
    wjw = found["wjw"]
    assert rules_named(wjw) == [("base", 100), ("plan.missing", -5), ("monthly.missing", -6),
                                ("monthly.returned", -3), ("review.return", -1)]
    returned = wjw.points[3]
    assert (returned.kind, returned.task, returned.period, returned.submissions) == (
        "monthly", "K5-4", "2015-08", (3,))
    assert returned.due == date(2015, 8, 31) and returned.on == date(2015, 8, 28)
    review = wjw.points[4]
    assert (review.submissions, review.reviews, review.on) == ((3,), (1,), date(2015, 9, 1))
    assert wjw.score == 85 and wjw.grade == "良好"
    # sjj's August report (#2) came on 2 September: late
    late = next(p for p in found["sjj"].points if p.rule == "monthly.late")
    assert (late.period, late.submissions, late.on) == ("2015-08", (2,), date(2015, 9, 2))


def test_score_counts_each_units_reports_by_state(august, registry: Registry,
                                                  ledger_location: str) -> None:
    found = scores(registry, ledger_location, SEPT_10)
    # sjj: plan and July missing, August late; September to November, the summary and the
    # annual report not yet due
    assert found["sjj"].states == {"late": 1, "missing": 2, "pending": 5}
    assert found["czj"].states == {"on_time": 1, "missing": 2, "pending": 5}
    assert found["czj"].inspection is None


def test_score_leaves_the_office_out(august, registry: Registry, ledger_location: str,
                                     disclose) -> None:
    found = scores(registry, ledger_location, SEPT_10)
    assert "szfb" not in found and len(found) == len(registry.agencies) - 1
    with pytest.raises(InputError) as refused:
        scores(registry, ledger_location, SEPT_10, agency="szfb")
    assert refused.value.key == "office_not_scored"


def test_score_as_of_ignores_later_rows(august, registry: Registry,
                                        ledger_location: str) -> None:
    # on 31 August: #3 not yet returned, sjj's report not yet come (August not yet due)
    found = scores(registry, ledger_location, date(2015, 8, 31))
    assert rules_named(found["wjw"]) == [("base", 100), ("plan.missing", -5),
                                         ("monthly.missing", -6)]
    assert not any(p.rule == "monthly.late" for p in found["sjj"].points)


def test_score_voided_receipt_counts_nowhere(august, registry: Registry,
                                             ledger_location: str, disclose) -> None:
    disclose("void", "3", "--reason", "报错了单位", "--date", "2015-09-05")
    wjw = scores(registry, ledger_location, SEPT_10)["wjw"]
    # the voided report neither is returned nor carries its review: August is missing
    assert [(p.rule, p.period) for p in wjw.points if p.kind == "monthly"] == [
        ("monthly.missing", "2015-07"), ("monthly.missing", "2015-08")]
    assert not any(3 in p.submissions for p in wjw.points)
    # before the void's day it still counted
    before = scores(registry, ledger_location, date(2015, 9, 4))["wjw"]
    assert any(p.rule == "review.return" for p in before.points)


def test_score_return_reversed_by_accept_costs_nothing(august, registry: Registry,
                                                       ledger_location: str, disclose) -> None:
    disclose("review", "3", "--accept", "--comment", "已补链接", "--date", "2015-09-03")
    wjw = scores(registry, ledger_location, SEPT_10)["wjw"]
    # on time again (28 August), which the example prices at nothing: no point for August
    assert not any(p.period == "2015-08" for p in wjw.points)


def test_score_return_superseded_by_revision_still_counts(august, registry: Registry,
                                                          ledger_location: str,
                                                          disclose) -> None:
    disclose.monthly("wjw", "K5-4", "2015-08", "2015-09-04", "公开了医疗服务收费信息并附链接")
    wjw = scores(registry, ledger_location, SEPT_10)["wjw"]
    assert [(p.rule, p.submissions) for p in wjw.points if p.period == "2015-08"] == [
        ("monthly.late", (5,)), ("review.return", (3,))]


def test_score_cap_brings_a_kinds_points_back(registry: Registry, ledger_location: str,
                                              disclose) -> None:
    # rsj leads two monthly tasks: ten reports missing by December cost 60, capped at 30
    rsj = scores(registry, ledger_location, date(2015, 12, 10))["rsj"]
    monthly = [p for p in rsj.points if p.kind == "monthly" and p.rule != "cap.monthly"]
    assert len(monthly) == 10 and sum(p.points for p in monthly) == -60
    cap = rsj.points[-1]
    assert (cap.rule, cap.points, cap.kind, cap.submissions) == ("cap.monthly", 30,
                                                                 "monthly", ())
    assert rsj.score == 100 - 5 - 30 == sum(p.points for p in rsj.points)


def test_score_veto_sets_score_and_grade(registry: Registry, ledger_location: str,
                                         disclose) -> None:
    disclose("inspect", "--agency", "czj", "--verdict", "fail", "--date", "2016-01-10")
    czj = scores(registry, ledger_location, date(2016, 1, 20))["czj"]
    veto = czj.points[-1]
    assert (veto.rule, veto.kind, veto.state, veto.inspections) == ("veto", "inspection",
                                                                     "fail", (1,))
    assert czj.score == 0 == sum(p.points for p in czj.points)
    assert czj.vetoed and czj.grade == "不合格" and czj.inspection == "fail"
    # the verdict in force decides: a later pass lifts the veto
    disclose("inspect", "--agency", "czj", "--verdict", "pass", "--date", "2016-01-25")
    again = scores(registry, ledger_location, date(2016, 1, 26))["czj"]
    assert not again.vetoed and again.score > 0 and again.inspection == "pass"


def test_score_inspection_not_done_costs_the_unit_nothing(registry: Registry,
                                                          ledger_location: str,
                                                          disclose) -> None:
    czj = scores(registry, ledger_location, date(2016, 2, 10))["czj"]
    assert not any(p.kind == "inspection" for p in czj.points)
    assert czj.inspection is None


# ---------------------------------------------------------------- the rules themselves


def unit(code: str, score: int) -> UnitScore:
    return UnitScore(code, Decimal(score), (Point("base", Decimal(score)),), None, False, {},
                     None)


def test_rank_ties_share_the_better_rank_and_the_next_skips() -> None:
    ranked = rank([unit("a", 90), unit("b", 95), unit("c", 90), unit("d", 80)])
    assert [(r.rank, r.agency, r.tied) for r in ranked] == [
        (1, "b", False), (2, "a", True), (2, "c", True), (4, "d", False)]


def test_rank_of_nobody_is_empty() -> None:
    assert rank([]) == []


def custom_rules(registry: Registry, **changes: object) -> ScoringRules:
    assert registry.scoring is not None
    return registry.scoring._replace(**changes)  # type: ignore[arg-type]


def test_score_unit_floor_and_ceiling(august, registry: Registry,
                                      ledger_location: str) -> None:
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        status = queries.status(registry, ledger, SEPT_10)
    low = custom_rules(registry, base=Decimal(5), caps=())
    wjw = score_units(registry, status, agency="wjw", rules=low)[0]
    assert wjw.points[-1].rule == "floor" and wjw.score == 0 == sum(
        p.points for p in wjw.points)
    high = custom_rules(registry, base=Decimal(120))
    czj = score_units(registry, status, agency="czj", rules=high)[0]
    assert czj.points[-1].rule == "ceiling" and czj.score == 100


def test_ranking_rows_in_chinese(august, registry: Registry, ledger_location: str,
                                 disclose) -> None:
    disclose("inspect", "--agency", "sjj", "--verdict", "fail", "--date", "2015-09-08")
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        ranked = queries.ranking(registry, ledger, SEPT_10)
    assert all(isinstance(r, Ranked) for r in ranked)
    rows = ranking_rows(registry, ranked)
    assert rows[-1] == (str(len(rows)), "市审计局", "0", "不合格", "一票否决")
    table = ranking_table(registry, ranked, SEPT_10)
    assert table.header == ("名次", "单位", "得分", "等次", "备注")
    assert table.title == "政务公开工作考核（示例细则）得分排名（截至2015年9月10日）"
    assert "并列" in rows[0][4]


def test_score_without_rules_says_how_to_add_them(registry: Registry,
                                                  ledger_location: str) -> None:
    from qth_disclosure.core.scoring import rules_of

    bare = Registry(registry.source, registry.plan, registry.phases, registry.monthly,
                    registry.sections, registry.tasks, registry.agencies)
    with pytest.raises(InputError) as refused:
        rules_of(bare)
    assert refused.value.key == "no_scoring_rules"


def test_scoring_rules_survive_the_cache(registry_copy: Path) -> None:
    first = load_registry(registry_copy)  # parsed, then cached
    again = load_registry(registry_copy)  # from the cache
    assert again.scoring == first.scoring and again.scoring is not None
    assert isinstance(again.scoring.base, Decimal)
    assert isinstance(again.scoring.caps[0].floor, Decimal)


def write_scoring(registry_copy: Path, scoring: str) -> list[tuple[int | None, str]]:
    tasks = registry_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text[:text.index("\nscoring:")] + "\nscoring:\n" + scoring,
                     encoding="utf-8")
    _, problems = check_registry(registry_copy)
    return [(p.line, p.key) for p in problems]


SCORING_HEAD = "  name: 考核\n  base: 100\n"


@pytest.mark.parametrize(("body", "line", "message"), [
    ("  points:\n    monthly: {late: -2, tardy: -3}\n", 5, "unknown_key"),
    ("  points:\n    weekly: {late: -2}\n", 5, "unknown_key"),
    ("  points:\n    inspection: {missing: -5}\n", 5, "unknown_key"),
    ("  points:\n    monthly: {late: -2.125}\n", 5, "not_points"),
    ("  points:\n    monthly: {late: yes}\n", 5, "not_points"),
    ("  floor: 100\n  ceiling: 0\n", 5, "floor_above_ceiling"),
    ("  caps:\n    - kind: monthly\n", 5, "cap_without_bound"),
    ("  caps:\n    - {kind: weekly, floor: -30}\n", 5, "not_one_of"),
    ("  vetoes:\n    - {kind: inspection, state: fail}\n", 5, "veto_without_effect"),
    ("  vetoes:\n    - {kind: inspection, state: missing, score: 0}\n", 5, "not_one_of"),
    ("  grades:\n    - {name: 优秀, min: 90}\n  vetoes:\n"
     "    - {kind: inspection, state: fail, grade: 差}\n", 7, "not_one_of"),
    ("  grades:\n    - {name: 优秀, min: 90}\n    - {name: 良好, min: 90}\n", 6,
     "grade_min_repeated"),
    ("  bonus: 5\n", 4, "unknown_key"),
])
def test_scoring_rules_refused_with_file_and_line(registry_copy: Path, body: str, line: int,
                                                  message: str) -> None:
    # `line` counts from the line of "scoring:", line 1
    tasks = (registry_copy / "tasks.yaml").read_text(encoding="utf-8")
    start = tasks[:tasks.index("\nscoring:")].count("\n") + 2
    problems = write_scoring(registry_copy, SCORING_HEAD + body)
    assert [m for _, m in problems] == [message], problems
    assert problems[0][0] == start + line - 1


# ---------------------------------------------------------------- the commands


def explained(disclose, *args: str) -> list[dict]:
    return disclose.json("score", "--explain", *args)


@pytest.fixture
def busy(august, disclose) -> None:
    """August, plus what moves every rule: rsj's ten months missing (capped), czj's
    inspection failed (vetoed), a plan late, a voided report."""
    disclose("inspect", "--agency", "czj", "--verdict", "fail", "--date", "2016-01-10")
    disclose("inspect", "--agency", "jtj", "--verdict", "rectify", "--date", "2016-01-10")
    disclose("submit", "--agency", "gtj", "--kind", "plan", "--received", "2015-08-03",
             "--summary", "市国土局信息公开工作方案")
    disclose.monthly("zjj", "K3-2", "2015-08", "2015-08-20")
    disclose("void", "6", "--reason", "报错了月份", "--date", "2015-08-25")


def test_score_json_fields(busy, disclose) -> None:
    found = disclose.json("score", "--as-of", "2016-01-20")
    assert list(found[0]) == ["agency", "name", "score", "grade", "vetoed", "states",
                              "inspection"]
    assert list(found[0]["states"]) == ["on_time", "late", "missing", "pending", "returned"]
    czj = next(u for u in found if u["agency"] == "czj")
    assert (czj["score"], czj["grade"], czj["vetoed"], czj["inspection"]) == (
        0, "不合格", True, "fail")
    assert "szfb" not in {u["agency"] for u in found}


def test_score_explain_points_name_deliverables_and_rows(busy, disclose) -> None:
    (wjw,) = explained(disclose, "--as-of", "2016-01-20", "--agency", "市卫生计生委")
    review = next(p for p in wjw["points"] if p["rule"] == "review.return")
    assert review == {"rule": "review.return", "points": -1, "kind": "monthly",
                      "task": "K5-4", "period": "2015-08", "state": "return", "due": None,
                      "on": "2015-09-01", "submissions": [3], "reviews": [1],
                      "inspections": []}
    (jtj,) = explained(disclose, "--as-of", "2016-01-20", "--agency", "jtj")
    rectify = next(p for p in jtj["points"] if p["kind"] == "inspection")
    assert (rectify["rule"], rectify["points"], rectify["inspections"]) == (
        "inspection.rectify", -10, [2])


@pytest.mark.parametrize("day", ["2015-08-31", "2015-09-10", "2015-12-21", "2016-01-20",
                                 "2016-03-01"])
def test_score_explain_totals_equal_score(busy, disclose, day: str) -> None:
    plain = {u["agency"]: u["score"] for u in disclose.json("score", "--as-of", day)}
    points = {u["agency"]: u for u in explained(disclose, "--as-of", day)}
    assert plain.keys() == points.keys()
    for code, unit in points.items():
        assert sum(p["points"] for p in unit["points"]) == unit["score"] == plain[code], code
    rules = {p["rule"] for u in points.values() for p in u["points"]}
    if day == "2016-01-20":  # the cap, the veto and every kind of point are among them
        assert {"cap.monthly", "veto", "review.return", "plan.late", "monthly.late",
                "inspection.rectify"} <= rules


def test_score_explain_csv_one_row_a_point(busy, disclose) -> None:
    import csv
    import io

    out = disclose("score", "--as-of", "2016-01-20", "--explain", "--agency", "rsj",
                   "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    # 100, the plan and the summary missing (-5 each), nine months missing (-54) capped at -30
    assert sum(Decimal(r["points"]) for r in rows) == 60
    assert rows[-1]["rule"] == "cap.monthly" and rows[-1]["points"] == "24"


def test_score_voided_report_counts_nowhere_in_the_command(busy, disclose) -> None:
    (zjj,) = explained(disclose, "--as-of", "2015-09-10", "--agency", "zjj")
    august = [p for p in zjj["points"] if p["period"] == "2015-08"]
    assert [(p["rule"], p["submissions"]) for p in august] == [("monthly.missing", [])]


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "is the coordinating office: it reports K1 to itself and is not scored"),
    ("zh", "是组织协调单位，K1由其自报，不参加考核"),
])
def test_score_office_refused_in_one_line(disclose, lang: str, words: str) -> None:
    result = disclose("--lang", lang, "score", "--agency", "szfb", code=1)
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_score_refuses_a_future_day_and_an_unknown_unit(disclose) -> None:
    assert "2016-03-02" in disclose("score", "--as-of", "2016-03-02", code=1).stderr
    assert "'czx'" in disclose("score", "--agency", "czx", code=1).stderr
    assert "2016-03-02" in disclose("rank", "--as-of", "2016-03-02", code=1).stderr


def test_score_without_rules_in_the_registry(disclose, registry_copy: Path) -> None:
    tasks = registry_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text[:text.index("\nscoring:")] + "\n", encoding="utf-8")
    result = disclose("--registry", str(registry_copy), "rank", "--as-of", "2015-09-10",
                      code=1)
    assert "has no scoring rules; add a 'scoring:' section" in result.stderr


def test_rank_json_in_rank_order(busy, disclose) -> None:
    ranked = disclose.json("rank", "--as-of", "2016-01-20")
    scores = [r["score"] for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert ranked[0]["rank"] == 1 and ranked[-1]["agency"] == "czj"  # vetoed: 0
    for before, after in itertools.pairwise(ranked):
        if after["score"] == before["score"]:
            assert after["rank"] == before["rank"] and after["tied"] and before["tied"]
        else:
            assert after["rank"] == ranked.index(after) + 1
    assert list(ranked[0])[:4] == ["rank", "tied", "agency", "name"]


def test_rank_matches_score(busy, disclose) -> None:
    ranked = {r["agency"]: r["score"] for r in disclose.json("rank", "--as-of", "2016-01-20")}
    scored = {u["agency"]: u["score"] for u in disclose.json("score", "--as-of", "2016-01-20")}
    assert ranked == scored


BAR = "█▏▎▍▌▋▊▉"


def bar_cells(line: str) -> tuple[int, int]:
    """Where a line's bar starts (display columns) and how many eighths long it is."""
    from qth_disclosure.output.plaintable import width

    start = next((i for i, ch in enumerate(line) if ch in BAR), len(line))
    bar = line[start:]
    eighths = sum(8 if ch == "█" else BAR.index(ch) for ch in bar)
    return width(line[:start]), eighths


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rank_chart_plain_in_a_pipe(busy, disclose, lang: str) -> None:
    out = disclose("--lang", lang, "rank", "--as-of", "2016-01-20").stdout
    assert "\x1b" not in out
    lines = out.splitlines()
    ranked = disclose.json("rank", "--as-of", "2016-01-20")
    rows = [line for line in lines if re.match(r" *\d+  \S", line)]
    assert len(rows) == len(ranked)
    starts = {bar_cells(line)[0] for line in rows if bar_cells(line)[1]}
    assert len(starts) == 1, out  # every bar starts in one column
    for line, unit in zip(rows, ranked, strict=True):
        assert unit["name"] in line
        # 40 cells stand for 100 points, to an eighth of a cell
        assert bar_cells(line)[1] == round(unit["score"] / 100 * 40 * 8), line
    from qth_disclosure.output.plaintable import width

    assert max(width(line) for line in rows) <= 80


def test_rank_chart_markdown_is_a_code_block(busy, disclose) -> None:
    out = disclose("rank", "--as-of", "2016-01-20", "--format", "markdown").stdout
    assert out.count("```") == 2 and "█" in out


def test_rank_csv_in_rank_order(busy, disclose) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(
        disclose("rank", "--as-of", "2016-01-20", "--format", "csv").stdout)))
    assert [r["agency"] for r in rows] == [
        r["agency"] for r in disclose.json("rank", "--as-of", "2016-01-20")]
    assert list(rows[0])[:5] == ["rank", "tied", "agency", "name", "score"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_explain_for_people_adds_up(busy, disclose, lang: str) -> None:
    out = disclose("--lang", lang, "score", "--as-of", "2016-01-20", "--explain",
                   "--agency", "czj").stdout
    assert ("合计0分" if lang == "zh" else "total 0 points") in out
    assert ("一票否决" if lang == "zh" else "veto") in out
    assert ("验收#1" if lang == "zh" else "inspection #1") in out


# ---------------------------------------------------------------- the workbook


def exported(disclose, tmp_path: Path, day: str = "2016-01-20",
             *registry: str) -> object:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    out = tmp_path / "plan.xlsx"
    disclose(*registry, "export", "--out", str(out), "--as-of", day)
    return load_workbook(out)


def test_export_scores_sheet_equals_score(busy, disclose, tmp_path: Path) -> None:
    book = exported(disclose, tmp_path)
    rows = list(book["考核"].iter_rows(values_only=True))
    assert rows[0] == ("名次", "单位代码", "单位", "得分", "等次", "按时", "逾期", "未报", "退回",
                       "验收", "备注")
    ranked = disclose.json("rank", "--as-of", "2016-01-20")
    scored = {u["agency"]: u for u in disclose.json("score", "--as-of", "2016-01-20")}
    assert [r[1] for r in rows[1:]] == [r["agency"] for r in ranked]
    for row, unit in zip(rows[1:], ranked, strict=True):
        s = scored[unit["agency"]]
        assert row[:5] == (unit["rank"], s["agency"], s["name"], s["score"], s["grade"])
        assert row[5:9] == tuple(s["states"][k] for k in ("on_time", "late", "missing",
                                                          "returned"))
    czj = next(r for r in rows if r[1] == "czj")
    assert czj[9:] == ("不合格", "一票否决")


def test_export_points_sheet_adds_up_to_each_score(busy, disclose, tmp_path: Path) -> None:
    book = exported(disclose, tmp_path)
    points = list(book["考核明细"].iter_rows(values_only=True))
    assert points[0] == ("单位代码", "单位", "考核项目", "报送事项", "截止日期", "日期", "分值",
                         "台账记录")
    totals: dict[str, Decimal] = {}
    for row in points[1:]:
        totals[row[0]] = totals.get(row[0], Decimal(0)) + Decimal(str(row[6]))
    scores = {r[1]: r[3] for r in list(book["考核"].iter_rows(values_only=True))[1:]}
    assert totals == scores
    # czj's 66 (100, its plan, four months and its summary missing) set to 0 by the veto
    assert ("czj", "市财政局", "一票否决", "验收检查", "2016-01-31", "2016-01-10",
            -66, "验收#1") in points


def test_export_ranking_chart_references_the_scores(busy, disclose, tmp_path: Path) -> None:
    sheet = exported(disclose, tmp_path)["考核"]
    (chart,) = sheet._charts
    units = sheet.max_row - 1
    assert (chart.type, chart.tagname) == ("bar", "barChart")  # horizontal bars
    (series,) = chart.series
    assert series.val.numRef.f == f"'考核'!$D$2:$D${units + 1}"  # the 得分 column
    assert series.cat.strRef.f == f"'考核'!$C$2:$C${units + 1}"  # the 单位 column
    assert series.tx.strRef.f == "'考核'!D1"
    assert chart.x_axis.scaling.orientation == "maxMin"  # rank 1 at the top
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (0, 100)
    assert sheet["D1"].value == "得分" and units == 36


def test_export_without_scoring_rules_has_no_scores_sheet(disclose, tmp_path: Path,
                                                          registry_copy: Path) -> None:
    tasks = registry_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text[:text.index("\nscoring:")] + "\n", encoding="utf-8")
    book = exported(disclose, tmp_path, "2015-09-10", "--registry", str(registry_copy))
    assert "考核" not in book.sheetnames and "考核明细" not in book.sheetnames


def test_reviews_in_memory_are_the_ledgers(busy, registry: Registry, ledger_location: str,
                                           disclose) -> None:
    """The export scores from rows in memory, `score` from the ledger's index: the same."""
    from qth_disclosure.core.scoring import Reviewed, reviewed_from

    disclose("review", "5", "--return", "--comment", "重复报送", "--date", "2015-09-03")
    disclose("review", "5", "--accept", "--comment", "已核实", "--date", "2015-09-04")
    disclose("review", "1", "--return", "--comment", "链接失效", "--date", "2015-09-05")
    for day in (date(2015, 9, 3), SEPT_10, date(2016, 1, 20)):
        with Ledger.open(ledger_location, for_writing=False) as ledger:
            plan = registry.plan.id
            from_ledger = [Reviewed(r.id, r.verdict, r.reviewed_on, r.submission, key)
                           for r, key in ledger.reviews_of_receipts(plan, day)]
            rows = queries.submissions(registry, ledger, day)
            in_memory = reviewed_from(rows, ledger.reviews(plan), day)
        assert from_ledger == in_memory and from_ledger, day


def test_ranking_table_of_the_inspected_units_only(august, registry: Registry,
                                                   ledger_location: str) -> None:
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        ranked = queries.ranking(registry, ledger, SEPT_10)
    inspected = [a.code for a in registry.owing("inspection")]
    table = ranking_table(registry, ranked, SEPT_10, units=inspected)
    names = {registry.agency(code).name for code in inspected}
    assert {row[1] for row in table.rows} == names and "桃山区" not in names
    assert table.rows[0][0] == "1" and int(table.rows[-1][0]) <= len(names)


def test_veto_at_least_and_grade_only(august, registry: Registry,
                                      ledger_location: str) -> None:
    from qth_disclosure.registry.model import Veto

    with Ledger.open(ledger_location, for_writing=False) as ledger:
        status = queries.status(registry, ledger, date(2015, 10, 5))
    # 连续未报: three monthly reports missing make the unit 不合格, its points kept
    rules = custom_rules(registry, vetoes=(Veto("monthly", "missing", 3, None, "不合格"),))
    found = {u.agency: u for u in score_units(registry, status, rules=rules)}
    czj, sjj = found["czj"], found["sjj"]  # July and September missing; August in
    assert not czj.vetoed and czj.grade != "不合格"
    assert not sjj.vetoed  # its August came late, but came
    gtj = found["gtj"]  # nothing at all: July, August, September missing
    assert gtj.vetoed and gtj.grade == "不合格" and gtj.score == sum(
        p.points for p in gtj.points) == 100 - 5 - 18
    assert not any(p.rule == "veto" for p in gtj.points)  # no score set: no point

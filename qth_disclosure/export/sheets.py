"""What each sheet of the office's workbook holds, as rows of cells, in the office's words.

The workbook is the office's own document, so its sheet names, headers and words are always
Chinese whatever the interface language, taken from the Chinese catalogue so the workbook
and the terminal never disagree. This is only content; how it looks (fills, widths, the
chart) is `xlsx`'s, and nothing here needs openpyxl.
"""

from __future__ import annotations

from collections.abc import Iterator

from qth_disclosure.core.compliance import ALL_STATES, STATES, Status, latest_reviews
from qth_disclosure.core.rates import percent
from qth_disclosure.core.scoring import number
from qth_disclosure.export.known import Known, iso
from qth_disclosure.i18n import t
from qth_disclosure.registry import ALL_KINDS

Value = str | int | float | None  # what a cell holds

KIND_ZH = {k: t("zh", f"kind.{k}") for k in ALL_KINDS}
STATE_ZH = {s: t("zh", f"state.{s}") for s in ALL_STATES}
VERDICT_ZH = {v: t("zh", f"verdict.{v}") for v in ("accept", "return")}

GRID_SHEET, DELIVERABLES_SHEET, SUBMISSIONS_SHEET, BULLETINS_SHEET, COUNTS_SHEET = (
    "状态表", "报送事项", "报送记录", "通报", "统计")
SCORES_SHEET, POINTS_SHEET = "考核", "考核明细"
# an .xlsx sheet's rows, the header's included (Excel's limit, and openpyxl's)
XLSX_MAX_ROWS = 1_048_576
GRID_HEADERS = ("单位", "任务")  # then one column per reporting month
DELIVERABLE_HEADERS = ("类别", "单位代码", "单位", "任务", "月份", "截止日期", "状态", "收到日期",
                       "记录编号")
SUBMISSION_HEADERS = ("编号", "类别", "单位", "任务", "月份", "收到日期", "登记时间", "登记人",
                      "修订自", "内容摘要", "链接", "审核结论", "审核意见")
BULLETIN_HEADERS = ("编号", "月份", "截至日期", "登记时间", "登记人", "重发自", "正文")
# the rate as the bulletin gives it: the office's own reports left out, rounded half up
COUNT_HEADERS = ("月份", *(STATE_ZH[s] for s in STATES), "按时报送率")


# 考核: the ranking (报送排行) as `disclose rank` gives it, and every point as `score --explain`
SCORE_STATES = tuple(s for s in STATES if s != "pending")  # what scores; not yet due does not
SCORE_HEADERS = ("名次", "单位代码", "单位", "得分", "等次", *(STATE_ZH[s] for s in SCORE_STATES),
                 "验收", "备注")
SCORE_COLUMN = SCORE_HEADERS.index("得分") + 1  # 1-based, for the chart
UNIT_COLUMN = SCORE_HEADERS.index("单位") + 1
POINT_HEADERS = ("单位代码", "单位", "考核项目", "报送事项", "截止日期", "日期", "分值", "台账记录")


def _zh(key: str, **params: object) -> str:
    return t("zh", key, **params)


def score_rows(known: Known) -> list[list[Value]]:
    """One row a unit in rank order: rank, unit, score, grade, reports by state, the
    inspection's verdict, and 并列 / 一票否决."""
    rows: list[list[Value]] = []
    for r in known.ranked or ():
        u = r.unit
        notes = [word for word, on in (("并列", r.tied), ("一票否决", u.vetoed)) if on]
        rows.append([r.rank, u.agency, known.registry.agency(u.agency).name, number(u.score),
                     u.grade, *(u.states.get(s, 0) for s in SCORE_STATES),
                     STATE_ZH[u.inspection] if u.inspection else None,
                     "、".join(notes) or None])
    return rows


def point_rows(known: Known) -> list[list[Value]]:
    """Every point of every unit, in the units' rank order: what `score --explain` shows."""
    from qth_disclosure.views.labels import deliverable_label
    from qth_disclosure.views.scores import rows_words, rule_words

    rows: list[list[Value]] = []
    for r in known.ranked or ():
        name = known.registry.agency(r.agency).name
        for p in r.unit.points:
            rows.append([r.agency, name, rule_words(_zh, p),
                         deliverable_label(_zh, p.kind, p.task, p.period)
                         if p.kind and p.rule not in ("floor", "ceiling") else None,
                         iso(p.due), iso(p.on), number(p.points), rows_words(_zh, p) or None])
    return rows


def grid_rows(known: Known, months: list[str]) -> list[list[Value]]:
    """One row per (unit, monthly task) in the plan's order, a state word per month."""
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for d in known.status.deliverables:
        item = d.deliverable
        if item.kind == "monthly":
            cells.setdefault((item.agency, item.task or ""), {})[item.period or ""] = d.state
    return [
        [known.registry.agency(code).name, task,
         *(STATE_ZH[by_month[m]] if m in by_month else None for m in months)]
        for (code, task), by_month in cells.items()
    ]


def deliverable_rows(known: Known) -> list[list[Value]]:
    return [
        [KIND_ZH[d.deliverable.kind], d.deliverable.agency,
         known.registry.agency(d.deliverable.agency).name, d.deliverable.task,
         d.deliverable.period, d.deliverable.due.isoformat(), STATE_ZH[d.state],
         iso(d.received_on), d.record]
        for d in known.status.deliverables
    ]


def submission_rows(known: Known) -> Iterator[list[Value]]:
    """One row a submission, read as they are written: a ledger's million are never held."""
    latest = latest_reviews(known.reviews, known.status.as_of)
    for s in known.submissions():
        review = latest.get(s.id)
        yield [
            s.id, KIND_ZH[s.kind], known.registry.agency(s.agency).name, s.task, s.period,
            s.received_on.isoformat(), s.recorded_at, s.recorded_by, s.revision_of, s.summary,
            "\n".join(s.links),
            f"{VERDICT_ZH[review.verdict]} {review.reviewed_on.isoformat()}" if review else None,
            review.comment if review else None,
        ]


def bulletin_rows(known: Known) -> list[list[Value]]:
    # 编号 is the bulletin's number, so 重发自 names the reissued one by number too, not by
    # its ledger row id, which the sheet never shows
    return [
        [b.number, b.month, b.as_of.isoformat(), b.recorded_at, b.recorded_by,
         known.bulletin_numbers.get(b.reissue_of) if b.reissue_of else None, b.text]
        for b in known.bulletins
    ]


def count_rows(status: Status, months: list[str],
               counted: frozenset[str] | None = None) -> list[list[Value]]:
    """Monthly reports per month in each state, and the on-time rate of the units a
    bulletin counts (`counted`; every unit if None), in COUNT_HEADERS' columns."""
    counts = {m: dict.fromkeys(STATES, 0) for m in months}
    rated = {m: [0, 0] for m in months}  # on time, owed
    for d in status.deliverables:
        if d.deliverable.kind == "monthly" and d.deliverable.period in counts:
            counts[d.deliverable.period][d.state] += 1
            if counted is None or d.deliverable.agency in counted:
                rated[d.deliverable.period][0] += d.state == "on_time"
                rated[d.deliverable.period][1] += 1
    return [[m, *(counts[m][s] for s in STATES), f"{percent(*rated[m])}%"] for m in months]

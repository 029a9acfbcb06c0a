"""The 通报: the office's bulletin on who reported on time, late, not at all, and how well.

The bulletin is an official Chinese document whatever the interface language, so its
wording lives here as one template rather than in the message catalogues. It is written
as a 公文 would be (GB/T 9704-2012; 通报 "适用于表彰先进、批评错误、传达重要精神和告知
重要情况"): a title of issuer, matter and kind; 总体情况 with the figures; praise for the
units that reported on time and well; 存在问题 in plain words (no rule ids, submission
numbers or task codes: a unit owing two reports is named with the task's title); 下步要求
with a 补报 date; and the statistics as its 附件.

What it covers is a `Scope`: a kind of deliverable and the periods it is about (one month
for the monthly bulletin; several months, or the plans, summaries or inspections, are
scopes of their own kinds). Its text depends only on the rows known on the as-of day, the
scope and its number, never on the clock. Text taken from the ledger and the registry (a
review comment, a unit's name) enters it through `inline`: the document, as issued and
stored, can never steer a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from qth_disclosure.calendar import chinese_date, chinese_month, short_month
from qth_disclosure.core.compliance import Assessed, Status
from qth_disclosure.core.daily_report import Returned
from qth_disclosure.core.lint import Finding
from qth_disclosure.core.rates import percent
from qth_disclosure.documents.model import Block, Document, Table
from qth_disclosure.errors import InputError
from qth_disclosure.escapes import inline
from qth_disclosure.registry import Registry
from qth_disclosure.registry.model import DocumentRules

NUMERALS = "一二三四五六七八九十"
STATE_WORDS = {"on_time": "按时报送", "late": "逾期报送", "missing": "未报送",
               "returned": "退回修改", "pending": "未到报送期限"}
# what each quality rule means in the bulletin, as the office writes it; the rules about
# when a report came (early in its month) are the office's own review aids, and a unit is
# not criticised in public for reporting early
PROBLEMS = {
    "short-summary": "报送内容过于简略，未具体反映公开的信息",
    "same-as-previous-month": "报送内容与上月基本相同，未反映本月新公开的信息",
    "no-link": "未提供本单位网站已公开信息的链接",
}
# a 部门方案 and a 工作总结 are documents sent to the office, judged as such (plan 五(二):
# a plan's items each with its five elements, for every task the unit leads)
PHASE_PROBLEMS = {
    "plan": {
        "short-summary": "部门方案内容过于简略，推进措施不具体",
        "plan-without-items": "部门方案未逐项列明公开事项、公开内容、公开方式、公开时限和责任人",
        "plan-item-incomplete": "部门方案部分事项缺少公开内容、公开方式、公开时限、责任人等要素",
        "plan-task-uncovered": "部门方案未涵盖本单位牵头落实的全部任务",
    },
    "summary": {"short-summary": "工作总结内容过于简略，未具体反映工作落实情况"},
}
REMARKS = {"short-summary": "内容简略", "same-as-previous-month": "与上月雷同",
           "no-link": "未附链接", "plan-without-items": "未逐项列明",
           "plan-item-incomplete": "要素不全", "plan-task-uncovered": "未涵盖牵头任务"}


def problems_of_kind(kind: str) -> dict[str, str]:
    """The quality findings a bulletin on `kind` names, in the order it names them."""
    return PHASE_PROBLEMS.get(kind, PROBLEMS)


def months_named(months: Sequence[str]) -> str:
    """2015年7月份、8月份 (the year once for each year)."""
    named, year = [], ""
    for month in months:
        named.append(f"{chinese_month(month)}份" if month[:4] != year else f"{int(month[5:])}月份")
        year = month[:4]
    return "、".join(named)


# the deliverables a bulletin may be on: the monthly reports, and the plan's phases' own
# (部门方案, 落实情况, 验收), one of each per unit for the plan's year
KINDS = ("monthly", "plan", "summary", "inspection")
PHASE_KINDS = KINDS[1:]
# what each phase deliverable is called in a bulletin, and its 事由 after the plan's year
PHASE_NAMES = {"plan": "部门方案", "summary": "工作总结", "inspection": "验收"}
PHASE_SUBJECTS = {"plan": "政府信息公开工作部门方案报送情况",
                  "summary": "政府信息公开工作总结报送情况",
                  "inspection": "政府信息公开工作验收结果"}


@dataclass(frozen=True)
class Scope:
    """What a bulletin is about: a kind of deliverable and its periods (the months of
    monthly reports; none for plans, summaries and inspections, which are the plan's
    `year`'s, one per unit)."""

    kind: str
    periods: tuple[str, ...]
    year: int | None = None

    @property
    def months(self) -> str:
        """2015年8月份, 2015年7月至9月份, 2015年11月至2016年1月份."""
        first, last = self.periods[0], self.periods[-1]
        if first == last:
            return f"{chinese_month(first)}份"
        if first[:4] == last[:4]:
            return f"{chinese_month(first)}至{int(last[5:])}月份"
        return f"{chinese_month(first)}至{chinese_month(last)}份"

    @property
    def label(self) -> str:
        """The periods as the ledger records them: 2015-08, or 2015-07..2015-09; a phase
        deliverable's bulletin by its kind (plan, summary, inspection)."""
        if self.kind != "monthly":
            return self.kind
        first, last = self.periods[0], self.periods[-1]
        return first if first == last else f"{first}..{last}"

    @property
    def subject(self) -> str:
        """事由 of the title: 2015年8月份重点领域信息公开报送情况,
        2015年政府信息公开工作部门方案报送情况, 2015年政府信息公开工作验收结果."""
        if self.kind == "monthly":
            return f"{self.months}重点领域信息公开报送情况"
        if self.kind not in PHASE_SUBJECTS or self.year is None:
            raise InputError("bad_choice", what="--kind", value=self.kind,
                             valid=", ".join(KINDS))
        return f"{self.year}年{PHASE_SUBJECTS[self.kind]}"

    def covers(self, kind: str, period: str | None) -> bool:
        """Whether a deliverable of `kind` and `period` is one this bulletin is on."""
        return kind == self.kind and (kind != "monthly" or period in self.periods)


def kind_of(label: str) -> str:
    """The kind of deliverable an issued bulletin is on, from the period it records."""
    return label if label in PHASE_KINDS else "monthly"


def series(rules: DocumentRules) -> str:
    """What a bulletin's number counts in: the office's 发文字号 (its 机关代字), or the
    简报's name."""
    return rules.prefix if rules.form == "official" else rules.brief_name


def reference(rules: DocumentRules, year: int, number: int) -> str:
    """The number as printed: 七政办函〔2015〕3号, or 2015年第3期 for a 简报."""
    if rules.form == "official":
        return f"{rules.prefix}〔{year}〕{number}号"
    return f"{year}年第{number}期"


def working_days_after(registry: Registry, day: date, count: int) -> date:
    """The `count`th working day after `day` (China's official calendar)."""
    calendar = registry.work_calendar
    while count:
        day += timedelta(days=1)
        count -= calendar.day(day).working
    return day


@dataclass(frozen=True)
class _Wording:
    """What a bulletin on reports says differently for each kind of report."""

    duty: str  # the opening up to 现将…: who owes what, by whose rule, by when
    owed: str  # 总体情况's 应报送…: 2015年8月份应报送, 应报送部门方案
    count: str  # 家次 (a unit may owe several monthly reports), 家 (one each)
    thing: str  # what was returned: 信息, 部门方案, 工作总结
    praise: str  # after the units praised
    clean: str  # 存在问题 when there are none
    make_up: str  # what is to be 补报ed
    asks: tuple[tuple[str, str], ...]  # the standing asks after 抓紧补报: (heading, text)


def _wording(registry: Registry, scope: Scope, owed: Sequence[Assessed]) -> _Wording:
    plan = f"按照《{registry.plan.title}》（{registry.plan.document_number}）要求，"
    office = inline(registry.office.name)
    dues = sorted({d.deliverable.due for d in owed})
    due_text = ("分别于" if len(dues) > 1 else "于") + "、".join(chinese_date(d) for d in dues)
    if scope.kind == "monthly":
        months = scope.months
        return _Wording(
            duty=(f"{plan}重点领域信息公开牵头落实单位需按月向市政府办报送相关信息。"
                  f"{_due_cited(registry, scope, months, due_text)}"),
            owed=f"{months}应报送", count="家次", thing="信息",
            praise="按时报送，内容具体，并附本单位网站已公开信息的链接，予以通报表扬。",
            clean=f"{months}各单位均按时报送，未发现质量问题。",
            make_up="所缺各月的信息" if len(scope.periods) > 1 else f"{months}信息",
            asks=(("按时报送", "各牵头落实单位要严格按照方案要求，按月及时报送重点领域信息，"
                               "逾期报送的单位要认真查找原因，确保今后按时报送。"),
                  ("提高质量", "报送内容要具体反映本月公开的信息，做到内容准确、完整，并附本单位"
                               "网站已公开信息的链接，切实推进我市重点领域信息公开工作。")))
    by = f"{due_text}前" if dues else ""
    if scope.kind == "plan":
        return _Wording(
            duty=(f"{plan}各单位要结合实际，制定切实可行的推进措施，形成本单位政府信息公开"
                  f"工作方案（部门方案），{by}报{office}。"),
            owed="应报送部门方案", count="家", thing="部门方案",
            praise="按时报送部门方案，公开事项、公开内容、公开方式、公开时限和责任人明确具体，"
                   "予以通报表扬。",
            clean="各单位均按时报送部门方案，未发现质量问题。", make_up="部门方案",
            asks=(("抓好落实", "各单位要按照部门方案明确的公开事项、公开时限和责任人，逐项抓好"
                               "落实，确保各项工作任务落实到位。"),
                  ("完善方案", "部门方案要逐项列明公开事项、公开内容、公开方式、公开时限和"
                               "责任人，涵盖本单位牵头落实的全部任务。")))
    inspected = ("市直各单位" if len(registry.owing("inspection")) < len(registry.owing("summary"))
                 else "各单位")
    return _Wording(
        duty=(f"{plan}各单位要把本单位政府信息公开工作落实情况{by}报{office}，"
              "并注意总结好的经验和做法。"),
        owed="应报送工作总结", count="家", thing="工作总结",
        praise="按时报送工作总结，内容具体，予以通报表扬。",
        clean="各单位均按时报送工作总结，未发现质量问题。", make_up="工作总结",
        asks=(("总结经验", "各单位要认真总结本年度政府信息公开工作好的经验和做法，查找存在的"
                           "不足，便于指导今后工作。"),
              ("做好验收准备", f"{inspected}要对照《方案》做好迎接验收的准备，{office}将结合"
                               "全年工作目标检查进行验收，并通报结果。")))


def compose(
    registry: Registry,
    status: Status,
    scope: Scope,
    number: int,
    returned: Sequence[Returned],
    findings: Sequence[Finding],
) -> Document:
    """The bulletin on `scope`'s reports (monthly reports, plans or summaries), as known
    on `status.as_of`, numbered `number` in its series and the as-of day's year."""
    rules = documents_rules(registry)
    # the office reports K1 to itself: never counted or named in its own bulletin
    counted = registry.counted_units
    owed = [d for d in status.deliverables
            if scope.covers(d.deliverable.kind, d.deliverable.period)
            and d.deliverable.agency in counted]
    day = status.as_of
    words = _Words(registry, owed, returned, findings, scope.periods,
                   problems=problems_of_kind(scope.kind))
    groups = {state: [d for d in owed if d.state == state] for state in STATE_WORDS}
    reported = len(groups["on_time"]) + len(groups["late"])
    rate = percent(len(groups["on_time"]), len(owed))  # half up, as offices round
    make_up_by = working_days_after(registry, day, rules.make_up_working_days)
    wording = _wording(registry, scope, owed)
    title_subject = scope.subject
    n = wording.count

    body: list[Block] = [Block("paragraph", inline(
        f"{wording.duty}现将{title_subject}通报如下："))]

    heading = Numbering()
    overall = (f"截至{chinese_date(day)}，{wording.owed}{len(owed)}{n}，已报送{reported}{n}。"
               f"其中，按时报送{len(groups['on_time'])}{n}，逾期报送{len(groups['late'])}{n}；"
               f"未报送{len(groups['missing'])}{n}")
    if groups["returned"]:
        overall += f"；因质量问题被退回、尚未重新报送{len(groups['returned'])}{n}"
    if groups["pending"]:
        overall += f"；尚未到报送期限{len(groups['pending'])}{n}"
    overall += f"。按时报送率为{rate}%。各单位报送情况见附件。"
    body += [Block("heading", heading.next("总体情况")), Block("paragraph", inline(overall))]

    praised = [d for d in groups["on_time"] if not words.problems_of(d)]
    if praised:
        body += [Block("heading", heading.next("表扬")), Block("paragraph", inline(
            f"{words.names(praised)}{wording.praise}"))]

    problems = _problems(words, groups, wording.thing)
    body.append(Block("heading", heading.next("存在问题")))
    body += problems or [Block("paragraph", wording.clean)]

    body.append(Block("heading", heading.next("下步要求")))
    asks = Numbering(sub=True)
    if groups["missing"] or groups["returned"]:
        who = "、".join(w for w, g in (("未报送", groups["missing"]),
                                      ("被退回", groups["returned"])) if g)
        rework = "；被退回的单位要按照审核意见修改完善后重新报送" if groups["returned"] else ""
        body.append(Block("paragraph", inline(
            f"{asks.next('抓紧补报')}请{who}的单位于{chinese_date(make_up_by)}前向"
            f"{registry.office.name}补报{wording.make_up}{rework}。")))
    for ask, text in wording.asks:
        body.append(Block("paragraph", f"{asks.next(ask)}{text}"))

    # the month is a column only where the bulletin covers several; the table's days and
    # months leave out the year its title names (a day of another year keeps its year)
    with_month = len(scope.periods) > 1
    with_task = scope.kind == "monthly"
    year_of = int(scope.periods[0][:4]) if scope.periods else (scope.year or day.year)

    def short_day(day: date) -> str:
        return f"{day.month}月{day.day}日" if day.year == year_of else chinese_date(day)

    table = Table(
        title=f"{title_subject}统计表",
        header=("序号", *(("牵头单位", "报送事项") if with_task else ("单位",)),
                *(("所报月份",) if with_month else ()),
                "报送日期", "报送情况", "备注"),
        rows=tuple((str(i), words.unit(d), *((words.task(d),) if with_task else ()),
                    *((short_month(str(d.deliverable.period), year_of),) if with_month
                      else ()),
                    short_day(d.received_on) if d.received_on else "—",
                    STATE_WORDS[d.state], words.remark(d))
                   for i, d in enumerate(owed, 1)))
    return issued(registry, rules, scope, day, number, body, (table,), {
        "owed": len(owed), **{s: len(g) for s, g in groups.items()},
        "on_time_rate": float(rate), "make_up_by": make_up_by.isoformat()})


def documents_rules(registry: Registry) -> DocumentRules:
    """The registry's rules for the office's documents; refused where it has none."""
    rules = registry.documents
    if rules is None:
        raise InputError("documents_not_configured", file=str(registry.source / "tasks.yaml"))
    return rules


def issued(registry: Registry, rules: DocumentRules, scope: Scope, day: date, number: int,
           body: Sequence[Block], attachments: Sequence[Table], facts: dict[str, object]
           ) -> Document:
    """A bulletin's 公文 (or 简报) around its body and 附件: the 版头, title and 主送, the
    署名 and 成文日期, the 版记; `facts` are the figures its text states."""
    year = day.year
    return Document(
        form="official" if rules.form == "official" else "brief",
        mark=rules.issuer_mark if rules.form == "official" else rules.brief_name,
        reference=reference(rules, year, number),
        title=f"{inline(registry.office.full_name)}关于{scope.subject}的通报",
        addressees=f"{inline(rules.addressees)}：",
        body=tuple(body),
        signature=inline(registry.office.full_name),
        dated=chinese_date(day),
        attachments=tuple(attachments),
        copy_to=tuple(inline(c) for c in rules.copy_to),
        printed_by=inline(rules.printed_by),
        printed_on=chinese_date(day),
        facts={"kind": scope.kind, "periods": list(scope.periods), "as_of": day.isoformat(),
               **facts, "series": series(rules), "year": year, "number": number},
    )


def _due_cited(registry: Registry, scope: Scope, months: str, due_text: str) -> str:
    """The due day, cited as whoever set it: the plan's words, or the office's own rule
    where the plan names no day (the registry's `set_by`, `text`)."""
    rule = registry.monthly
    if scope.kind != "monthly" or rule.set_by == "plan":
        whose = "《方案》"
    else:
        whose = f"{registry.office.name}确定的报送时间"
    how = f"（{rule.due_text}）" if scope.kind == "monthly" and rule.due_text else ""
    return f"按照{whose}{how}，{months}的信息应{due_text}前报送。"


class Numbering:
    """一、二、… for headings, （一）（二）… for the asks under one."""

    def __init__(self, *, sub: bool = False) -> None:
        self.count, self.sub = 0, sub

    def next(self, text: str) -> str:
        self.count += 1
        numeral = NUMERALS[self.count - 1]
        return f"（{numeral}）{text}。" if self.sub else f"{numeral}、{text}"


class _Words:
    """How the bulletin names units, tasks and the problems found, in plain words."""

    def __init__(self, registry: Registry, owed: Sequence[Assessed],
                 returned: Sequence[Returned], findings: Sequence[Finding],
                 periods: Sequence[str] = (), *, problems: dict[str, str] = PROBLEMS
                 ) -> None:
        self.registry = registry
        self.problems = problems
        self._units: dict[str, str] = {}
        self._tasks: dict[str, str] = {}
        self.several_months = len(periods) > 1
        tasks: dict[str, set[str | None]] = {}
        for d in owed:
            tasks.setdefault(d.deliverable.agency, set()).add(d.deliverable.task)
        self.per_unit = {agency: len(found) for agency, found in tasks.items()}
        self.comments = {r.deliverable.deliverable.key: r.review.comment for r in returned}
        self.findings: dict[tuple[object, ...], list[str]] = {}
        for f in findings:
            found = self.findings.setdefault(f.submission.key, [])
            if f.rule in problems and f.rule not in found:  # a plan's items: named once
                found.append(f.rule)

    def unit(self, d: Assessed) -> str:
        code = d.deliverable.agency
        named = self._units.get(code)
        if named is None:  # each unit named once, however many rows name it
            named = self._units[code] = inline(self.registry.agency(code).name)
        return named

    def task(self, d: Assessed) -> str:
        task = d.deliverable.task
        if not task:
            return ""
        named = self._tasks.get(task)
        if named is None:
            named = self._tasks[task] = inline(self.registry.task(task).title)
        return named

    def name(self, d: Assessed, months: Sequence[str] = ()) -> str:
        """The unit; with the task's title where it owes two tasks (市人社局), and with the
        months where the bulletin covers several: 市国土局（2015年7月份、8月份）."""
        parts = []
        if self.per_unit[d.deliverable.agency] > 1 and d.deliverable.task:
            parts.append(self.task(d))
        if self.several_months:
            parts.append(months_named(months or [str(d.deliverable.period)]))
        return f"{self.unit(d)}（{'：'.join(parts)}）" if parts else self.unit(d)

    def names(self, group: Sequence[Assessed]) -> str:
        """Each unit (and task) once, with the months it is named for."""
        months: dict[tuple[str, str | None], list[str]] = {}
        first: dict[tuple[str, str | None], Assessed] = {}
        for d in group:
            key = (d.deliverable.agency, d.deliverable.task)
            months.setdefault(key, []).append(str(d.deliverable.period))
            first.setdefault(key, d)
        return "、".join(self.name(first[key], found) for key, found in months.items())

    def problems_of(self, d: Assessed) -> list[str]:
        return self.findings.get(d.deliverable.key, [])

    def remark(self, d: Assessed) -> str:
        if d.state == "returned":  # the office's own words say what is wrong with it
            return f"退回意见：{inline(self.comments.get(d.deliverable.key, ''))}"
        return "；".join(REMARKS[rule] for rule in self.problems_of(d))

    def returned(self, d: Assessed) -> str:
        comment = inline(self.comments.get(d.deliverable.key, "")).rstrip("。")
        return self._with(d, f"退回意见：{comment}" if comment else "")

    def late(self, d: Assessed) -> str:
        assert d.received_on is not None
        return self._with(d, f"{chinese_date(d.received_on)}报送")

    def _with(self, d: Assessed, note: str) -> str:
        """The unit named with a note in the same brackets as its task and month."""
        name = self.name(d)
        if not note:
            return name
        return f"{name[:-1]}，{note}）" if name.endswith("）") else f"{name}（{note}）"


def _problems(words: _Words, groups: dict[str, list[Assessed]], thing: str = "信息"
              ) -> list[Block]:
    """存在问题, only those there are: late, missing, returned, then quality problems."""
    blocks: list[Block] = []
    numbering = Numbering(sub=True)
    if groups["late"]:
        blocks.append(Block("paragraph", numbering.next("逾期报送") + "、".join(
            words.late(d) for d in groups["late"]) + "未在规定时间内报送。"))
    if groups["missing"]:
        blocks.append(Block("paragraph", numbering.next("未报送") + words.names(
            groups["missing"]) + "至今未报送。"))
    if groups["returned"]:
        blocks.append(Block("paragraph", numbering.next("退回修改") + "、".join(
            words.returned(d) for d in groups["returned"]) + f"报送的{thing}因质量问题被退回，"
            "至今未重新报送。"))
    # a returned report is named once, with the office's comment, above
    reported = [*groups["on_time"], *groups["late"]]
    for rule, problem in words.problems.items():
        having = [d for d in reported if rule in words.problems_of(d)]
        if having:
            blocks.append(Block("paragraph", numbering.next(problem) + "涉及："
                                + words.names(having) + "。"))
    return blocks

"""The 通报 of the acceptance inspections' results (验收结果): the plan's 四(四), "市政府办将
结合全年工作目标检查……进行监督检查，并通报结果".

Per inspected unit its verdict in force on the as-of day (合格, 限期整改, 不合格) with its
day; the units not yet inspected are the office's own lapse (未验收): they are counted and
listed, and the office undertakes to finish, but no unit is criticised for them. Its 附件
are the results table and, where the registry has scoring rules, the inspected units'
考核 ranking (报送排行), as `core.scoring.ranking_table` makes it. Pure, as `bulletin`
is: the rows known on the as-of day in, a `Document` out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from qth_disclosure.calendar import chinese_date
from qth_disclosure.core.bulletin import (
    Numbering,
    Scope,
    documents_rules,
    issued,
    working_days_after,
)
from qth_disclosure.core.compliance import Assessed, Status
from qth_disclosure.core.rates import percent
from qth_disclosure.documents.model import Block, Document, Table
from qth_disclosure.escapes import inline
from qth_disclosure.ledger import Inspection
from qth_disclosure.registry import Registry

VERDICT_WORDS = {"pass": "合格", "rectify": "限期整改", "fail": "不合格",
                 "pending": "未验收", "missing": "未验收"}


def compose_inspection(
    registry: Registry,
    status: Status,
    scope: Scope,
    number: int,
    inspections: Sequence[Inspection],
    ranking: Table | None = None,
) -> Document:
    """The bulletin of the inspections' results as known on `status.as_of`, numbered
    `number`; `inspections` are the verdicts recorded by then (each unit's earlier ones
    say whether a pass came after rectification), `ranking` the 附件 of the 考核 ranking."""
    rules = documents_rules(registry)
    counted = registry.counted_units
    owed = [d for d in status.deliverables if d.deliverable.kind == "inspection"
            and d.deliverable.agency in counted]
    day = status.as_of
    history: dict[str, list[Inspection]] = {}
    for i in sorted(inspections, key=lambda i: (i.inspected_on, i.id)):
        if i.inspected_on <= day:
            history.setdefault(i.agency, []).append(i)
    words = _Words(registry, history, int(scope.year or day.year))
    groups = {v: [d for d in owed if d.state == v] for v in ("pass", "rectify", "fail")}
    waiting = [d for d in owed if d.state in ("pending", "missing")]
    done = len(owed) - len(waiting)
    rate = percent(len(groups["pass"]), done)
    make_up_by = working_days_after(registry, day, rules.make_up_working_days)
    office = inline(registry.office.name)
    who = "市直各单位" if len(owed) < len(registry.owing("summary")) else "各单位"
    annexes = "各单位验收结果见附件1，考核得分排名见附件2" if ranking else "各单位验收结果见附件"

    body: list[Block] = [Block("paragraph", inline(
        f"按照《{registry.plan.title}》（{registry.plan.document_number}）要求，{office}结合"
        f"全年工作目标检查，对{who}特别是重点领域落实部门推进落实情况进行监督检查（验收）。"
        f"现将{scope.subject}通报如下："))]
    heading = Numbering()
    overall = (f"截至{chinese_date(day)}，应验收{len(owed)}家，已验收{done}家。其中，验收合格"
               f"{len(groups['pass'])}家，限期整改{len(groups['rectify'])}家，验收不合格"
               f"{len(groups['fail'])}家")
    overall += f"；尚未验收{len(waiting)}家。" if waiting else "。"
    if done:
        overall += f"已验收单位合格率为{rate}%。"
    body += [Block("heading", heading.next("总体情况")),
             Block("paragraph", inline(overall + annexes + "。"))]

    # praised: passed at the first inspection; a pass after rectification is in the table
    praised = [d for d in groups["pass"] if words.first_time(d)]
    if praised:
        body += [Block("heading", heading.next("表扬")), Block("paragraph", inline(
            f"{words.names(praised)}组织推进有力，各项任务落实到位，验收合格，予以通报表扬。"))]

    body.append(Block("heading", heading.next("存在问题")))
    problems = Numbering(sub=True)
    if groups["rectify"]:
        body.append(Block("paragraph", inline(
            problems.next("限期整改") + "、".join(words.judged(d) for d in groups["rectify"])
            + "验收中发现问题，需限期整改。")))
    if groups["fail"]:
        body.append(Block("paragraph", inline(
            problems.next("验收不合格") + "、".join(words.judged(d) for d in groups["fail"])
            + "推进落实不到位，验收不合格。")))
    if not groups["rectify"] and not groups["fail"]:
        body.append(Block("paragraph", "已验收的单位均验收合格。" if done
                          else "尚无单位完成验收。"))

    body.append(Block("heading", heading.next("下步要求")))
    asks = Numbering(sub=True)
    if groups["rectify"] or groups["fail"]:
        whose = "、".join(w for w, g in (("限期整改", groups["rectify"]),
                                        ("验收不合格", groups["fail"])) if g)
        body.append(Block("paragraph", inline(
            f"{asks.next('抓紧整改')}{whose}的单位要认真查找原因，按照验收意见逐项整改，于"
            f"{chinese_date(make_up_by)}前将整改情况报{office}，{office}将适时复验。")))
    if waiting:
        # the office's own lapse, said as its own undertaking, not as a unit's fault
        body.append(Block("paragraph", inline(
            f"{asks.next('完成验收')}{office}将抓紧完成对其余{len(waiting)}家单位的验收，"
            "并另行通报结果。")))
    body.append(Block("paragraph", f"{asks.next('巩固成果')}各单位要认真总结经验，建立健全"
                      "政府信息公开工作长效机制，切实推进我市政府信息公开工作。"))

    table = Table(
        title=f"{scope.subject}统计表",
        header=("序号", "单位", "验收结果", "验收日期", "备注"),
        rows=tuple((str(i), words.unit(d), VERDICT_WORDS[d.state],
                    words.short_day(d.received_on) if d.received_on else "—",
                    words.remark(d)) for i, d in enumerate(owed, 1)))
    return issued(registry, rules, scope, day, number, body,
                  (table, *((ranking,) if ranking else ())), {
                      "owed": len(owed), "inspected": done,
                      **{v: len(g) for v, g in groups.items()},
                      "pending": sum(d.state == "pending" for d in owed),
                      "missing": sum(d.state == "missing" for d in owed),
                      "pass_rate": float(rate), "make_up_by": make_up_by.isoformat(),
                      "ranked": len(ranking.rows) if ranking else 0})


class _Words:
    """How the inspection bulletin names units, verdicts and the office's notes."""

    def __init__(self, registry: Registry, history: dict[str, list[Inspection]],
                 year: int) -> None:
        self.registry, self.history, self.year = registry, history, year

    def unit(self, d: Assessed) -> str:
        return inline(self.registry.agency(d.deliverable.agency).name)

    def names(self, group: Sequence[Assessed]) -> str:
        return "、".join(self.unit(d) for d in group)

    def short_day(self, day: date) -> str:
        """The day without the year the title names (a day of another year keeps it)."""
        return f"{day.month}月{day.day}日" if day.year == self.year else chinese_date(day)

    def earlier(self, d: Assessed) -> list[Inspection]:
        """The unit's verdicts before the one in force."""
        return [i for i in self.history.get(d.deliverable.agency, []) if i.id != d.record]

    def first_time(self, d: Assessed) -> bool:
        return all(i.verdict == "pass" for i in self.earlier(d))

    def note(self, d: Assessed) -> str:
        found = [i for i in self.history.get(d.deliverable.agency, []) if i.id == d.record]
        return inline(found[0].note).rstrip("。") if found and found[0].note else ""

    def judged(self, d: Assessed) -> str:
        """市国土局（2016年1月12日验收，验收意见：…）."""
        assert d.received_on is not None
        note = self.note(d)
        return (f"{self.unit(d)}（{chinese_date(d.received_on)}验收"
                + (f"，验收意见：{note}" if note else "") + "）")

    def remark(self, d: Assessed) -> str:
        if d.state in ("pending", "missing"):
            return ""
        before = [i for i in self.earlier(d) if i.verdict != "pass"]
        notes = []
        if d.state == "pass" and before:
            first = before[0]
            notes.append(f"{self.short_day(first.inspected_on)}验收"
                         f"{VERDICT_WORDS[first.verdict]}，整改后复验合格")
        elif d.state != "pass" and self.note(d):
            notes.append(f"验收意见：{self.note(d)}")
        return "；".join(notes)

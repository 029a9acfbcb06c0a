"""The 通报: the office's bulletin on who reported a month on time, late, not at all.

The bulletin is an official Chinese document whatever the interface language, so its
wording lives here as one template rather than in the message catalogues. Its text
depends only on the rows known on the as-of day and the number, never on the clock.
Text it takes from the ledger and the registry (a review comment, a unit's name) enters it
through `inline`: the document, as issued and stored, can never steer a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from qth_disclosure.core.compliance import Assessed, Status
from qth_disclosure.core.daily_report import Returned
from qth_disclosure.core.lint import Finding
from qth_disclosure.core.rates import percent
from qth_disclosure.escapes import inline
from qth_disclosure.i18n import t
from qth_disclosure.registry import Registry

# The groups of a bulletin, in the order the office names them.
GROUPS = (
    ("on_time", "按时报送的单位"),
    ("late", "逾期报送的单位"),
    ("missing", "未报送的单位"),
    ("returned", "因质量问题被退回的单位"),
)
NUMERALS = "一二三四五六七八九十"
ADDRESSEES = "各区、县人民政府，市政府各直属单位："
CLOSING = (
    "请未报送和逾期报送的单位高度重视，认真查找原因，尽快补报；被退回的单位要按照审核意见"
    "修改完善后重新报送。各牵头落实单位要严格按照方案要求，按月及时、准确、完整地报送"
    "重点领域信息，并在本单位网站同步公开，切实推进我市重点领域信息公开工作。"
)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_month(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class BulletinText:
    title: str
    number: str
    addressees: str
    opening: str
    sections: tuple[Section, ...]
    closing: str
    issuer: str
    dated: str

    def render(self, fmt: str = "text") -> str:
        if fmt == "markdown":
            parts = [f"# {self.title}", self.number, self.addressees, self.opening]
            for s in self.sections:
                parts += [f"## {s.heading}", "\n".join(f"- {line}" for line in s.lines)]
            parts += [self.closing, f"{self.issuer}  \n{self.dated}"]
            return "\n\n".join(parts) + "\n"
        lines = [self.title, self.number, "", self.addressees, "", "　　" + self.opening, ""]
        for s in self.sections:
            lines.append("　　" + s.heading)
            lines += ["　　" + line for line in s.lines]
            lines.append("")
        lines += ["　　" + self.closing, "", self.issuer, self.dated]
        return "\n".join(lines) + "\n"


def compose(
    registry: Registry,
    status: Status,
    month: str,
    number: int,
    returned: Sequence[Returned],
    findings: Sequence[Finding],
) -> BulletinText:
    """The bulletin for one reporting month, as known on `status.as_of`."""
    owed = [d for d in status.deliverables
            if d.deliverable.kind == "monthly" and d.deliverable.period == month]
    per_unit: dict[str, int] = {}
    for d in owed:
        per_unit[d.deliverable.agency] = per_unit.get(d.deliverable.agency, 0) + 1
    comments = {r.deliverable.deliverable.key: r.review.comment for r in returned}

    def name(d: Assessed) -> str:
        unit = inline(registry.agency(d.deliverable.agency).name)
        # a unit that leads two monthly tasks (市人社局) is named with the task
        return f"{unit}（{d.deliverable.task}）" if per_unit[d.deliverable.agency] > 1 else unit

    def described(d: Assessed) -> str:
        if d.state == "late" and d.received_on:
            return f"{name(d)}（{chinese_date(d.received_on)}报送）"
        if d.state == "returned":
            return f"{name(d)}（审核意见：{inline(comments.get(d.deliverable.key, ''))}）"
        return name(d)

    counts = {state: [d for d in owed if d.state == state] for state in
              ("on_time", "late", "missing", "returned", "pending")}
    rate = percent(len(counts["on_time"]), len(owed))
    due = registry.due_on(month)
    opening = inline(
        f"按照《{registry.plan.title}》（{registry.plan.document_number}）要求，重点领域信息公开"
        f"牵头落实单位需按月向市政府办上报相关信息。{_due_cited(registry, month, due)}"
        f"截至{chinese_date(status.as_of)}，{chinese_month(month)}"
        f"应报送{len(owed)}家次，按时报送{len(counts['on_time'])}家次，逾期报送"
        f"{len(counts['late'])}家次，未报送{len(counts['missing'])}家次，因质量问题退回"
        f"{len(counts['returned'])}家次，按时报送率为{rate}%。现将有关情况通报如下："
    )
    sections: list[Section] = []
    for state, heading in GROUPS:
        group = counts[state]
        text = "、".join(described(d) for d in group) + "。" if group else "无。"
        sections.append(Section(f"{NUMERALS[len(sections)]}、{heading}（{len(group)}家次）",
                                (text,)))
    if findings:
        sections.append(Section(f"{NUMERALS[len(sections)]}、报送质量方面存在的问题",
                                tuple(_finding_line(registry, f) for f in findings)))
    if counts["pending"]:
        sections.append(Section(
            f"{NUMERALS[len(sections)]}、尚未到报送截止日期的单位（{len(counts['pending'])}家次）",
            ("、".join(name(d) for d in counts["pending"]) + "。",)))
    return BulletinText(
        title=f"关于{chinese_month(month)}重点领域信息公开报送情况的通报",
        number=f"第{number}期",
        addressees=ADDRESSEES,
        opening=opening,
        sections=tuple(sections),
        closing=CLOSING,
        issuer=inline(registry.office.full_name),
        dated=chinese_date(status.as_of),
    )


def _due_cited(registry: Registry, month: str, due: date) -> str:
    """The due day, cited as whoever set it: the plan's words, or the office's own rule
    where the plan names no day (the registry's `set_by`)."""
    rule = registry.monthly
    whose = "《方案》" if rule.set_by == "plan" else f"{registry.office.name}确定的报送时间"
    how = f"（{rule.due_text}）" if rule.due_text else ""
    return f"按照{whose}{how}，{chinese_month(month)}的信息应于{chinese_date(due)}前报送。"


def _finding_line(registry: Registry, finding: Finding) -> str:
    s = finding.submission
    unit = registry.agency(s.agency).name
    problem = t("zh", f"lint.{finding.rule}", **finding.params)
    return inline(f"{unit}（第{s.id}号报送）：{problem}。")

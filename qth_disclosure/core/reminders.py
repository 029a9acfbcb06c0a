"""催报通知: the office's notice to a unit of what it has not sent, overdue or due soon.

One notice per unit that owes something overdue (`missing`) or falling due within the
registry's `remind_within_days` (or the caller's own number of days): what it is, in plain
words (the month and the task's title, never a code), the day it was due and how many days
late, or how many days are left, the day by which to send the overdue ones (the
bulletin's 补报 rule: `make_up_working_days` working days on), and whom at the office to
ask (its first contact in agencies.yaml, when it lists one). The office's own reports
(K1) are its own business and get no notice; inspections are the office's to do. The
`remind` command (sending by mail, recording each notice) builds on `notices`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from qth_disclosure.calendar import chinese_date, chinese_month
from qth_disclosure.core.bulletin import working_days_after
from qth_disclosure.core.compliance import Assessed, Status
from qth_disclosure.documents.model import Block, Document
from qth_disclosure.errors import InputError
from qth_disclosure.escapes import inline
from qth_disclosure.registry import Registry

TITLE = "关于报送政府信息公开工作有关材料的通知"
WHAT = {"plan": "本单位政府信息公开工作实施方案", "summary": "本单位政府信息公开工作方案落实情况"}


@dataclass(frozen=True)
class Notice:
    agency: str  # the unit's code
    overdue: tuple[Assessed, ...]
    due_soon: tuple[Assessed, ...]
    document: Document


def notices(registry: Registry, status: Status, within_days: int | None = None,
            agency: str | None = None) -> list[Notice]:
    """The notices due on `status.as_of`, in registry order of the units (one unit only
    with `agency`); each document is unnumbered (its `reference` empty) until it is sent."""
    rules = registry.documents
    if rules is None:
        raise InputError("documents_not_configured", file=str(registry.source / "tasks.yaml"))
    within = rules.remind_within_days if within_days is None else within_days
    day = status.as_of
    owed: dict[str, tuple[list[Assessed], list[Assessed]]] = {}
    for d in status.deliverables:
        unit = d.deliverable.agency
        if unit == registry.plan.office or d.deliverable.kind == "inspection" or (
                agency is not None and unit != agency):
            continue
        late, soon = owed.setdefault(unit, ([], []))
        if d.state == "missing":
            late.append(d)
        elif d.state == "pending" and (d.deliverable.due - day).days <= within:
            soon.append(d)
    found = []
    for listed in registry.agencies:
        late, soon = owed.get(listed.code, ([], []))
        if late or soon:
            found.append(Notice(listed.code, tuple(late), tuple(soon),
                                _document(registry, listed.code, late, soon, day)))
    return found


def _document(registry: Registry, code: str, late: Sequence[Assessed],
              soon: Sequence[Assessed], day: date) -> Document:
    rules = registry.documents
    assert rules is not None
    unit = registry.agency(code)
    body = [Block("paragraph", inline(
        f"按照《{registry.plan.title}》（{registry.plan.document_number}）要求，现将截至"
        f"{chinese_date(day)}你单位尚未报送的材料通知如下："))]
    if late:
        body.append(Block("heading", "一、逾期未报送的材料"))
        body += [Block("paragraph", f"{i}. {_what(registry, d)}，应于"
                       f"{chinese_date(d.deliverable.due)}前报送，已逾期"
                       f"{(day - d.deliverable.due).days}天。")
                 for i, d in enumerate(late, 1)]
    if soon:
        body.append(Block("heading", f"{'二' if late else '一'}、即将到期的材料"))
        body += [Block("paragraph", f"{i}. {_what(registry, d)}，应于"
                       f"{chinese_date(d.deliverable.due)}前报送，"
                       + ("今天到期。" if d.deliverable.due == day else
                          f"还有{(d.deliverable.due - day).days}天。"))
                 for i, d in enumerate(soon, 1)]
    asks = []
    if late:
        make_up_by = working_days_after(registry, day, rules.make_up_working_days)
        asks.append(f"请于{chinese_date(make_up_by)}前补报逾期未报送的材料")
    if soon:
        asks.append("按期报送即将到期的材料")
    body.append(Block("paragraph", "，".join(asks) + "。逾期未报送的情况将在通报中予以通报。"
                      if late else "，".join(asks) + "。"))
    if contact := _office_contact(registry):
        body.append(Block("paragraph", contact))
    body.append(Block("paragraph", "特此通知。"))
    office = inline(registry.office.full_name)
    return Document(
        form="official", mark=inline(rules.issuer_mark), reference="",
        title=f"{office}{TITLE}", addressees=f"{inline(unit.full_name)}：", body=tuple(body),
        signature=office, dated=chinese_date(day), printed_by=inline(rules.printed_by),
        printed_on=chinese_date(day),
        facts={"agency": code, "as_of": day.isoformat(), "overdue": len(late),
               "due_soon": len(soon)})


def _office_contact(registry: Registry) -> str:
    """联系人：赵科长，联系电话：…，电子邮箱：…。 of the office's first contact, if any."""
    found = registry.contacts_of(registry.plan.office)
    if not found:
        return ""
    c = found[0]
    parts = [f"联系人：{inline(c.name)}"]
    if c.phone:
        parts.append(f"联系电话：{inline(c.phone)}")
    if c.email:
        parts.append(f"电子邮箱：{inline(c.email)}")
    return "，".join(parts) + "。"


def _what(registry: Registry, d: Assessed) -> str:
    kind, task, period = d.deliverable.kind, d.deliverable.task, d.deliverable.period
    if kind == "monthly" and task and period:
        return f"{chinese_month(period)}份“{inline(registry.task(task).title)}”信息"
    return WHAT.get(kind, kind)

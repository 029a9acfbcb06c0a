"""The letters a unit sends an applicant (依申请公开): the 答复书 of each answer, the
告知书 of a correction asked for (补正), an extension (延期) and a third party consulted, and
the 收费通知书 of a fee notice (2019: 国办函〔2020〕109号).

The plan (三) requires every answer that refuses to give its reasons and to tell the
applicant how to seek remedy (救济途径): administrative reconsideration within the
registry's `reconsideration_days` (60, 行政复议法 1999 art. 9) to the 复议机关 the registry
names for the unit's kind, or a lawsuit within `lawsuit_months` (6, 行政诉讼法 2014 art.
46). The wording is the document's, in Chinese whatever the interface language; the
reasons and the legal basis are the unit's own words as recorded with the answer (`inline`:
they can never steer a terminal). Pure: the caller passes the rows and the number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from qth_disclosure.calendar import chinese_date
from qth_disclosure.core.applications import clock, in_order
from qth_disclosure.core.fees import fee_event_id, payment_due, yuan
from qth_disclosure.documents.model import Block, Document
from qth_disclosure.errors import InputError
from qth_disclosure.escapes import inline
from qth_disclosure.i18n import t
from qth_disclosure.ledger import Application, Event, Fee
from qth_disclosure.registry import LawProfile, Registry
from qth_disclosure.registry.model import DocumentRules

# what each answer tells the applicant, after "经审查，"
ANSWERS = {
    "disclosed": ("政府信息公开申请答复书",
                  "你申请获取的政府信息属于公开范围，本机关同意公开，现予以提供。"),
    "partly_disclosed": ("政府信息部分公开告知书",
                         "你申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关"
                         "对可以公开的部分予以提供，对不予公开的部分不予提供。"),
    "not_disclosed": ("政府信息不予公开告知书",
                      "你申请获取的政府信息{ground}，属于不予公开的范围，本机关不予公开。"),
    "not_exist": ("政府信息不存在告知书",
                  "经本机关检索，你申请获取的政府信息不存在。"),
    "not_held": ("非本机关政府信息告知书",
                 "你申请获取的政府信息不属于本机关公开的范围。"),
    "not_government_information": ("非政府信息告知书",
                                   "你申请获取的信息不属于《中华人民共和国政府信息公开条例》"
                                   "所指的政府信息。"),
    # 2008 art. 21(一), 2019 art. 36(一)
    "already_public": ("政府信息公开申请答复书",
                       "你申请获取的政府信息已经主动公开，你可以通过本机关门户网站、政府公报"
                       "或者政府信息公开查阅场所获取。"),
    # 2019 art. 38: no duty to make information that does not exist in ready form
    "not_made": ("政府信息公开申请告知书",
                 "你申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关不另行制作，"
                 "无法提供。"),
    # 2019 art. 30, 2021 form table 三 （四）3.
    "still_unclear": ("政府信息公开申请告知书",
                      "你补正后的申请内容仍不明确，本机关无法确定你所需要的政府信息，无法提供。"),
    "not_processed": ("政府信息公开申请不予处理告知书",
                      "你的申请{ground}，本机关不予处理。"),
    # 2019 art. 36(七): 工商、不动产登记资料 and the like, under their own law
    "other_channel": ("政府信息公开申请告知书",
                      "你申请获取的信息，有关法律、行政法规对信息的获取有特别规定，请你按照"
                      "有关规定办理。"),
}
GROUNDS = {
    "state_secret": "涉及国家秘密",
    "commercial_secret": "涉及商业秘密",
    "privacy": "涉及个人隐私",
    "security_stability": "公开后可能危及国家安全、公共安全、经济安全和社会稳定",
    "other_law": "属于法律、法规规定不予公开的其他情形",
    "third_party": "公开后会损害第三方合法权益",
    "internal_affairs": "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
    "process_info": "属于行政机关在履行行政管理职能过程中形成的过程性信息",
    "enforcement_file": "属于行政执法案卷信息",
    "query_matter": "属于行政查询事项",
    # not_processed (2019 art. 35, 36(六), 39)
    "complaint": "实质是以政府信息公开申请的形式进行信访、投诉、举报等活动",
    "repeat": "属于重复申请",
    "publication": "要求提供公开出版物",
    "mass_repeat": "属于无正当理由大量、反复申请",
    "confirm_reissue": "要求本机关确认或者重新出具已获取的信息",
}
LETTER_EVENTS = ("answer", "extend", "pause")
# 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) has the agency send the applicant a
# 收费通知 before it charges (the 2021 form's table 三 （六） 2 names it so too: "逾期未按收费
# 通知要求缴纳费用"); the letter is that notice, under the fee's name: 信息处理费收费通知书
FEE_NOTICE_TITLE = "政府信息公开信息处理费收费通知书"
FEE_MEASURES = "政府信息公开信息处理费管理办法"


@dataclass(frozen=True)
class Numbered:
    """What a unit's letter number counts in, and the number as printed."""

    series: str
    reference: str


def numbering(rules: DocumentRules, unit_name: str, year: int, number: int) -> Numbered:
    """A unit's letters count per year: 市财政局依申请公开〔2015〕1号."""
    series = f"{unit_name}{rules.letter_prefix}"
    return Numbered(series, f"{series}〔{year}〕{number}号")


def is_fee_notice(event: Event) -> bool:
    """A fee notice as the clock sees it (core.fees.fee_events): a pause for the fee."""
    return event.kind == "pause" and event.details.get("why") == "fee"


def letter_event(application: Application, events: Sequence[Event],
                 event_id: int | None = None, fees: Sequence[Fee] = (),
                 law: LawProfile | None = None) -> Event:
    """The event a letter is about: `event_id`, or the application's latest one that
    calls for a letter (its answer, an extension, a pause to correct or to consult, a fee
    notice); an answer wins over what came after it.

    `events` are what the clock counts: the recorded ones and those of the fees
    (`fees.with_fees`), so that a fee notice is chosen by the id `fees.fee_events` gives
    it; `fees` (under `law`) tell a cost charged (2008: no notice, no letter) when its id
    is given: the fee's own, which `request show` lists (a charge makes no event, so has
    no event id to show), or the one its event would have had."""
    worthy = [e for e in in_order(events) if e.kind in LETTER_EVENTS]
    if event_id is not None:
        chosen = [e for e in events if e.id == event_id]
        if not chosen or chosen[0].kind not in LETTER_EVENTS:
            valid = ", ".join(f"#{e.id} {'fee_notice' if is_fee_notice(e) else e.kind}"
                              for e in worthy) or "none"
            charged = [f for f in fees if f.kind == "charge"
                       and event_id in (f.id, fee_event_id(f))]
            if charged and not chosen:
                raise InputError("letter_fee_charged", id=application.id, event=event_id,
                                 fee=charged[0].id, law=inline(law.name) if law else "",
                                 valid=valid)
            raise InputError("letter_event_unknown", id=application.id, event=event_id,
                             valid=valid)
        return chosen[0]
    if not worthy:
        raise InputError("letter_nothing_to_send", id=application.id)
    answers = [e for e in worthy if e.kind == "answer"]
    return answers[-1] if answers else worthy[-1]


def compose_letter(registry: Registry, application: Application, events: Sequence[Event],
                   event: Event, reference: str) -> Document:
    """The letter about `event` of `application`, numbered `reference`; `events` are what
    its clock counts: the application's events and its fees' (`fees.with_fees`), so that
    an extension's letter states the due day a fee notice moved."""
    rules = registry.documents
    if rules is None:
        raise InputError("documents_not_configured", file=str(registry.source / "tasks.yaml"))
    unit = registry.agency(application.agency)
    law = registry.law_for(application.received_on)
    # cited by its title alone: 《中华人民共和国政府信息公开条例》, without （国务院令第492号）
    regulation = inline(law.name).split("（")[0]
    subject = inline(application.subject)
    received = chinese_date(application.received_on)
    opening = (f"你（单位）于{received}向本机关提出的获取“{subject}”政府信息的申请，本机关"
               f"已于{received}收到。")
    body: list[Block] = []
    remedy = True
    if event.kind == "answer":
        outcome = str(event.details["outcome"])
        # what was asked for is given: nothing to contest
        remedy = outcome not in ("disclosed", "already_public")
        title, finding = ANSWERS.get(outcome, ("政府信息公开申请答复书", ""))
        ground = GROUNDS.get(str(event.details.get("ground", "")), "")
        body.append(Block("paragraph", opening + "经审查，现答复如下："))
        body.append(Block("paragraph", finding.format(ground=ground) if finding else
                          f"答复结果：{inline(outcome)}。"))
        reason, basis = event.details.get("reason"), event.details.get("basis")
        if reason:
            body.append(Block("paragraph", f"理由：{inline(str(reason)).rstrip('。')}。"))
        if basis:
            body.append(Block("paragraph", f"依据：{inline(str(basis)).rstrip('。')}。"))
        if outcome == "disclosed":
            body.append(Block("paragraph", "你可以到本机关政府信息公开查阅场所查阅，或者按照"
                              "你申请时选择的方式获取。"))
    elif event.kind == "extend":
        title, remedy = "延期答复告知书", False
        days = int(event.details["working_days"])
        due = clock(application, events, law, registry.work_calendar,
                    as_of=event.occurred_on).due
        body.append(Block("paragraph", opening + "因需要进一步查找、核实相关信息，本机关不能在"
                          "规定期限内作出答复。"))
        body.append(Block("paragraph", f"根据《{regulation}》的规定，经本机关政府信息"
                          f"公开工作机构负责人同意，答复期限延长{days}个工作日"
                          + (f"，本机关将于{chinese_date(due)}前作出答复。" if due else "。")))
    elif event.details.get("why") == "clarify":
        title, remedy = "补正申请告知书", False
        body.append(Block("paragraph", opening + "经审查，你的申请内容不明确，本机关无法确定"
                          "你所需要的政府信息。"))
        body.append(Block("paragraph", "请你对所需政府信息的名称、文号或者便于本机关查询的"
                          "其他特征性描述作出更改、补充。答复期限自本机关收到补正的申请之日起"
                          "计算。"))
    elif event.details.get("why") == "other-agency":  # 2019 art. 33(3)
        title, remedy = "征求意见告知书", False
        body.append(Block("paragraph", opening + "经审查，你申请获取的政府信息需要征求其他"
                          "行政机关的意见。"))
        body.append(Block("paragraph", f"根据《{regulation}》的规定，征求其他机关意见"
                          "所需时间不计算在答复期限内。本机关将在收到意见后依法作出答复。"))
    elif is_fee_notice(event):  # 2019 art. 42, 国办函〔2020〕109号
        title, remedy = FEE_NOTICE_TITLE, False
        body += _fee_notice(registry, application, events, event, opening, regulation)
    else:  # a third party consulted
        title, remedy = "征求第三方意见告知书", False
        body.append(Block("paragraph", opening + "经审查，你申请获取的政府信息涉及第三方的"
                          "合法权益，本机关将书面征求第三方的意见。"))
        body.append(Block("paragraph", f"根据《{regulation}》的规定，征求第三方意见"
                          "所需时间不计算在答复期限内。本机关将在收到第三方意见后依法作出"
                          "答复。"))
    if remedy:
        letter = title[-3:]  # 答复书 or 告知书
        body.append(Block("paragraph", (
            f"如对本答复不服，可以自收到本{letter}之日起{rules.reconsideration_days}日内向"
            f"{inline(rules.reconsideration_body(unit.kind))}申请行政复议，或者自收到本{letter}"
            f"之日起{_months(rules.lawsuit_months)}内向人民法院提起行政诉讼。")))
    body.append(Block("paragraph", "特此通知。" if is_fee_notice(event) else "特此告知。"))
    applicant = inline(application.applicant).strip() or "申请人"
    return Document(
        form="letter", mark=inline(unit.full_name), reference=reference, title=title,
        addressees=f"{applicant}：", body=tuple(body),
        signature=inline(unit.full_name), dated=chinese_date(event.occurred_on),
        facts={"application": application.id, "event": event.id, "kind": event.kind,
               "outcome": event.details.get("outcome"), "agency": unit.code,
               "remedy": remedy, "dated": event.occurred_on.isoformat(),
               **(_fee_facts(registry, application, event) if is_fee_notice(event) else {})})


def _amount(recorded: object) -> str:
    """The notice's amount as money is written (1100, 100.50); as recorded when the row
    holds something else (a ledger written around the tool)."""
    try:
        return yuan(Decimal(str(recorded)))
    except (InvalidOperation, ValueError):
        return inline(str(recorded))


def _fee_facts(registry: Registry, application: Application, event: Event) -> dict[str, object]:
    law = registry.law_for(application.received_on)
    return {"fee": {"amount": str(event.details["amount"]),
                    "items": list(event.details["items"]),
                    "pay_by": payment_due(law, registry.work_calendar, event).isoformat()}}


def _fee_notice(registry: Registry, application: Application, events: Sequence[Event],
                event: Event, opening: str, regulation: str) -> list[Block]:
    """The 收费通知书's paragraphs. What 109号 has the notice say: the amount and what it is
    for, the basis and the standard it is reckoned by, by when to pay (the profile's
    `fee_notice_working_days`, the notice day being day 0 as core.fees counts it), that
    the time until the payment is not counted, and that a fee not paid in time ends the
    application (视为放弃申请, as the measures put it; the 2021 form's table 三 （六） 2:
    the agency 不再处理 it, `request close --why fee_unpaid`). The rows record no payment
    method, nor whether the fee was reckoned by the item or by the page: the letter names
    neither in particular."""
    law = registry.law_for(application.received_on)
    cal = registry.work_calendar
    assert law.fee_notice_working_days is not None  # a notice exists under such a law only
    items = inline("、".join(t("zh", f"fee.item.{i}") for i in event.details["items"]))
    amount = _amount(event.details["amount"])
    pay_by = chinese_date(payment_due(law, cal, event))
    before = clock(application, events, law, cal, as_of=event.occurred_on)
    # the count as the notice day left it (since a correction arrived, if it restarted)
    left = before.needed - next((s.counted for s in reversed(before.steps)
                                 if s.counted and s.calendar_day.day > before.start), 0)
    return [
        Block("paragraph", opening + "经审查，你申请公开政府信息的数量、频次明显超过合理范围。"
              f"根据《{regulation}》和《{FEE_MEASURES}》的规定，本机关依法收取信息处理费。"),
        Block("paragraph", f"收费项目：{items}；收费金额：人民币{amount}元。"
              f"收费金额按照《{FEE_MEASURES}》规定的收费标准，以超额累进方式计算。"),
        Block("paragraph", f"请你自本通知书发出之日起{law.fee_notice_working_days}个工作日内，"
              f"即{pay_by}前（含当日），按照本机关告知的缴纳方式缴纳上述费用。"),
        Block("paragraph", "自本通知书发出的次日起至你缴纳费用之日止的期间，不计算在答复期限内；"
              f"你缴纳费用后，答复期限剩余的{left}个工作日继续计算。"),
        Block("paragraph", "逾期未缴纳的，视为放弃申请，本机关不再处理你的本次政府信息公开申请。"),
    ]


def _months(count: int) -> str:
    return {6: "六个月", 3: "三个月"}.get(count, f"{count}个月")

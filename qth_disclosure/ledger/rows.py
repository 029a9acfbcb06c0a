"""The ledger's rows: what is written (New...) and what is read back."""

from __future__ import annotations

from dataclasses import field
from datetime import date, datetime
from typing import Any

from qth_disclosure.ledger.rowclass import row

# (kind, agency, task, period): the identity of one deliverable, whose receipts are a
# submission and its revisions; task and period are None for plans and summaries
DeliverableKey = tuple[str, str, "str | None", "str | None"]


@row
class Stamp:
    """Who wrote a row and when: `by` as the user states it (--by), `login` as the OS says."""

    at: datetime
    by: str
    login: str


@row
class NewSubmission:
    """A validated submission, not yet written."""

    plan: str
    kind: str  # plan | monthly | summary | annual_report
    agency: str
    task: str | None
    period: str | None  # YYYY-MM for monthly reports, YYYY for an annual report
    received_on: date
    summary: str
    links: tuple[str, ...] = ()

    @property
    def key(self) -> DeliverableKey:
        """The deliverable this submission is a receipt of."""
        return (self.kind, self.agency, self.task, self.period)


@row
class Submission(NewSubmission):
    """A submission as read back: its id, the receipt it revises, who recorded it."""

    id: int = 0
    revision_of: int | None = None
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@row
class NewPlanItem:
    """One item of a unit's plan (部门方案, plan 五(二)): what is published, its content, how,
    by when, and who answers for it; `task` the plan's task it serves, where given."""

    position: int  # 1, 2, ... in the order the unit listed them
    task: str | None
    matter: str  # 公开事项
    content: str  # 公开内容
    method: str  # 公开方式
    time_limit: str  # 公开时限
    person: str  # 责任人

    ELEMENTS = ("matter", "content", "method", "time_limit", "person")

    @property
    def missing(self) -> tuple[str, ...]:
        """The elements left empty."""
        return tuple(e for e in self.ELEMENTS if not getattr(self, e).strip())


@row
class PlanItem(NewPlanItem):
    """A plan item as read back, with the submission it came with."""

    id: int = 0
    submission: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@row
class NewAttachment:
    """A file handed in with a submission (`submit --attach`), read whole before the write:
    its base name, and its bytes with their size and SHA-256 (hex)."""

    name: str
    size: int
    sha256: str
    data: bytes = field(repr=False)


@row
class Attachment:
    """A stored attachment as listed (history): everything but its bytes."""

    id: int
    submission: int
    position: int  # 1, 2, ... in the order --attach gave them
    name: str
    size: int
    sha256: str
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@row
class NewVoid:
    """A coordinator's voiding of a mistaken entry: it counts nowhere from `voided_on` on."""

    submission: int
    reason: str
    voided_on: date


@row
class Void(NewVoid):
    """A void as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@row
class NewClearance:
    """The office's confidentiality review (保密审查) of a submission before publication."""

    submission: int
    result: str  # passed | withheld
    comment: str
    cleared_on: date


@row
class Clearance(NewClearance):
    """A confidentiality review as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@row
class NewInspection:
    """The office's acceptance inspection (验收) of a unit, not yet written."""

    plan: str
    agency: str
    verdict: str  # pass | fail | rectify
    inspected_on: date
    note: str


@row
class Inspection(NewInspection):
    """An inspection as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@row
class NewReview:
    """The office's quality verdict on a submission: accepted, or returned."""

    submission: int
    verdict: str  # accept | return
    comment: str
    reviewed_on: date


@row
class Review(NewReview):
    """A review as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@row
class NewBulletin:
    """A 通报 on a month's reports as issued: its number in the plan and its text."""

    plan: str
    number: int
    month: str  # the reporting month it is about
    as_of: date
    text: str


@row
class Bulletin(NewBulletin):
    """A bulletin as read back, with the chain it was issued against."""

    id: int = 0
    reissue_of: int | None = None
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`
    # the chain's head when it was issued (None for bulletins issued before heads were kept)
    chain_length: int | None = None
    chain_head: str | None = None


@row
class NewRoster:
    """A plan's roster of coordinators and liaisons, pinned to the ledger."""

    plan: str
    roster: str  # core.roles.Roster.to_text(): canonical JSON of coordinators and liaisons


@row
class PinnedRoster(NewRoster):
    """A pinned roster as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@row
class NewDocument:
    """A document as issued: its number in its series and year, and its content (the
    structure it is printed from, as JSON), so it prints again exactly as issued."""

    plan: str
    kind: str  # bulletin | letter | notice
    issuer: str  # the issuing unit's code
    series: str  # what the number counts in: the 机关代字 (七政办函), a unit's letters
    year: int
    number: int
    reference: str  # the number as printed: 七政办函〔2015〕3号
    about: int | None  # the bulletin's or the application's id; None for a notice
    issued_on: date
    content: dict[str, Any]


@row
class Document(NewDocument):
    """A document as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@row
class NewReminder:
    """A 催报通知 mailed to a unit (`remind --send`): to whom, about what, and what the
    mail server said for each address."""

    plan: str
    agency: str
    as_of: date  # the day the notice speaks of
    sent_on: date  # the day it was mailed: the same items go to a unit once a day
    items: tuple[str, ...]  # the deliverables it names: "kind agency task period", sorted
    recipients: tuple[str, ...]  # the addresses it was mailed to
    subject: str
    body_sha256: str  # of the body as mailed (UTF-8)
    sent_at: str  # ISO time the server was handed the mail
    result: dict[str, Any]  # address -> "sent", or the server's refusal

    @property
    def delivered(self) -> bool:
        """Whether any address took it: a notice nobody received may be sent again."""
        return any(v == "sent" for v in self.result.values())


@row
class Reminder(NewReminder):
    """A reminder as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@row
class NewApplication:
    """An application for disclosure (依申请公开) as registered."""

    plan: str
    agency: str
    received_on: date
    subject: str
    applicant: str
    applicant_kind: str
    channel: str
    law_profile: str
    # how the receipt day was fixed (2019 Regulations art. 31); None for an application
    # registered before the tool recorded it
    receipt_basis: str | None = None


@row
class Application(NewApplication):
    """An application as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@row
class NewEvent:
    """Something that happened to an application: answer, extend, pause, resume, appeal,
    close."""

    application: int
    kind: str
    occurred_on: date
    details: dict[str, Any]


@row
class Event(NewEvent):
    """An application's event as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`



@row
class NewProactiveFigure:
    """One figure of the proactive-disclosure table (2021 form table 二) of a unit's year."""

    plan: str
    agency: str
    year: int
    item: str  # regulations_made ... fees (vocab.ProactiveItem)
    figure: str  # a decimal number as text: a count, or 万元 for fees


@row
class ProactiveFigure(NewProactiveFigure):
    """A proactive-disclosure figure as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@row
class NewFee:
    """A fee of an application: a cost charged (`charge`), a fee notice (收费通知,
    `notice`), or the payment of the notified fee (`paid`)."""

    application: int
    kind: str
    occurred_on: date
    amount: str  # 元 as decimal text, at most two places (core.fees)
    items: tuple[str, ...]  # vocab.FeeItem


@row
class Fee(NewFee):
    """A fee as read back."""

    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""

"""The ledger's rows: what is written (New...) and what is read back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# (kind, agency, task, period): the identity of one deliverable, whose receipts are a
# submission and its revisions; task and period are None for plans and summaries
DeliverableKey = tuple[str, str, "str | None", "str | None"]


@dataclass(frozen=True)
class Stamp:
    """Who wrote a row and when: `by` as the user states it (--by), `login` as the OS says."""

    at: datetime
    by: str
    login: str


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Submission(NewSubmission):
    id: int = 0
    revision_of: int | None = None
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class PlanItem(NewPlanItem):
    id: int = 0
    submission: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@dataclass(frozen=True)
class NewAttachment:
    """A file handed in with a submission (`submit --attach`), read whole before the write:
    its base name, and its bytes with their size and SHA-256 (hex)."""

    name: str
    size: int
    sha256: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class NewVoid:
    """A coordinator's voiding of a mistaken entry: it counts nowhere from `voided_on` on."""

    submission: int
    reason: str
    voided_on: date


@dataclass(frozen=True)
class Void(NewVoid):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@dataclass(frozen=True)
class NewClearance:
    """The office's confidentiality review (保密审查) of a submission before publication."""

    submission: int
    result: str  # passed | withheld
    comment: str
    cleared_on: date


@dataclass(frozen=True)
class Clearance(NewClearance):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@dataclass(frozen=True)
class NewInspection:
    plan: str
    agency: str
    verdict: str  # pass | fail | rectify
    inspected_on: date
    note: str


@dataclass(frozen=True)
class Inspection(NewInspection):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@dataclass(frozen=True)
class NewReview:
    submission: int
    verdict: str  # accept | return
    comment: str
    reviewed_on: date


@dataclass(frozen=True)
class Review(NewReview):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@dataclass(frozen=True)
class NewBulletin:
    plan: str
    number: int
    month: str  # the reporting month it is about
    as_of: date
    text: str


@dataclass(frozen=True)
class Bulletin(NewBulletin):
    id: int = 0
    reissue_of: int | None = None
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`
    # the chain's head when it was issued (None for bulletins issued before heads were kept)
    chain_length: int | None = None
    chain_head: str | None = None


@dataclass(frozen=True)
class NewRoster:
    plan: str
    roster: str  # core.roles.Roster.to_text(): canonical JSON of coordinators and liaisons


@dataclass(frozen=True)
class PinnedRoster(NewRoster):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Document(NewDocument):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Reminder(NewReminder):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Application(NewApplication):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`


@dataclass(frozen=True)
class NewEvent:
    """Something that happened to an application: answer, extend, pause, resume, appeal,
    close."""

    application: int
    kind: str
    occurred_on: date
    details: dict[str, Any]


@dataclass(frozen=True)
class Event(NewEvent):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""  # the OS login that ran the command, when it differs from `by`



@dataclass(frozen=True)
class NewProactiveFigure:
    """One figure of the proactive-disclosure table (2021 form table 二) of a unit's year."""

    plan: str
    agency: str
    year: int
    item: str  # regulations_made ... fees (vocab.ProactiveItem)
    figure: str  # a decimal number as text: a count, or 万元 for fees


@dataclass(frozen=True)
class ProactiveFigure(NewProactiveFigure):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""


@dataclass(frozen=True)
class NewFee:
    """A fee of an application: a cost charged (`charge`), a fee notice (收费通知,
    `notice`), or the payment of the notified fee (`paid`)."""

    application: int
    kind: str
    occurred_on: date
    amount: str  # 元 as decimal text, at most two places (core.fees)
    items: tuple[str, ...]  # vocab.FeeItem


@dataclass(frozen=True)
class Fee(NewFee):
    id: int = 0
    recorded_at: str = ""
    recorded_by: str = ""
    login: str = ""

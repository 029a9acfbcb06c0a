"""Turn what a user typed into validated ledger rows, or refuse with the reason.

Pure: the registry and "today" come in as arguments, nothing is written here. Every
refusal names the bad value and what would be valid.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from qth_disclosure.calendar import month_first, parse_month
from qth_disclosure.errors import InputError, Listed
from qth_disclosure.ledger import (
    Application,
    NewApplication,
    NewClearance,
    NewInspection,
    NewPlanItem,
    NewReview,
    NewSubmission,
    NewVoid,
    Submission,
)
from qth_disclosure.registry import Agency, LawProfile, Registry

# Long enough for a month's report with its item list, short enough that a pasted file
# or a runaway script cannot bloat the ledger or a bulletin.
MAX_TEXT_CHARS = 20_000
# a person's or an organisation's name: one line, as it goes into a table or a letter
MAX_NAME_CHARS = 200
# what browsers and sitemaps handle; a longer "link" is pasted text, not an address
MAX_LINK_CHARS = 2_048
MAX_LINKS = 50
VERDICTS = ("pass", "fail", "rectify")
REVIEW_VERDICTS = ("accept", "return")
CLEARANCE_RESULTS = ("passed", "withheld")
MAX_PLAN_ITEMS = 500  # far more than any unit's plan lists
# a plan item's columns: the plan's words (五(二)) or their English keys
ITEM_COLUMNS = {"公开事项": "matter", "公开内容": "content", "公开方式": "method",
                "公开时限": "time_limit", "责任人": "person", "任务": "task"}


def monthly_report(
    registry: Registry, *, agency: str, task: str, month: str, summary: str,
    received_on: date, links: list[str], today: date,
) -> NewSubmission:
    unit = registry.agency(agency)
    found = registry.task(task)
    if not found.monthly:
        raise InputError("task_not_monthly", value=found.id,
                         valid=", ".join(t.id for t in registry.monthly_tasks))
    if unit.code not in found.lead:
        raise InputError("not_lead", agency=registry.units(unit.code), task=found.id,
                         valid=registry.units(*found.lead))
    period = reporting_month(registry, month)
    _check_day(registry, received_on, "--received", today)
    # A report on a month that had not begun when it arrived can only be a wrong --month
    # or a wrong --received: refused, so nothing counts it on time (lint's
    # month-not-started stays for rows entered before this check)
    if received_on < month_first(period):
        raise InputError("received_before_month", value=received_on.isoformat(),
                         month=period, first=month_first(period).isoformat())
    return NewSubmission(
        plan=registry.plan.id, kind="monthly", agency=unit.code, task=found.id, period=period,
        received_on=received_on, summary=text(summary, "--summary"), links=_links(links),
    )


def led_monthly_task(registry: Registry, agency: str) -> str:
    """The monthly task a unit leads, when `submit` is given no --task: it must lead exactly
    one, else the refusal lists the ones it leads (or says it leads none)."""
    unit = registry.agency(agency)
    led = [t for t in registry.monthly_tasks if unit.code in t.lead]
    if len(led) == 1:
        return led[0].id
    if not led:
        raise InputError("submit_leads_no_monthly", agency=registry.units(unit.code))
    raise InputError("submit_needs_task", agency=registry.units(unit.code), count=len(led),
                     valid=Listed("task.label", tuple({"id": t.id, "title": t.title}
                                                      for t in led)))


def phase_deliverable(
    registry: Registry, *, agency: str, kind: str, summary: str | None, received_on: date,
    links: list[str], today: date, items: int = 0,
) -> NewSubmission:
    """A unit's implementation plan (`plan`, its `items` counted), its year-end report
    (`summary`), or its annual report (`annual_report`, which the office owes too and
    which is recorded by where it was published, --link)."""
    if kind == "annual_report":
        unit = registry.agency(agency)
        if registry.annual_report_due is None:
            raise InputError("no_annual_report", year=registry.annual_report_year)
        if not links:
            raise InputError("annual_report_needs_link")
        period: str | None = str(registry.annual_report_year)
        default = f"{registry.annual_report_year}年度政府信息公开工作年度报告"
    else:
        unit = _reporting_unit(registry, agency)
        period = None
        default = f"部门方案（{items}项）" if kind == "plan" and items else ""
    _check_day(registry, received_on, "--received", today)
    return NewSubmission(
        plan=registry.plan.id, kind=kind, agency=unit.code, task=None, period=period,
        received_on=received_on, summary=text(summary or default, "--summary"),
        links=_links(links),
    )


def plan_items(registry: Registry, rows: list[dict[str, object]], source: str
               ) -> list[NewPlanItem]:
    """A 部门方案's items from the rows of a file (column names as ITEM_COLUMNS gives, in
    Chinese or English). An element left empty is kept: lint and status name it."""
    if not rows:
        raise InputError("plan_items_empty", file=source)
    if len(rows) > MAX_PLAN_ITEMS:
        raise InputError("plan_items_too_many", file=source, count=len(rows),
                         limit=MAX_PLAN_ITEMS)
    known = {**ITEM_COLUMNS, **{v: v for v in ITEM_COLUMNS.values()}}
    items = []
    for number, row in enumerate(rows, 1):
        fields: dict[str, str] = {}
        for column, value in row.items():
            key = known.get(str(column).strip())
            if key is None:
                raise InputError("plan_item_column", file=source, row=number, value=column,
                                 valid="、".join(ITEM_COLUMNS))
            where = f"{source} row {number} {column}"
            cell = "" if value is None else str(value)
            fields[key] = name(cell, where, required=False) if key == "person" else text(
                cell, where, required=False)
        task = fields.pop("task", "") or None
        if task is not None:
            task = registry.task(task).id
        items.append(NewPlanItem(position=number, task=task, **{
            e: fields.get(e, "") for e in NewPlanItem.ELEMENTS}))
    return items


def check_revision(new: NewSubmission, latest: Submission | None) -> None:
    """A revision is received on or after the receipt it revises (`latest`: the latest
    not voided, if any): one dated before would become the deliverable's receipt day."""
    if latest is None:
        return
    if new.received_on < latest.received_on:
        raise InputError("revision_before_revised", value=new.received_on.isoformat(),
                         id=latest.id, received=latest.received_on.isoformat())


def void(registry: Registry, submission: Submission | None, *, submission_id: int,
         reason: str, voided_on: date, today: date) -> NewVoid:
    """A coordinator's voiding of a mistaken entry (wrong unit, wrong month)."""
    if submission is None or submission.plan != registry.plan.id:
        raise InputError("unknown_submission", value=submission_id)
    _check_day(registry, voided_on, "--date", today)
    if voided_on < submission.received_on:
        raise InputError("void_before_receipt", value=voided_on.isoformat(),
                         id=submission.id, received=submission.received_on.isoformat())
    return NewVoid(submission=submission.id, reason=text(reason, "--reason"),
                   voided_on=voided_on)


def clearance(registry: Registry, submission: Submission | None, *, submission_id: int,
              result: str, comment: str | None, cleared_on: date, today: date,
              voided_on: date | None = None) -> NewClearance:
    """The office's 保密审查 of a submission (2008 art. 14), before it is published; not of
    one voided by then (`voided_on`), which is published nowhere."""
    if submission is None or submission.plan != registry.plan.id:
        raise InputError("unknown_submission", value=submission_id)
    if voided_on is not None and voided_on <= cleared_on:
        raise InputError("clear_voided", id=submission.id, voided=voided_on.isoformat())
    _choice(result, CLEARANCE_RESULTS, "--result")
    _check_day(registry, cleared_on, "--date", today)
    if cleared_on < submission.received_on:
        raise InputError("clear_before_receipt", value=cleared_on.isoformat(),
                         id=submission.id, received=submission.received_on.isoformat())
    return NewClearance(submission=submission.id, result=result, cleared_on=cleared_on,
                        comment=text(comment, "--comment", required=False))


def inspection(
    registry: Registry, *, agency: str, verdict: str, inspected_on: date, note: str | None,
    today: date,
) -> NewInspection:
    _choice(verdict, VERDICTS, "--verdict")
    unit = _reporting_unit(registry, agency)
    inspected = registry.owing("inspection")
    if unit not in inspected:  # the plan inspects 市直各单位, not the districts and county
        kinds = registry.phase_for("inspection").units
        raise InputError("not_inspected_unit", value=registry.units(unit.code),
                         kinds=", ".join(kinds))
    _check_day(registry, inspected_on, "--date", today)
    return NewInspection(plan=registry.plan.id, agency=unit.code, verdict=verdict,
                         inspected_on=inspected_on, note=text(note, "--note", required=False))


def review(
    registry: Registry, submission: Submission | None, *, submission_id: int, verdict: str,
    comment: str, reviewed_on: date, today: date,
) -> NewReview:
    if submission is None or submission.plan != registry.plan.id:
        raise InputError("unknown_submission", value=submission_id)
    _choice(verdict, REVIEW_VERDICTS, "verdict")
    _check_day(registry, reviewed_on, "--date", today)
    if reviewed_on < submission.received_on:
        raise InputError("review_before_receipt", value=reviewed_on.isoformat(),
                         id=submission.id, received=submission.received_on.isoformat())
    return NewReview(submission=submission.id, verdict=verdict, reviewed_on=reviewed_on,
                     comment=text(comment, "--comment"))


# How each channel's receipt day may be fixed (2019 art. 31; 207号 in 2015), the usual one
# first: in person the day handed in; by post the day signed for, or for an ordinary letter
# the day confirmed with the applicant; fax and the internet the day both sides confirm;
# a published e-mail box (207号) or web form the day its system received it.
RECEIPT_BASES: dict[str, tuple[str, ...]] = {
    "in_person": ("handed_in",),
    "mail": ("signed_for", "confirmed"),
    "fax": ("confirmed",),
    "email": ("confirmed", "system_received"),
    "web": ("confirmed", "system_received"),
}


def receipt_basis(law: LawProfile, channel: str, given: str | None) -> str:
    """The basis of the receipt day: the one given, if the channel allows it, or the
    channel's usual one under the law profile."""
    valid = RECEIPT_BASES[channel]
    if given is None:
        return law.email_receipt if channel == "email" else valid[0]
    if given not in valid:
        raise InputError("receipt_basis_not_of_channel", value=given, channel=channel,
                         valid=", ".join(valid))
    return given


def application(
    registry: Registry, *, agency: str, received_on: date, subject: str, applicant: str,
    applicant_kind: str, channel: str, today: date, basis: str | None = None,
) -> NewApplication:
    """An application for disclosure; any unit, the office included, receives them."""
    unit = registry.agency(agency)
    if received_on > today:
        raise InputError("future_date", what="--received", value=received_on.isoformat(),
                         today=today.isoformat())
    law = registry.law_for(received_on)
    new = NewApplication(plan=registry.plan.id, agency=unit.code, received_on=received_on,
                         subject=_subject(subject),
                         applicant=name(applicant, "--applicant", required=False),
                         applicant_kind=applicant_kind, channel=channel, law_profile=law.id,
                         receipt_basis=receipt_basis(law, channel, basis))
    # every later reading counts this deadline: refuse now one the calendar cannot count
    # (the clock's code loads for an application only, not for every write of a report)
    from qth_disclosure.core.applications import check_countable

    check_countable(Application(**vars(new)), [], law, registry.work_calendar,
                    what="--received", value=received_on)
    return new


def reporting_month(registry: Registry, month: str) -> str:
    """A YYYY-MM month inside the plan's monthly reporting window."""
    period = parse_month(month, "--month")
    rule = registry.monthly
    if period not in rule.months:
        raise InputError("month_outside_window", value=period, first=rule.first_month,
                         last=rule.last_month)
    return period


def check_as_of(as_of: date, today: date) -> date:
    """Status is what was known on a day; a day still to come is not known yet."""
    if as_of > today:
        raise InputError("future_date", what="--as-of", value=as_of.isoformat(),
                         today=today.isoformat())
    return as_of


def _choice(value: str, valid: tuple[str, ...], what: str) -> None:
    if value not in valid:
        raise InputError("bad_choice", what=what, value=value, valid=", ".join(valid))


def _reporting_unit(registry: Registry, ref: str) -> Agency:
    unit = registry.agency(ref)
    if unit.code == registry.plan.office:
        raise InputError("office_owes_nothing", value=registry.units(unit.code))
    return unit


def check_received(registry: Registry, day: date, what: str, today: date) -> None:
    """A received day is neither still to come nor before the plan was issued."""
    _check_day(registry, day, what, today)


def web_links(links: list[str]) -> tuple[str, ...]:
    """The links of a report as `submit --link` takes them, or the first one refused."""
    return _links(links)


def _check_day(registry: Registry, day: date, what: str, today: date) -> None:
    if day > today:
        raise InputError("future_date", what=what, value=day.isoformat(), today=today.isoformat())
    if day < registry.plan.issued_on:
        raise InputError("before_plan", what=what, value=day.isoformat(),
                         issued=registry.plan.issued_on.isoformat())


def _subject(value: str) -> str:
    """What an application asks for: its own message when empty, which names what to give."""
    if not _stripped(value):
        raise InputError("empty_subject")
    return text(value, "--subject")


def text(value: str | None, what: str, *, required: bool = True) -> str:
    """Free text, stripped, within the length limit; required text must not be empty.

    Line breaks, tabs and even escape sequences are kept as written (what is shown makes
    them harmless); only what no ledger can store is refused.
    """
    return _bounded(value, what, required, MAX_TEXT_CHARS)


def name(value: str | None, what: str, *, required: bool = True) -> str:
    """A name (who recorded, who approved, who applied): text on one line, and short.

    No control or format characters either: a name lands in the record of who wrote a row,
    where a right-to-left override could make one name read as another.
    """
    stripped = _bounded(value, what, required, MAX_NAME_CHARS)
    for position, char in enumerate(stripped, 1):
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise InputError("name_control", what=what, shown=ascii(char), position=position)
    return stripped


def _bounded(value: str | None, what: str, required: bool, limit: int) -> str:
    """`value` stripped: not empty when required, at most `limit` characters, storable."""
    stripped = _stripped(value)
    if required and not stripped:
        raise InputError("empty_text", what=what)
    if len(stripped) > limit:
        raise InputError("text_too_long", what=what, length=len(stripped), limit=limit)
    check_characters(stripped, what)
    return stripped


def _stripped(value: str | None) -> str:
    """The text without surrounding space; empty when nothing in it would show: only
    spaces, controls and invisible format characters (a zero-width space, a byte-order
    mark), which str.strip() leaves."""
    stripped = (value or "").strip()
    blank = all(unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp") for char in stripped)
    return "" if blank else stripped


def check_characters(value: str, what: str) -> None:
    """Refuse what no ledger can hold: NUL, which PostgreSQL's text refuses (and a copy of
    an SQLite ledger to it would then fail), and lone surrogates, which are how Python
    hands over argument bytes that are not UTF-8 and which no UTF-8 database can store."""
    for position, char in enumerate(value, 1):
        if char == "\x00":
            raise InputError("text_nul", what=what, position=position)
        if "\ud800" <= char <= "\udfff":
            raise InputError("text_not_utf8", what=what, shown=_undecoded(char),
                             position=position)


def _undecoded(char: str) -> str:
    """A lone surrogate as the user would know it: the byte it stands for (\\xff), or its
    code point when it stands for none."""
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


# RFC 3986: the ASCII a URL may hold unescaped; anything else in ASCII (a space, quotes,
# angle brackets, backslash, controls) must be percent-encoded. Characters beyond ASCII
# are allowed as IRIs allow them (browsers show Chinese paths that way), but no spaces.
_URL_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                       "-._~:/?#[]@!$&'()*+,;=%")
# a host name's label: letters (any script, for 中文.中国), digits, hyphens and, as DNS
# allows beyond host names, underscores; a hyphen neither first nor last
_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")


def _links(links: list[str]) -> tuple[str, ...]:
    """Web addresses: http or https, a valid host, nothing a URL cannot hold unescaped."""
    if len(links) > MAX_LINKS:
        raise InputError("too_many_links", count=len(links), limit=MAX_LINKS)
    return tuple(_link(link) for link in links)


def _link(given: str) -> str:
    link = given.strip()
    if len(link) > MAX_LINK_CHARS:
        raise InputError("text_too_long", what="--link", length=len(link), limit=MAX_LINK_CHARS)
    check_characters(link, "--link")
    for char in link:
        if not _url_character(char):
            raise InputError("link_character", value=link, shown=ascii(char))
    try:
        parts = urlsplit(link)
        host, _ = parts.hostname, parts.port  # .port raises on a port that is no number
    except ValueError:  # an unclosed [ of an IPv6 address, a port out of range
        raise InputError("link_host", value=link) from None
    if parts.scheme not in ("http", "https"):
        raise InputError("bad_link", value=link)
    if not host or not _valid_host(host):
        raise InputError("link_host", value=link)
    return link


def web_address(link: str) -> bool:
    """Whether `link` is a web address as `submit --link` takes one (http or https, a
    valid host, nothing a URL cannot hold unescaped): only such a link may become a link
    on a page; anything else a row holds is shown as text."""
    try:
        return _link(link) == link
    except InputError:
        return False


def _url_character(char: str) -> bool:
    if char.isascii():
        return char in _URL_ASCII
    # no spaces, controls, invisible format characters (a right-to-left override can make
    # a link read as another) or unassigned code points
    return unicodedata.category(char)[0] not in "CZ"


def _valid_host(host: str) -> bool:
    if ":" in host:  # urlsplit has taken the brackets off an IPv6 address
        import ipaddress

        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)

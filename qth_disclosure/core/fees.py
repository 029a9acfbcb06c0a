"""The fees of applications for disclosure: which the law allows, their amounts, and what a
fee notice (收费通知) does to the clock.

Pure: an application, its events and fees, the law profile and the calendar in; refusals,
warnings and the events the clock counts out.

Which fees are lawful is the law profile's (`fee_items`): 2008 (Order 492 art. 27) the
costs of 检索、复制、邮寄 alone, taken as they arise (a `charge`); 2019 (Order 711 art. 42)
no fee but the 信息处理费, which 国办函〔2020〕109号 has the agency notify first (`notice`,
the profile's `fee_notice_working_days`): the applicant pays within 20 working days
(`paid`), the count stops from the notice until the payment, and an application whose fee
is not paid in time may be closed (`request close --why fee_unpaid`, the 2021 form's table
三 （六） 2).

To the clock a notice is a pause (`why: fee`) and its payment the resume: the notice day
counts, the days after it through the payment day do not, and the days left carry over.
They are made here from the fee rows (`fee_events`) and never stored as events, so a fee
is recorded once, in `application_fees`. A notice's event carries its amount and items:
its letter, the 收费通知书 (core.letters), is chosen by that event's id and states them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from qth_disclosure.calendar import WorkCalendar
from qth_disclosure.core.applications import (
    Warning,
    check_not_paused,
    check_open,
    clock,
    nth_working_day,
)
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import Application, Event, Fee, NewFee
from qth_disclosure.registry import LawProfile

# 元 to the 分
YUAN_PLACES = 2
MAX_YUAN = Decimal(10) ** 12
# the ids of the events made from fee rows: after every recorded event's, so that on one
# day a fee notice follows the events recorded that day (a resume, then the notice)
FEE_EVENT_IDS = 10 ** 12


def amount(text: str) -> str:
    """元 as stored: from 0, at most two decimal places; refused in one line naming the
    value and what is valid."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value >= MAX_YUAN \
            or value != value.quantize(Decimal("0.01"), rounding="ROUND_DOWN"):
        raise InputError("fee_bad_amount", value=text)
    return format(value.normalize(), "f") if value else "0"


def kind_of(profile: LawProfile, paid: bool) -> str:
    """What a fee recorded under `profile` is: a charge, a notice, or a notice's payment."""
    if profile.fee_notice_working_days is None:
        if paid:  # nothing was notified: a cost is recorded when it is taken
            raise InputError("fee_paid_needs_notice_law", law=profile.name)
        return "charge"
    return "paid" if paid else "notice"


def check_items(items: Sequence[str], profile: LawProfile) -> tuple[str, ...]:
    """The items of a charge or notice: at least one, each one the law allows."""
    if not items:
        raise InputError("fee_needs_item", valid=", ".join(profile.fee_items) or "none")
    for item in items:
        if item not in profile.fee_items:
            raise InputError("fee_not_lawful", item=item, law=profile.name,
                             valid=", ".join(profile.fee_items) or "none")
    return tuple(dict.fromkeys(items))  # once each, in the order given


def yuan(value: Decimal) -> str:
    """An amount in 元 as a document writes money: whole yuan bare, else to the fen
    (100.50), never 1E+2."""
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.quantize(Decimal("0.01")), "f")


def fee_events(fees: Sequence[Fee]) -> list[Event]:
    """The clock's view of the fees: each notice a pause, each payment its resume."""
    made = {"notice": "pause", "paid": "resume"}
    # a notice carries what it asked for: its letter (core.letters) states it
    return [Event(f.application, made[f.kind], f.occurred_on,
                  {"why": "fee", "amount": f.amount, "items": list(f.items)}
                  if f.kind == "notice" else {},
                  id=fee_event_id(f), recorded_at=f.recorded_at,
                  recorded_by=f.recorded_by, login=f.login)
            for f in fees if f.kind in made]


def fee_event_id(fee: Fee) -> int:
    """The id of the event a fee row makes (`fee_events`), whatever its kind: a notice's is
    the number its letter is chosen by (`request letter --event N`)."""
    return FEE_EVENT_IDS + fee.id


def with_fees(events: Sequence[Event], fees: Sequence[Fee]) -> list[Event]:
    return [*events, *fee_events(fees)]


def unpaid_notice(fees: Sequence[Fee]) -> Fee | None:
    """The notice still waiting for its payment, if any."""
    waiting: Fee | None = None
    for f in sorted(fees, key=lambda f: (f.occurred_on, f.id)):
        if f.kind == "notice":
            waiting = f
        elif f.kind == "paid":
            waiting = None
    return waiting


def payment_due(profile: LawProfile, cal: WorkCalendar, notice: Fee | Event) -> date:
    """The last day to pay a notified fee: the notice day is day 0."""
    assert profile.fee_notice_working_days is not None
    return nth_working_day(cal, notice.occurred_on, profile.fee_notice_working_days)


def check_fee(app: Application, events: Sequence[Event], fees: Sequence[Fee], kind: str,
              on: date, profile: LawProfile, cal: WorkCalendar) -> list[Warning]:
    """Refuse a fee the application's state does not allow; warn of a late payment.

    `events` are the recorded ones; the fees' own events are added here."""
    counted = with_fees(events, fees)
    if kind == "charge":  # a cost, taken when the copies are made or sent
        if on < app.received_on:
            raise InputError("before_receipt", value=on.isoformat(), id=app.id,
                             received=app.received_on.isoformat())
        return []
    check_open(app, counted, on)
    waiting = unpaid_notice(fees)
    if kind == "paid":
        if waiting is None:
            raise InputError("fee_nothing_to_pay", id=app.id)
        last = payment_due(profile, cal, waiting)
        if on > last:  # 109号: 逾期未缴纳 may be closed; a late payment is still recorded
            return [("fee_paid_late", {"id": app.id, "value": on.isoformat(),
                                       "last": last.isoformat()})]
        return []
    check_not_paused(app, counted, profile, cal, on)
    current = clock(app, counted, profile, cal, as_of=on)
    if current.due is not None and on > current.due:
        raise InputError("fee_notice_after_due", value=on.isoformat(),
                         due=current.due.isoformat())
    return []



YUAN_PER_WAN = Decimal(10_000)


def taken_in_year(fees: Iterable[NewFee], applications: Iterable[Application], year: int,
                  agency: str | None = None) -> Decimal:
    """万元 the applications of one unit (or all) took in `year`: each cost charged and each
    notified fee paid, in the year of its day (a notice not yet paid took nothing); the
    2014 form's section 七."""
    units = {a.id: a.agency for a in applications}
    total = sum((Decimal(f.amount) for f in fees
                 if f.kind in ("charge", "paid") and f.occurred_on.year == year
                 and f.application in units and agency in (None, units[f.application])),
                Decimal(0))
    return total / YUAN_PER_WAN


class ProcessingFees(NamedTuple):
    """The 信息处理费 of a year (2019 art. 42, 国办函〔2020〕109号), for the 2021 form's section
    六 (收取信息处理费的情况): the notices sent and what they asked, the payments and what
    they took, 元."""

    notices: int
    notified: Decimal
    payments: int
    taken: Decimal


def processing_fees_in_year(fees: Iterable[NewFee], applications: Iterable[Application],
                            year: int, agency: str | None = None) -> ProcessingFees:
    """The 信息处理费 notices and payments of one unit's applications (or all), each in the
    year of its day."""
    units = {a.id: a.agency for a in applications}
    mine = [f for f in fees if f.kind in ("notice", "paid") and "processing" in f.items
            and f.occurred_on.year == year and f.application in units
            and agency in (None, units[f.application])]
    notices = [Decimal(f.amount) for f in mine if f.kind == "notice"]
    paid = [Decimal(f.amount) for f in mine if f.kind == "paid"]
    return ProcessingFees(len(notices), sum(notices, Decimal(0)), len(paid),
                          sum(paid, Decimal(0)))

"""Applications for disclosure (依申请公开): their working-day clock, state and explanation.

Pure: an application, its events, the law profile and the working calendar in; dates
out. The clock is walked day by day, so the explanation shown to a person and the due
date used everywhere else are the same computation.

The rules, all from the law profile: the receipt day is day 0 whatever kind of day it
is, and day 1 is the first working day after it; an extension adds working days once;
a `restart` pause (补正) makes the resume day a new day 0; a `pause` pause (third-party
consultation, and under 2019 the consultation of other agencies) stops the count from
the day after the pause through the resume day, so the days left carry over; where the
profile bounds such a consultation (2019 art. 32 and 34: 15 working days), the pause ends
by itself on its last working day, which is then the resume day.

The checks of new events (`check_...`) refuse what the law forbids and return the
warnings (catalogue key, parameters) of what the profile only warns of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple, get_args

from qth_disclosure.calendar import CalendarDay, WorkCalendar
from qth_disclosure.errors import DiscloseError, InputError
from qth_disclosure.ledger import Application, Event, NewEvent
from qth_disclosure.registry import LawProfile, Registry
from qth_disclosure.vocab import (
    AppealKind,
    AppealResult,
    ApplicantKind,
    Channel,
    CloseReason,
    Ground,
    Outcome,
)

OUTCOMES: tuple[str, ...] = get_args(Outcome)
# every outcome but full disclosure must give reasons and the legal basis, and the
# applicant is told of the remedies (plan section 三; Regulations art. 21)
NEEDS_REASON = OUTCOMES[1:]
GROUNDS: tuple[str, ...] = get_args(Ground)
# the grounds each outcome takes: a refusal's (2019 art. 14–16; partial disclosure may name
# the one it withheld on), and a request not processed (2019 art. 35, 36(六), 39)
REFUSAL_GROUNDS = GROUNDS[:10]
NOT_PROCESSED_GROUNDS = GROUNDS[10:]
GROUNDS_OF = {"not_disclosed": REFUSAL_GROUNDS, "partly_disclosed": REFUSAL_GROUNDS,
              "not_processed": NOT_PROCESSED_GROUNDS}
NEEDS_GROUND = ("not_disclosed", "not_processed")
CHANNELS: tuple[str, ...] = get_args(Channel)
APPLICANT_KINDS: tuple[str, ...] = get_args(ApplicantKind)
APPEAL_KINDS: tuple[str, ...] = get_args(AppealKind)
APPEAL_RESULTS: tuple[str, ...] = get_args(AppealResult)
CLOSE_REASONS: tuple[str, ...] = get_args(CloseReason)
STATES = ("open", "overdue", "answered_on_time", "answered_late", "closed")
# refusals protecting a third party's lawful interests (2019 art. 15, 32; 2008 art. 23)
THIRD_PARTY_GROUNDS = ("third_party", "commercial_secret", "privacy")
# a warning: a catalogue key and its parameters, shown on stderr by the command
Warning = tuple[str, dict[str, Any]]
# a walk longer than this is a bug or a calendar without working days, not a deadline
MAX_WALK_DAYS = 3 * 366


def event_order(e: Event) -> tuple[date, int]:
    """Events happen in the order of their day, then of their recording."""
    return e.occurred_on, e.id


def in_order(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=event_order)


class Step(NamedTuple):
    """One day of the walk from receipt to due."""

    calendar_day: CalendarDay
    counted: int | None  # the working day's number in the count, when it counts
    notes: tuple[tuple[str, dict[str, Any]], ...] = ()  # catalogue keys and parameters


class Clock(NamedTuple):
    start: date  # day 0: the receipt, or the arrival of the corrected application
    needed: int  # working days: the law's base plus the extension
    due: date | None  # None while the count is paused
    paused_since: date | None
    extension: Event | None
    steps: tuple[Step, ...] = ()
    # bounded consultations that ended by themselves before the as-of day (no resume
    # recorded in time), each with the day its bound ended it
    lapsed: tuple[tuple[Event, date], ...] = ()


class ApplicationStatus(NamedTuple):
    application: Application
    as_of: date
    state: str
    due: date | None
    answer: Event | None
    clock: Clock

    closing: Event | None = None  # `request close`: ended without an answer

    @property
    def outcome(self) -> str | None:
        return self.answer.details.get("outcome") if self.answer else None

    @property
    def consultation_lapsed(self) -> tuple[Event, date] | None:
        """The latest consultation whose bound passed without a resume (2019 arts. 32, 34),
        and the day it ended by itself; None under a profile without a bound."""
        return self.clock.lapsed[-1] if self.clock.lapsed else None


def pause_bound(profile: LawProfile, why: str) -> int | None:
    """The working days a consultation may stop the count for, or None (no bound)."""
    if why == "third-party":
        return profile.third_party_max_working_days
    if why == "other-agency":
        return profile.other_agency_max_working_days
    return None


def pause_rule(profile: LawProfile, why: str) -> str:
    """restart or pause: what a pause for `why` does to the count."""
    if why == "fee":  # a fee notice (core.fees): the days left carry over
        return "pause"
    return profile.clarify if why == "clarify" else (
        profile.third_party if why == "third-party" else profile.other_agency or "pause")


def clock(app: Application, events: Iterable[Event], profile: LawProfile, cal: WorkCalendar,
          as_of: date | None = None) -> Clock:
    """Walk the calendar from the day of receipt until the working days are used up."""
    relevant = in_order(e for e in events if e.kind in ("extend", "pause", "resume")
                        and (as_of is None or e.occurred_on <= as_of))
    on_day: dict[date, list[Event]] = defaultdict(list)
    for e in relevant:
        on_day[e.occurred_on].append(e)
    last_event = relevant[-1].occurred_on if relevant else app.received_on
    needed, count, start = profile.answer_working_days, 0, app.received_on
    paused: Event | None = None
    paused_working = 0  # working days the current pause has stopped the count for
    extension: Event | None = None
    steps: list[Step] = []
    lapsed: list[tuple[Event, date]] = []
    day = app.received_on
    while True:
        notes: list[tuple[str, dict[str, Any]]] = []
        if day == app.received_on:
            notes.append(("explain.received", {"days": needed}))
        todays = on_day.get(day, [])
        calendar_day = cal.day(day)
        # a resume day is a new day 0, or the last day of the pause: it never counts
        resume = next((e for e in todays if e.kind == "resume"), None) if paused else None
        bound = pause_bound(profile, paused.details["why"]) if paused else None
        if paused is not None and resume is None and bound is not None and calendar_day.working:
            paused_working += 1
            if paused_working >= bound:  # the consulted did not answer in time
                notes.append(("explain.pause_bound", {"days": bound}))
                resume = paused
                if as_of is None or day < as_of:  # a resume is still allowed on the day
                    lapsed.append((paused, day))
        if paused is not None and resume is not None:
            if pause_rule(profile, paused.details["why"]) == "restart":
                count, start = 0, day
                notes.append(("explain.restart", {"days": needed}))
            elif paused.details["why"] == "fee":  # the notified fee paid (core.fees)
                notes.append(("explain.fee_paid", {"left": needed - count}))
            else:
                notes.append(("explain.resume", {"left": needed - count}))
            paused = None
        counted = None
        if day != app.received_on and resume is None and paused is None and calendar_day.working:
            count += 1
            counted = count
        elif paused is not None:
            notes.append(("explain.paused", {}))
        for e in todays:
            if e.kind == "pause" and paused is None:
                paused, paused_working = e, 0
                why = e.details["why"]
                # a count that restarts leaves nothing over: say so, not the days left
                if pause_rule(profile, why) == "restart":
                    notes.append((f"explain.pause.{why}_restart", {}))
                else:
                    notes.append((f"explain.pause.{why}", {"left": needed - count}))
            elif e.kind == "extend" and extension is None:
                extension = e
                needed += int(e.details["working_days"])
                notes.append(("explain.extend", {"days": e.details["working_days"],
                                                 "by": e.details["approved_by"]}))
        steps.append(Step(calendar_day, counted, tuple(notes)))
        if paused is None and count >= needed:
            return Clock(start, needed, day, None, extension, tuple(steps), tuple(lapsed))
        # nothing after this can resume an unbounded pause
        if paused is not None and day >= last_event \
                and pause_bound(profile, paused.details["why"]) is None:
            return Clock(start, needed, None, paused.occurred_on, extension, tuple(steps),
                         tuple(lapsed))
        if (day - app.received_on).days > MAX_WALK_DAYS:
            raise InputError("walk_too_long", id=app.id)
        day += timedelta(days=1)


def assess_application(app: Application, events: Sequence[Event], profile: LawProfile,
                       cal: WorkCalendar, as_of: date) -> ApplicationStatus:
    """open, overdue, answered_on_time, answered_late or closed, as known on `as_of`.

    `events` include those a fee notice and its payment make (core.fees.with_fees)."""
    answer = next((e for e in in_order(events)
                   if e.kind == "answer" and e.occurred_on <= as_of), None)
    closing = next((e for e in in_order(events)
                    if e.kind == "close" and e.occurred_on <= as_of), None)
    if closing is not None:
        c = clock(app, events, profile, cal, as_of=closing.occurred_on)
        return ApplicationStatus(app, as_of, "closed", c.due, None, c, closing)
    if answer is not None:
        c = clock(app, events, profile, cal, as_of=answer.occurred_on)
        # c.due is None when the answer came while the count was paused
        on_time = c.due is None or answer.occurred_on <= c.due
        return ApplicationStatus(app, as_of, "answered_on_time" if on_time else "answered_late",
                                 c.due, answer, c)
    c = clock(app, events, profile, cal, as_of=as_of)
    state = "overdue" if c.due is not None and as_of > c.due else "open"
    return ApplicationStatus(app, as_of, state, c.due, None, c)


def assess_all(registry: Registry, applications: Iterable[Application], events: Iterable[Event],
               as_of: date) -> list[ApplicationStatus]:
    """Every application received by `as_of`, as known on that day, oldest first; `events`
    include those of fees (core.fees.with_fees)."""
    by_application: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_application[e.application].append(e)
    return [
        assess_application(a, by_application[a.id], registry.law_for(a.received_on),
                           registry.work_calendar, as_of)
        for a in sorted(applications, key=lambda a: a.id) if a.received_on <= as_of
    ]


# ---------------------------------------------------------------- checks on new events


class Uncountable(InputError):
    """A write refused because the deadline could not be counted after it: the clock's own
    error is the reason, rendered in the same language."""

    def __init__(self, reason: DiscloseError, **params: Any) -> None:
        super().__init__("clock_uncountable", **params)
        self.reason = reason

    def message(self, lang: str = "en") -> str:
        from qth_disclosure.i18n import t

        return t(lang, self.key, reason=self.reason.message(lang), **self.params)


def with_event(events: Sequence[Event], new: NewEvent) -> list[Event]:
    """The events once `new` is recorded: it comes last, as the ledger would number it."""
    return [*events, Event(**vars(new), id=max((e.id for e in events), default=0) + 1)]


def check_countable(app: Application, events: Sequence[Event], profile: LawProfile,
                    cal: WorkCalendar, *, what: str, value: date) -> None:
    """Refuse a write after which the application's deadline could not be counted.

    Every reading of the ledger (status, the daily report, the list) counts every
    application's clock, so one that cannot be counted (a due day past the years the
    calendar covers, a walk too long) would make all of them fail from then on. The walk
    with every event is the longest there is: a reading as of an earlier day sees fewer
    events and stops sooner, so if this one can be counted, every one can.
    """
    try:
        clock(app, events, profile, cal)
    except InputError as exc:
        raise Uncountable(exc, what=what, value=value.isoformat()) from None


def _ruled(action: str, key: str, **params: Any) -> list[Warning]:
    """A broken rule of the profile: refused (InputError) or a warning to show."""
    if action == "refuse":
        raise InputError(key, **params)
    return [(key, params)]


def check_answer(app: Application, events: Sequence[Event], on: date, outcome: str,
                 reason: str | None, basis: str | None, ground: str | None,
                 profile: LawProfile | None = None) -> list[Warning]:
    check_open(app, events, on, answering=True)
    if outcome in NEEDS_REASON and not (reason and basis):
        raise InputError("answer_needs_reason", outcome=outcome)
    if outcome in NEEDS_GROUND and not ground:
        raise InputError("answer_needs_ground", outcome=outcome,
                         valid=", ".join(GROUNDS_OF[outcome]))
    if ground and outcome not in GROUNDS_OF:
        raise InputError("ground_not_allowed", outcome=outcome)
    if ground and ground not in GROUNDS_OF[outcome]:
        raise InputError("ground_not_of_outcome", ground=ground, outcome=outcome,
                         valid=", ".join(GROUNDS_OF[outcome]))
    consulted = any(e.kind == "pause" and e.details.get("why") == "third-party"
                    for e in events)
    if profile is not None and ground in THIRD_PARTY_GROUNDS and not consulted:
        # 2008 art. 23, 2019 art. 32: the third party is asked in writing first
        return _ruled(profile.third_party_refusal_unconsulted, "third_party_unconsulted",
                      id=app.id, ground=ground, law=profile.name)
    return []


def check_extension(app: Application, events: Sequence[Event], on: date, days: int,
                    profile: LawProfile, cal: WorkCalendar, *,
                    notified_on: date | None = None,
                    notified_by: str | None = None) -> list[Warning]:
    check_open(app, events, on)
    if any(e.kind == "extend" for e in events):
        raise InputError("already_extended", id=app.id)
    if not 1 <= days <= profile.extension_max_working_days:
        raise InputError("extension_too_long", value=days,
                         limit=profile.extension_max_working_days, law=profile.name)
    check_not_paused(app, events, profile, cal, on)
    current = clock(app, events, profile, cal, as_of=on)
    if current.due is not None and on > current.due:
        raise InputError("extension_after_due", value=on.isoformat(),
                         due=current.due.isoformat())
    if notified_on is not None and notified_on < on:
        raise InputError("notice_before_extension", value=notified_on.isoformat(),
                         day=on.isoformat())
    if notified_by is None:  # 2008 art. 24(2), 2019 art. 33(2): 并告知申请人
        return _ruled(profile.extension_notice_missing, "extension_notice_missing",
                      id=app.id, law=profile.name)
    return []


def working_days_after(cal: WorkCalendar, start: date, end: date) -> int:
    """The working days after `start` up to and including `end` (day 0 is `start`)."""
    day, n = start + timedelta(days=1), 0
    while day <= end:
        n += cal.day(day).working
        day += timedelta(days=1)
    return n


def nth_working_day(cal: WorkCalendar, start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += cal.day(day).working
    return day


def check_pause(app: Application, events: Sequence[Event], on: date, profile: LawProfile,
                cal: WorkCalendar, why: str = "third-party") -> list[Warning]:
    check_open(app, events, on)
    if why == "other-agency" and profile.other_agency is None:
        raise InputError("pause_not_in_law", why=why, law=profile.name)
    check_not_paused(app, events, profile, cal, on)
    current = clock(app, events, profile, cal, as_of=on)
    if current.due is not None and on > current.due:
        raise InputError("pause_after_due", value=on.isoformat(), due=current.due.isoformat())
    warnings: list[Warning] = []
    # every event is dated on or before `on` (check_open refused the pause otherwise), so
    # a 补正 found here was asked before this one, never on a day still to come
    earlier = next((e for e in in_order(events) if e.kind == "pause"
                    and e.details.get("why") == "clarify"), None)
    if why == "clarify" and earlier is not None:
        # 2019 art. 30: 一次性告知 — what to correct is told once; a law that refuses a
        # second 补正 is named as requiring it, one that only warns (2008 art. 21(四) has
        # no such rule) is not
        refused = profile.clarify_repeated == "refuse"
        warnings += _ruled(profile.clarify_repeated,
                           "clarify_repeated" if refused else "clarify_repeated_warning",
                           id=app.id, day=earlier.occurred_on.isoformat(), law=profile.name)
    limit = profile.clarify_notice_working_days
    if why == "clarify" and limit is not None \
            and working_days_after(cal, app.received_on, on) > limit:
        # 2019 art. 30: 自收到申请之日起7个工作日内一次性告知
        warnings += _ruled(profile.clarify_notice_late, "clarify_notice_late",
                           value=on.isoformat(), limit=limit,
                           last=nth_working_day(cal, app.received_on, limit).isoformat(),
                           law=profile.name)
    return warnings


def paused_on(app: Application, events: Sequence[Event], profile: LawProfile,
              cal: WorkCalendar, on: date) -> tuple[Event | None, date | None]:
    """The pause in effect on `on` (or None), and the day a bounded one ended by itself."""
    ordered = in_order(e for e in events if e.occurred_on <= on)
    last = next((e for e in reversed(ordered) if e.kind == "pause"), None)
    if last is None or any(e.kind == "resume" and event_order(e) > event_order(last)
                           for e in ordered):
        return None, None
    ended = None
    if pause_bound(profile, last.details["why"]) is not None:
        walk = clock(app, events, profile, cal, as_of=on).steps
        ended = next((s.calendar_day.day for s in walk if s.calendar_day.day > last.occurred_on
                      and any(k == "explain.pause_bound" for k, _ in s.notes)), None)
    if ended is not None and ended < on:
        return None, ended
    return last, ended


def check_resume(app: Application, events: Sequence[Event], on: date, profile: LawProfile,
                 cal: WorkCalendar) -> list[Warning]:
    check_open(app, events, on)
    pause, ended = paused_on(app, events, profile, cal, on)
    if pause is not None and pause.details.get("why") == "fee":
        raise InputError("fee_resumes_by_payment", id=app.id)
    if pause is None and ended is not None:
        last = next(e for e in reversed(in_order(events)) if e.kind == "pause")
        raise InputError("pause_bound_passed", id=app.id, why=last.details["why"],
                         limit=pause_bound(profile, last.details["why"]),
                         ended=ended.isoformat(), law=profile.name)
    if pause is None:
        raise InputError("not_paused", id=app.id)
    if on < pause.occurred_on:
        raise InputError("resume_before_pause", value=on.isoformat(),
                         since=pause.occurred_on.isoformat())
    return []


def check_close(app: Application, events: Sequence[Event], on: date, why: str,
                profile: LawProfile, cal: WorkCalendar) -> list[Warning]:
    """视为放弃 (2019 art. 30) only while the applicant is asked to correct; fee unpaid
    only while a fee notice waits for its payment and after the days it gives to pay
    (core.fees); another closing of the 2021 form's （六） whenever the application is
    open."""
    check_open(app, events, on)
    pause, _ = paused_on(app, events, profile, cal, on)
    if why == "abandoned" and (pause is None or pause.details.get("why") != "clarify"):
        raise InputError("abandoned_needs_clarify", id=app.id)
    if why == "fee_unpaid":  # 国办函〔2020〕109号: 逾期未按收费通知要求缴纳费用
        if pause is None or pause.details.get("why") != "fee" \
                or profile.fee_notice_working_days is None:
            raise InputError("fee_unpaid_needs_notice", id=app.id)
        last = nth_working_day(cal, pause.occurred_on, profile.fee_notice_working_days)
        if on <= last:
            raise InputError("fee_unpaid_too_early", id=app.id, value=on.isoformat(),
                             notice=pause.occurred_on.isoformat(), last=last.isoformat(),
                             days=profile.fee_notice_working_days)
    return []


def check_appeal(app: Application, on: date) -> None:
    _check_after_receipt(app, on)


def check_not_paused(app: Application, events: Sequence[Event], profile: LawProfile,
                      cal: WorkCalendar, on: date) -> None:
    pause, _ = paused_on(app, events, profile, cal, on)
    if pause is not None:
        raise InputError("paused_now", id=app.id, since=pause.occurred_on.isoformat())


def _check_after_receipt(app: Application, on: date) -> None:
    if on < app.received_on:
        raise InputError("before_receipt", value=on.isoformat(), id=app.id,
                         received=app.received_on.isoformat())


def check_open(app: Application, events: Sequence[Event], on: date, *,
                answering: bool = False) -> None:
    _check_after_receipt(app, on)
    answered = [e for e in events if e.kind == "answer"]
    if answered:
        raise InputError("already_answered", id=app.id, day=answered[0].occurred_on.isoformat())
    closed = [e for e in events if e.kind == "close"]
    if closed:
        raise InputError("already_closed", id=app.id, day=closed[0].occurred_on.isoformat(),
                         why=closed[0].details.get("why", ""))
    if answering:  # an answer may come on a day before the latest event, as before
        return
    latest = max((e.occurred_on for e in events), default=app.received_on)
    if on < latest:
        raise InputError("event_out_of_order", value=on.isoformat(), latest=latest.isoformat())

"""Applications for disclosure (依申请公开): their working-day clock, state and explanation.

Pure: an application, its events, the law profile and the working calendar in; dates
out. The clock is walked day by day, so the explanation shown to a person and the due
date used everywhere else are the same computation.

The rules, all from the law profile: the receipt day is day 0 whatever kind of day it
is, and day 1 is the first working day after it; an extension adds working days once;
a `restart` pause (补正) makes the resume day a new day 0; a `pause` pause (third-party
consultation) stops the count from the day after the pause through the resume day, so
the days left carry over.
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
from qth_disclosure.vocab import AppealKind, AppealResult, ApplicantKind, Channel, Ground, Outcome

OUTCOMES: tuple[str, ...] = get_args(Outcome)
# every outcome but full disclosure must give reasons and the legal basis, and the
# applicant is told of the remedies (plan section 三; Regulations art. 21)
NEEDS_REASON = OUTCOMES[1:]
GROUNDS: tuple[str, ...] = get_args(Ground)
CHANNELS: tuple[str, ...] = get_args(Channel)
APPLICANT_KINDS: tuple[str, ...] = get_args(ApplicantKind)
APPEAL_KINDS: tuple[str, ...] = get_args(AppealKind)
APPEAL_RESULTS: tuple[str, ...] = get_args(AppealResult)
STATES = ("open", "overdue", "answered_on_time", "answered_late")
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


class ApplicationStatus(NamedTuple):
    application: Application
    as_of: date
    state: str
    due: date | None
    answer: Event | None
    clock: Clock

    @property
    def outcome(self) -> str | None:
        return self.answer.details.get("outcome") if self.answer else None


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
    extension: Event | None = None
    steps: list[Step] = []
    day = app.received_on
    while True:
        notes: list[tuple[str, dict[str, Any]]] = []
        if day == app.received_on:
            notes.append(("explain.received", {"days": needed}))
        todays = on_day.get(day, [])
        # a resume day is a new day 0, or the last day of the pause: it never counts
        resume = next((e for e in todays if e.kind == "resume"), None) if paused else None
        if paused is not None and resume is not None:
            why = paused.details["why"]
            if (profile.clarify if why == "clarify" else profile.third_party) == "restart":
                count, start = 0, day
                notes.append(("explain.restart", {"days": needed}))
            else:
                notes.append(("explain.resume", {"left": needed - count}))
            paused = None
        calendar_day = cal.day(day)
        counted = None
        if day != app.received_on and resume is None and paused is None and calendar_day.working:
            count += 1
            counted = count
        elif paused is not None:
            notes.append(("explain.paused", {}))
        for e in todays:
            if e.kind == "pause" and paused is None:
                paused = e
                why = e.details["why"]
                # a count that restarts leaves nothing over: say so, not the days left
                if (profile.clarify if why == "clarify" else profile.third_party) == "restart":
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
            return Clock(start, needed, day, None, extension, tuple(steps))
        if paused is not None and day >= last_event:  # nothing after this can resume it
            return Clock(start, needed, None, paused.occurred_on, extension, tuple(steps))
        if (day - app.received_on).days > MAX_WALK_DAYS:
            raise InputError("walk_too_long", id=app.id)
        day += timedelta(days=1)


def assess_application(app: Application, events: Sequence[Event], profile: LawProfile,
                       cal: WorkCalendar, as_of: date) -> ApplicationStatus:
    """open, overdue, answered_on_time or answered_late, as known on `as_of`."""
    answer = next((e for e in in_order(events)
                   if e.kind == "answer" and e.occurred_on <= as_of), None)
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
    """Every application received by `as_of`, as known on that day, oldest first."""
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


def check_answer(app: Application, events: Sequence[Event], on: date, outcome: str,
                 reason: str | None, basis: str | None, ground: str | None) -> None:
    _check_after_receipt(app, on)
    answered = [e for e in events if e.kind == "answer"]
    if answered:
        raise InputError("already_answered", id=app.id, day=answered[0].occurred_on.isoformat())
    if outcome in NEEDS_REASON and not (reason and basis):
        raise InputError("answer_needs_reason", outcome=outcome)
    if outcome == "not_disclosed" and not ground:
        raise InputError("answer_needs_ground", valid=", ".join(GROUNDS))
    if ground and outcome not in ("not_disclosed", "partly_disclosed"):
        raise InputError("ground_not_allowed", outcome=outcome)


def check_extension(app: Application, events: Sequence[Event], on: date, days: int,
                    profile: LawProfile, cal: WorkCalendar) -> None:
    _check_open(app, events, on)
    if any(e.kind == "extend" for e in events):
        raise InputError("already_extended", id=app.id)
    if not 1 <= days <= profile.extension_max_working_days:
        raise InputError("extension_too_long", value=days,
                         limit=profile.extension_max_working_days, law=profile.id)
    current = clock(app, events, profile, cal, as_of=on)
    if current.due is None:
        raise InputError("paused_now", id=app.id, since=str(current.paused_since))
    if on > current.due:
        raise InputError("extension_after_due", value=on.isoformat(),
                         due=current.due.isoformat())


def check_pause(app: Application, events: Sequence[Event], on: date, profile: LawProfile,
                cal: WorkCalendar) -> None:
    _check_open(app, events, on)
    current = clock(app, events, profile, cal, as_of=on)
    if current.due is None:
        raise InputError("paused_now", id=app.id, since=str(current.paused_since))
    if on > current.due:
        raise InputError("pause_after_due", value=on.isoformat(), due=current.due.isoformat())


def check_resume(app: Application, events: Sequence[Event], on: date, profile: LawProfile,
                 cal: WorkCalendar) -> None:
    _check_open(app, events, on)
    current = clock(app, events, profile, cal, as_of=on)
    if current.paused_since is None:
        raise InputError("not_paused", id=app.id)
    if on < current.paused_since:
        raise InputError("resume_before_pause", value=on.isoformat(),
                         since=current.paused_since.isoformat())


def check_appeal(app: Application, on: date) -> None:
    _check_after_receipt(app, on)


def _check_after_receipt(app: Application, on: date) -> None:
    if on < app.received_on:
        raise InputError("before_receipt", value=on.isoformat(), id=app.id,
                         received=app.received_on.isoformat())


def _check_open(app: Application, events: Sequence[Event], on: date) -> None:
    _check_after_receipt(app, on)
    answered = [e for e in events if e.kind == "answer"]
    if answered:
        raise InputError("already_answered", id=app.id, day=answered[0].occurred_on.isoformat())
    latest = max((e.occurred_on for e in events), default=app.received_on)
    if on < latest:
        raise InputError("event_out_of_order", value=on.isoformat(), latest=latest.isoformat())

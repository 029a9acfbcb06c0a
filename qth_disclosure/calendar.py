"""Dates, months and due dates; the one place that reads the clock (`today`, `now`)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from qth_disclosure.errors import InputError

# ASCII digits only: \d would also take full-width and other scripts' digits
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# The years a date given on the command line may fall in. Far wider than any plan or
# deadline, and narrow enough that "the day before" and "N days later" never leave the
# years Python's dates can hold (0001-01-01 has no day before it).
FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_date(text: str, what: str = "date") -> date:
    """Parse a strict YYYY-MM-DD date, naming the option in the error."""
    if _DATE.fullmatch(text.strip()):
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            pass
        else:
            _check_year(day.year, text, what)
            return day
    raise InputError("bad_date", what=what, value=text)


def parse_month(text: str, what: str = "month") -> str:
    """Validate a YYYY-MM month and return it normalised."""
    m = _MONTH.fullmatch(text.strip())
    if m and 1 <= int(m.group(2)) <= 12:
        _check_year(int(m.group(1)), text, what)
        return f"{m.group(1)}-{m.group(2)}"
    raise InputError("bad_month", what=what, value=text)


def _check_year(year: int, text: str, what: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError("year_out_of_range", what=what, value=text.strip(), first=FIRST_YEAR,
                         last=LAST_YEAR)


def month_first(month: str) -> date:
    year, mon = month.split("-")
    return date(int(year), int(mon), 1)


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def chinese_date(day: date) -> str:
    """A day as documents write it: 2015年8月3日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_month(month: str) -> str:
    """A month (YYYY-MM) as documents write it: 2015年8月."""
    return f"{int(month[:4])}年{int(month[5:])}月"


def short_month(month: str, year: int) -> str:
    """8月, or 2016年1月 for a month of another year than `year`."""
    return f"{int(month[5:])}月" if int(month[:4]) == year else chinese_month(month)


def month_end(month: str) -> date:
    # relativedelta's day=31 is "the last day there is": 28, 29, 30 or 31
    return month_first(month) + relativedelta(day=31)


def day_of_next_month(month: str, day: int) -> date:
    """Day `day` of the month after `month` (clipped to that month's length)."""
    return month_first(month) + relativedelta(months=1, day=day)


def next_month(month: str) -> str:
    return month_of(month_first(month) + relativedelta(months=1))


def previous_month(month: str) -> str:
    return month_of(month_first(month) - relativedelta(months=1))


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last inclusive, as YYYY-MM."""
    if last < first:
        return []
    starts = rrule(MONTHLY, dtstart=month_first(first), until=month_first(last))
    return [month_of(start) for start in starts]


# ---------------------------------------------------------------- recurrence rules

# An RFC 5545 RRULE as python-dateutil reads it, without the parts that would tie it to a
# start of its own (DTSTART, COUNT, UNTIL): the registry's rules are asked from a day given.
_RULE = re.compile(r"FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,+-]+)*")
_TIED = ("DTSTART", "COUNT=", "UNTIL=")
# what a due day falling on a rest day does: stays, rolls to the next working day (顺延),
# or to the one before (提前, "the last working day")
ROLLS = ("none", "next_working_day", "previous_working_day")


def check_rule(text: str) -> str:
    """A recurrence rule fit to ask from any day; ValueError naming why not."""
    rule = text.strip().upper()
    if not _RULE.fullmatch(rule) or any(part in rule for part in _TIED):
        raise ValueError(text)
    from dateutil.rrule import rrulestr

    rrulestr(rule, dtstart=datetime(2000, 1, 1))  # ValueError for what dateutil refuses
    return rule


def first_on_or_after(rule: str, day: date) -> date | None:
    """The first day on or after `day` that the recurrence rule gives (python-dateutil's
    rrule); None when it gives none within a few years (a 30 February)."""
    from dateutil.rrule import rrulestr

    start = datetime(day.year, day.month, day.day)
    horizon = start + timedelta(days=4 * 366)
    for found in rrulestr(rule, dtstart=start):  # dtstart itself only if the rule gives it
        return found.date() if found <= horizon else None
    return None


def next_occurrence(rule: str, first: date, day: date) -> date | None:
    """The first day after `day` that the rule gives, counted from `first` (a period's
    successor in the series of periods that starts on `first`)."""
    from dateutil.rrule import rrulestr

    start = datetime(first.year, first.month, first.day)
    found = rrulestr(rule, dtstart=start).after(datetime(day.year, day.month, day.day))
    return found.date() if found else None


def occurrences(rule: str, first: date, last: date) -> list[date]:
    """Every day from `first` to `last` inclusive that the rule gives, counted from `first`."""
    from dateutil.rrule import rrulestr

    start = datetime(first.year, first.month, first.day)
    end = datetime(last.year, last.month, last.day)
    return [d.date() for d in rrulestr(rule, dtstart=start).between(start, end, inc=True)]


# ---------------------------------------------------------------- working days


class CalendarDay(NamedTuple):
    """What one day is for the law's working-day count, and why."""

    day: date
    working: bool
    # workday | weekend | holiday | adjusted_workday (调休: a weekend day worked) |
    # override (the registry's word over the official calendar)
    kind: str
    name: str | None = None  # the holiday in Chinese (国庆节), or the override's name


class WorkCalendar:
    """China's official working days (State Council notices, via chinesecalendar).

    A year the package does not carry is refused, never guessed as Monday-Friday: a
    deadline counted on a wrong calendar is worse than none.
    """

    def __init__(self, overrides: dict[date, tuple[bool, str]] | None = None) -> None:
        self._overrides = overrides or {}

    def day(self, day: date) -> CalendarDay:
        if day in self._overrides:
            working, name = self._overrides[day]
            return CalendarDay(day, working, "override", name)
        import chinese_calendar  # type: ignore[import-untyped]  # only when counting days

        try:
            working = bool(chinese_calendar.is_workday(day))
            on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            first, last = covered_years()
            raise InputError("calendar_not_covered", year=day.year, first=first,
                             last=last) from None
        label = _holiday_names().get(holiday) if holiday else None
        weekend = day.weekday() >= 5
        if working:
            return CalendarDay(day, True, "adjusted_workday" if weekend else "workday",
                           label if weekend else None)
        if on_holiday and label:
            return CalendarDay(day, False, "holiday", label)
        return CalendarDay(day, False, "weekend" if weekend else "holiday", label)


    def rolled(self, day: date, roll: str) -> date:
        """`day` as a due day: rolled off rest days as `roll` (one of ROLLS) says."""
        step = {"none": 0, "next_working_day": 1, "previous_working_day": -1}[roll]
        while step and not self.day(day).working:
            day += timedelta(days=step)
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day before `day` (Friday, for a Monday)."""
        return self.rolled(day - timedelta(days=1), "previous_working_day")

    def working_days_after(self, day: date, count: int) -> date:
        """The day `count` working days after `day` (`day` itself is day 0)."""
        while count > 0:
            day += timedelta(days=1)
            count -= self.day(day).working
        return day


def covered_years() -> tuple[int, int]:
    from chinese_calendar.constants import holidays  # type: ignore[import-untyped]

    years = {d.year for d in holidays}
    return min(years), max(years)


def _holiday_names() -> dict[str, str]:
    from chinese_calendar import Holiday

    return {h.value: h.chinese for h in Holiday}


def today(tz: str) -> date:
    """Today in the plan's time zone: the default for every --as-of and --received."""
    return now(tz).date()


def now(tz: str) -> datetime:
    """The wall-clock moment a row is recorded, in the plan's time zone."""
    from zoneinfo import ZoneInfo  # only runs that read the clock pay for the tz database

    return datetime.now(ZoneInfo(tz)).replace(microsecond=0)

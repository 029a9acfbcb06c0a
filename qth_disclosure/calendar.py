"""Dates, months and due dates; the one place that reads the clock (`today`, `now`)."""

from __future__ import annotations

import calendar as _stdcal
import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from qth_disclosure.errors import InputError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_date(text: str, what: str = "date") -> date:
    """Parse a strict YYYY-MM-DD date, naming the option in the error."""
    if _DATE.fullmatch(text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass
    raise InputError("bad_date", what=what, value=text)


def parse_month(text: str, what: str = "month") -> str:
    """Validate a YYYY-MM month and return it normalised."""
    m = _MONTH.fullmatch(text.strip())
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{m.group(2)}"
    raise InputError("bad_month", what=what, value=text)


def month_first(month: str) -> date:
    year, mon = month.split("-")
    return date(int(year), int(mon), 1)


def month_end(month: str) -> date:
    year, mon = (int(p) for p in month.split("-"))
    return date(year, mon, _stdcal.monthrange(year, mon)[1])


def next_month(month: str) -> str:
    year, mon = (int(p) for p in month.split("-"))
    return f"{year + mon // 12}-{mon % 12 + 1:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last inclusive, as YYYY-MM."""
    months = []
    current = first
    while current <= last:
        months.append(current)
        current = next_month(current)
    return months


def days_between(start: date, end: date) -> int:
    return (end - start).days


def add_days(day: date, n: int) -> date:
    return day + timedelta(days=n)


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

    def is_working(self, day: date) -> bool:
        return self.day(day).working


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

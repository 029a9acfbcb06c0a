"""Dates, months and due dates; the one place that reads the clock (`today`, `now`)."""

from __future__ import annotations

import calendar as _stdcal
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

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


def today(tz: str) -> date:
    """Today in the plan's time zone: the default for every --as-of and --received."""
    return datetime.now(ZoneInfo(tz)).date()


def now(tz: str) -> datetime:
    """The wall-clock moment a row is recorded, in the plan's time zone."""
    return datetime.now(ZoneInfo(tz)).replace(microsecond=0)

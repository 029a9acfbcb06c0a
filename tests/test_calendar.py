"""Month arithmetic: the months of the reporting window and their due days."""

from __future__ import annotations

from datetime import date

import pytest

from qth_disclosure.calendar import (
    day_of_next_month,
    month_end,
    months_between,
    next_month,
    previous_month,
)


@pytest.mark.parametrize(("month", "end"), [
    ("2015-02", date(2015, 2, 28)), ("2016-02", date(2016, 2, 29)),
    ("2015-11", date(2015, 11, 30)), ("2015-12", date(2015, 12, 31)),
])
def test_calendar_month_end(month: str, end: date) -> None:
    assert month_end(month) == end


def test_calendar_months_across_a_year() -> None:
    assert months_between("2015-11", "2016-02") == ["2015-11", "2015-12", "2016-01", "2016-02"]
    assert months_between("2015-07", "2015-07") == ["2015-07"]
    assert months_between("2015-08", "2015-07") == []


def test_calendar_neighbouring_months() -> None:
    assert (next_month("2015-12"), previous_month("2016-01")) == ("2016-01", "2015-12")
    assert day_of_next_month("2015-12", 5) == date(2016, 1, 5)

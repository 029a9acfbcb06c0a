"""Writes dated before an issued bulletin's day: what they change, and what they do not.

A bulletin is kept as issued (its text is a ledger row); a review, receipt, inspection or
void dated on or before its day changes what that day now shows, so the writer is told
which bulletins it overtakes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from qth_disclosure.ledger import Bulletin


def overtaken(bulletins: Iterable[Bulletin], day: date, period: str | None) -> list[Bulletin]:
    """The issued bulletins whose day is on or after `day` and which are on `period`, the
    reporting month a write is about (a bulletin is on one month's reports: a write about
    no month, a plan or an inspection, overtakes none), oldest first."""
    return [b for b in bulletins if period is not None and b.month == period
            and b.as_of >= day]

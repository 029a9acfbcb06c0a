"""Writes dated before an issued bulletin's day: what they change, and what they do not.

A bulletin is kept as issued (its text is a ledger row); a review, receipt, inspection or
void dated on or before its day changes what that day now shows, so the writer is told
which bulletins it overtakes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from qth_disclosure.ledger import Bulletin


def overtaken(bulletins: Iterable[Bulletin], day: date, kind: str,
              period: str | None) -> list[Bulletin]:
    """The issued bulletins whose day is on or after `day` and which are on what a write is
    about: a monthly report's month (a bulletin on that month, or on several months that
    include it), or the plan year's plans, summaries or inspections (the bulletin on that
    kind); an annual report is in no bulletin. Oldest first."""
    def on(b: Bulletin) -> bool:
        if kind != "monthly":
            return b.month == kind
        first, _, last = b.month.partition("..")
        return period is not None and first <= period <= (last or first)

    return [b for b in bulletins if b.as_of >= day and on(b)]

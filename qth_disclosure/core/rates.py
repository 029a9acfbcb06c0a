"""Rates as offices write them: percentages rounded half up (四舍五入), 13/16 → 81.3%."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qth_disclosure.core.compliance import Status
    from qth_disclosure.registry import Registry


def percent(part: int, whole: int, places: int = 1) -> str:
    """`part` of `whole` as a percentage with `places` decimals, rounded half up, no sign
    (0.0 for an empty whole). Exact: decimal arithmetic, so 81.25 is never 81.2499…"""
    if whole <= 0:
        return f"{0:.{places}f}"
    exact = Decimal(100 * part) / Decimal(whole)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def monthly_on_time(registry: Registry, status: Status) -> tuple[tuple[str, int, int], ...]:
    """(month, on time, owed) of each reporting month due before the status's day, counted
    as its bulletin counts them: the office's own reports (K1 to itself) left out."""
    counted = registry.counted_units
    tally = {m: [0, 0] for m, due in registry.period_dues.items() if due < status.as_of}
    for d in status.deliverables:
        item = d.deliverable
        if item.kind == "monthly" and item.period in tally and item.agency in counted:
            tally[item.period][0] += d.state == "on_time"
            tally[item.period][1] += 1
    return tuple((m, on_time, owed) for m, (on_time, owed) in tally.items())

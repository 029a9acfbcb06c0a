"""Rates as offices write them: percentages rounded half up (四舍五入), 13/16 → 81.3%."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: int, whole: int, places: int = 1) -> str:
    """`part` of `whole` as a percentage with `places` decimals, rounded half up, no sign
    (0.0 for an empty whole). Exact: decimal arithmetic, so 81.25 is never 81.2499…"""
    if whole <= 0:
        return f"{0:.{places}f}"
    exact = Decimal(100 * part) / Decimal(whole)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))

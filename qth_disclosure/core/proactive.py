"""The proactive-disclosure figures of the annual report (2021 form table 二), as recorded.

Pure: the figures recorded in the ledger in, the figures in force out. A figure is recorded
per unit, year and item; the latest recorded is the one in force (a correction is a new
row). The city's figure is the sum of its units'. How the form lays them out (the 2021
form's four blocks, each under the article of the 2019 Regulations it reports on) is the
statistics template's data: `proactive:` in core/stats/templates/2021.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import get_args

from qth_disclosure.errors import InputError
from qth_disclosure.ledger import ProactiveFigure
from qth_disclosure.vocab import ProactiveItem

ITEMS: tuple[str, ...] = get_args(ProactiveItem)
# 万元 to four places (one yuan); counts are whole numbers
FEE_PLACES = 4
MAX_FIGURE = Decimal(10) ** 9


def figure(item: str, text: str) -> str:
    """The figure as stored: a whole number of at least 0, or for `fees` 万元 with at most
    four decimal places; refused in one line naming the value and what is valid."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    places = FEE_PLACES if item == "fees" else 0
    if not value.is_finite() or value < 0 or value >= MAX_FIGURE \
            or value != value.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN"):
        raise InputError("proactive_bad_fee" if places else "proactive_bad_count", value=text,
                         item=item)
    return format(value.normalize(), "f") if places else str(int(value))


def in_force(figures: Iterable[ProactiveFigure], agency: str | None) -> dict[str, Decimal]:
    """Each item's figure: the unit's latest, or the sum of every unit's latest."""
    latest: dict[tuple[str, str], ProactiveFigure] = {}
    for f in sorted(figures, key=lambda f: f.id):
        if agency is None or f.agency == agency:
            latest[(f.agency, f.item)] = f
    out = dict.fromkeys(ITEMS, Decimal(0))
    for (_, item), f in latest.items():
        out[item] += Decimal(f.figure)
    return out


def shown(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"

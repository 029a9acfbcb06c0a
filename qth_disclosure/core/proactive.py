"""The proactive-disclosure figures of the annual report (2021 form table 二), as recorded.

Pure: the figures recorded in the ledger in, the figures in force and the form's table out.
A figure is recorded per unit, year and item; the latest recorded is the one in force (a
correction is a new row). The city's figure is the sum of its units'. The table is laid out
as 国办公开办函〔2021〕30号 lays it out: four blocks, each under the article of the 2019
Regulations (第二十条) it reports on, with their own column headings.
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

# (the article, its column headings, [(row label, items in column order)]), as on the form
TABLE_TWO: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), (
        ("规章", ("regulations_made", "regulations_repealed", "regulations_in_force")),
        ("行政规范性文件", ("normative_documents_made", "normative_documents_repealed",
                           "normative_documents_in_force")))),
    ("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", ("licences",)),)),
    ("第二十条第（六）项", ("本年处理决定数量",), (("行政处罚", ("penalties",)),
                                             ("行政强制", ("enforcement_measures",)))),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", ("fees",)),)),
)
TITLE = "二、主动公开政府信息情况"


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

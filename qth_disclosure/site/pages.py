"""The site's pages from Jinja2 templates (package data in `templates/`), always in Chinese.

The column is the city's own page, so like the office's workbook it is written in Chinese
whatever the interface language, its words taken from the Chinese catalogue (`site.*`).
Every template is autoescaped: a summary, a unit's name or a link is text and never
becomes markup, and stored text is first made safe to show (`escapes`: controls, bidi
overrides and zero-width characters as visible escapes). A link becomes a link only when
it is a web address as `submit --link` takes one (http or https); anything else a row
holds (`javascript:…`) is shown as text. The pages depend on the publication and the
registry alone, in their order: no clock, no random ids, so a day's site is the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from qth_disclosure import escapes
from qth_disclosure.calendar import chinese_date, chinese_month, short_month
from qth_disclosure.core.intake import web_address
from qth_disclosure.core.publication import Area, Publication, Published
from qth_disclosure.core.rates import percent
from qth_disclosure.core.scoring import RANKING_HEADER, figure, ranking_rows
from qth_disclosure.i18n import t
from qth_disclosure.registry import Registry

if TYPE_CHECKING:
    from jinja2 import Environment

INDEX, OVERVIEW, RANK, STYLESHEET = "index.html", "overview.html", "rank.html", "site.css"
LANG = "zh"
# the rate chart's geometry, in the SVG's own units (it scales to the page's width)
CHART = {"width": 480, "height": 250, "left": 50, "right": 8, "top": 28, "bottom": 40}


def area_page(number: int) -> str:
    """The file of the `number`th key area (1-based, in the plan's order)."""
    return f"area-{number}.html"


def build(registry: Registry, publication: Publication) -> dict[str, bytes]:
    """The site's files, name → bytes: the index (the key areas, their tasks and units),
    one page per area (each month's published reports), the 报送排行 and the office's
    overview (the month grid, the on-time rate per month as an inline SVG chart), and the
    one stylesheet they share."""
    env = _environment()
    areas = [_area(registry, a, i) for i, a in enumerate(publication.areas, 1)]
    common = _common(registry, publication, areas)

    def page(template: str, name: str, **values: Any) -> bytes:
        html = env.get_template(template).render(**common, page=name, **values)
        return html.encode("utf-8")

    out = {INDEX: page("index.html", INDEX)}
    for area in areas:
        out[area["page"]] = page("area.html", area["page"], area=area)
    out[OVERVIEW] = page("overview.html", OVERVIEW, **_overview(registry, publication))
    out[RANK] = page("rank.html", RANK, **_ranking(registry, publication))
    out[STYLESHEET] = files("qth_disclosure.site").joinpath(STYLESHEET).read_bytes()
    return out


@cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("qth_disclosure.site", "templates"),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["t"] = _words
    env.filters["text"] = escapes.inline
    env.filters["lines"] = escapes.document
    return env


def _words(key: str, **params: Any) -> str:
    return t(LANG, key, **params)


def _common(registry: Registry, publication: Publication,
            areas: list[dict[str, Any]]) -> dict[str, Any]:
    plan = registry.plan
    return {
        "lang": "zh-CN",
        "site_title": t(LANG, "site.title"),
        "basis": t(LANG, "site.basis", title=plan.title, number=plan.document_number),
        "as_of": chinese_date(publication.as_of),
        "as_of_iso": publication.as_of.isoformat(),
        "office": registry.office.full_name,
        "nav": [(INDEX, t(LANG, "site.nav.index")), (RANK, t(LANG, "site.nav.rank")),
                (OVERVIEW, t(LANG, "site.nav.overview"))],
        "areas": areas,
        "stylesheet": STYLESHEET,
    }


def _unit_names(registry: Registry, codes: Sequence[str]) -> list[str]:
    return [registry.agency(code).name for code in codes]


def _area(registry: Registry, area: Area, number: int) -> dict[str, Any]:
    published = area.published
    return {
        "page": area_page(number),
        "name": t(LANG, "site.area.name", number=area.number, title=area.title),
        "units": _unit_names(registry, area.units),
        "count": len(published),
        "latest": _latest(published),
        "tasks": [{
            "anchor": f"task-{column.task.id}",
            "title": column.task.title,
            "leads": _unit_names(registry, column.task.lead),
            "cooperating": _unit_names(registry, column.task.cooperating),
            "text": column.task.text,
            "contents": list(column.task.items),
            "count": len(column.published),
            "latest": _latest(column.published),
            "months": [{
                "label": f"{chinese_month(m.month)}份",
                "due": chinese_date(m.due),
                "any": any(e.published is not None for e in m.entries),
                "entries": [{"unit": registry.agency(e.agency).name,
                             "item": None if e.published is None else _item(e.published)}
                            for e in m.entries],
            } for m in column.months],
        } for column in area.tasks],
    }


def _latest(published: Sequence[Published]) -> str | None:
    return chinese_date(max(p.public_on for p in published)) if published else None


def _item(p: Published) -> dict[str, Any]:
    s = p.submission
    return {
        "summary": s.summary,
        "links": [{"text": link, "href": link if web_address(link) else None}
                  for link in s.links],
        "received": chinese_date(s.received_on),
        "received_iso": s.received_on.isoformat(),
        "accepted": chinese_date(p.accepted_on),
        "cleared": None if p.cleared_on is None else chinese_date(p.cleared_on),
    }


def _overview(registry: Registry, publication: Publication) -> dict[str, Any]:
    year = registry.plan.issued_on.year
    months = publication.months
    rows = [{
        "unit": registry.agency(row.agency).name,
        "task": registry.task(row.task).title,
        "cells": [None if d is None else {
            "state": d.state,
            "word": _words(f"state.{d.state}"),
            "note": _cell_note(d.deliverable.due, d.received_on),
        } for d in row.cells],
    } for row in publication.grid]
    published = publication.published_by_month
    rates = {m: (on_time, owed) for m, on_time, owed in publication.rates}
    table = [{
        "month": f"{short_month(m, year)}份",
        "owed": rates[m][1] if m in rates else None,
        "on_time": rates[m][0] if m in rates else None,
        "rate": percent(*rates[m]) if m in rates else None,
        "published": published[m],
    } for m in months]
    return {"months": [short_month(m, year) for m in months], "rows": rows,
            "legend": [(s, _words(f"state.{s}")) for s in
                       ("on_time", "late", "missing", "returned", "pending")],
            "table": table, "chart": _chart([short_month(m, year) for m in months],
                                            [rates.get(m) for m in months])}


RANKED_STATES = ("on_time", "late", "missing", "returned")


def _ranking(registry: Registry, publication: Publication) -> dict[str, Any]:
    """The 报送排行: the scoring rules' name and note, and each unit's rank, score (with a
    bar against the rules' ceiling), grade, reports by state and remarks (并列, 一票否决)."""
    rules = registry.scoring
    if rules is None:
        return {"rules": None, "rows": []}
    ranked = publication.ranking
    top = rules.ceiling if rules.ceiling is not None else max(
        (r.score for r in ranked), default=Decimal(0))
    rows = []
    for r, (place, unit, score, grade, remark) in zip(
            ranked, ranking_rows(registry, ranked), strict=True):
        share = r.score / top if top > 0 else Decimal(0)
        rows.append({"rank": place, "unit": unit, "score": score, "grade": grade,
                     "remark": remark, "bar": _n(float(max(Decimal(0), min(share, Decimal(1)))
                                                       * 100)),
                     "states": [r.unit.states.get(state, 0) for state in RANKED_STATES]})
    header = list(RANKING_HEADER)
    return {"rules": {"name": rules.name, "text": rules.text, "example": rules.example,
                      "base": figure(rules.base)},
            "header": header[:4], "remark_header": header[4],
            "state_headers": [_words(f"state.{state}") for state in RANKED_STATES],
            "rows": rows}


def _cell_note(due: date, received_on: date | None) -> str:
    note = t(LANG, "site.overview.due", day=chinese_date(due))
    if received_on is not None:
        note += t(LANG, "site.overview.sep") + t(LANG, "site.overview.received",
                                                     day=chinese_date(received_on))
    return note


def _chart(labels: Sequence[str], rates: Sequence[tuple[int, int] | None]) -> dict[str, Any]:
    """The bars of the on-time rate chart, in the SVG's units: one per reporting month, a
    month not yet due marked as such instead of a bar."""
    g = CHART
    plot_w = g["width"] - g["left"] - g["right"]
    plot_h = g["height"] - g["top"] - g["bottom"]
    base = g["top"] + plot_h
    slot = plot_w / max(len(labels), 1)
    bar_w = slot * 0.56
    bars = []
    for i, (label, rate) in enumerate(zip(labels, rates, strict=True)):
        centre = g["left"] + slot * i + slot / 2
        bar: dict[str, Any] = {"label": label, "cx": _n(centre), "label_y": _n(base + 20)}
        if rate is None:
            bar.update(due=False, text=t(LANG, "site.chart.not_due"), text_y=_n(base - 6))
        else:
            on_time, owed = rate
            height = plot_h * on_time / owed if owed else 0.0
            bar.update(due=True, x=_n(centre - bar_w / 2), y=_n(base - height),
                       w=_n(bar_w), h=_n(height), text=f"{percent(on_time, owed)}%",
                       text_y=_n(base - height - 6))
        bars.append(bar)
    ticks = [{"y": _n(base - plot_h * v / 100), "label": f"{v}%"} for v in (0, 25, 50, 75, 100)]
    return {**g, "bars": bars, "ticks": ticks, "base": _n(base),
            "plot_right": g["width"] - g["right"],
            "title": t(LANG, "site.chart.title")}


def _n(value: float) -> str:
    """A coordinate as the SVG gets it: one decimal, the same text on every machine."""
    return f"{value:.1f}"

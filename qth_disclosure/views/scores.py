"""What `score` and `rank` show: each unit's 考核 score (with every point, `--explain`) and
the ranking (报送排行) with its bar chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from qth_disclosure.core.compliance import STATES
from qth_disclosure.core.scoring import Point, Ranked, UnitScore, figure, number
from qth_disclosure.output.render import BarRow, Bars, Block, Cell, Heading, Line, Table
from qth_disclosure.registry import Registry
from qth_disclosure.registry.model import ScoringRules
from qth_disclosure.views.labels import Translate, deliverable_label

# the CSV columns, one row a unit (score, rank) or one row a point (score --explain)
SCORE_COLUMNS = ("agency", "name", "score", "grade", "vetoed", *STATES, "inspection")
RANK_COLUMNS = ("rank", "tied", *SCORE_COLUMNS)
POINT_COLUMNS = ("agency", "name", "rule", "points", "kind", "task", "period", "state",
                 "due", "on", "submissions", "reviews", "inspections")


# ---------------------------------------------------------------- machines


def point_data(p: Point) -> dict[str, Any]:
    return {"rule": p.rule, "points": number(p.points), "kind": p.kind, "task": p.task,
            "period": p.period, "state": p.state,
            "due": p.due.isoformat() if p.due else None,
            "on": p.on.isoformat() if p.on else None,
            "submissions": list(p.submissions), "reviews": list(p.reviews),
            "inspections": list(p.inspections)}


def unit_data(u: UnitScore, registry: Registry, explain: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "agency": u.agency, "name": registry.agency(u.agency).name,
        "score": number(u.score), "grade": u.grade, "vetoed": u.vetoed,
        "states": {s: u.states.get(s, 0) for s in STATES}, "inspection": u.inspection}
    if explain:
        data["points"] = [point_data(p) for p in u.points]
    return data


def score_data(scores: Sequence[UnitScore], registry: Registry,
               explain: bool = False) -> list[dict[str, Any]]:
    """`score --format json`: `[{agency, name, score, grade, vetoed, states, inspection}]`,
    and each unit's `points` with `--explain`."""
    return [unit_data(u, registry, explain) for u in scores]


def rank_data(ranked: Sequence[Ranked], registry: Registry) -> list[dict[str, Any]]:
    """`rank --format json`: the units in rank order, each with its `rank` and `tied`."""
    return [{"rank": r.rank, "tied": r.tied, **unit_data(r.unit, registry)} for r in ranked]


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in data.items() if k not in ("states", "points")}
    states: dict[str, int] = data["states"]
    return row | states


def score_rows(scores: Sequence[UnitScore], registry: Registry,
               explain: bool = False) -> list[dict[str, Any]]:
    """CSV: one row a unit, its states as columns; with `--explain` one row a point."""
    if not explain:
        return [_flat(unit_data(u, registry)) for u in scores]
    return [{"agency": u.agency, "name": registry.agency(u.agency).name, **point_data(p)}
            for u in scores for p in u.points]


def rank_rows(ranked: Sequence[Ranked], registry: Registry) -> list[dict[str, Any]]:
    return [_flat(data) for data in rank_data(ranked, registry)]


# ---------------------------------------------------------------- people


def rule_words(t: Translate, p: Point) -> str:
    """What gave a point, in words: 基础分, 月报未报, 审核退回, 月报扣分封顶, 一票否决."""
    if p.rule in ("base", "floor", "ceiling", "veto") or p.rule.startswith("review."):
        return t(f"score.rule.{p.rule}")
    if p.rule.startswith("cap."):
        return t("score.rule.cap", kind=t(f"kind.{p.kind}"))
    return t("score.rule.state", kind=t(f"kind.{p.kind}"), state=t(f"state.{p.state}"))


def rows_words(t: Translate, p: Point) -> str:
    """The ledger rows behind a point: 报送#3、审核#1 / submission #3, review #1."""
    named = [t(f"score.row.{table}", id=row_id)
             for table, ids in (("submission", p.submissions), ("review", p.reviews),
                                ("inspection", p.inspections)) for row_id in ids]
    return t("list_sep").join(named)


def signed(value: Decimal) -> str:
    """Points with their sign: +100, -6, 0."""
    text = figure(value)
    return text if text.startswith("-") or text == "0" else "+" + text


def _heading_lines(t: Translate, rules: ScoringRules, as_of: date, key: str,
                   registry: Registry) -> list[Block]:
    name = t("score.rules_name", name=rules.name, name_en=rules.name_en)
    blocks: list[Block] = [Line.of(Cell(t(key, rules=name, as_of=as_of.isoformat()),
                                        "accent"))]
    if rules.example:
        blocks.append(Line.of(Cell(t("score.example"), "warn")))
    blocks.append(Line.of(Cell(t("score.office_left_out", office=registry.office.name),
                               "muted")))
    return blocks


def _grade_words(t: Translate, registry: Registry, grade: str | None) -> str:
    """A grade as the interface language names it (优秀; excellent)."""
    rules = registry.scoring
    if grade is None or rules is None:
        return ""
    found = next((g for g in rules.grades if g.name == grade), None)
    return grade if found is None else t("score.grade_name", name=grade,
                                         name_en=found.name_en)


def _inspection_words(t: Translate, verdict: str | None) -> str:
    return t(f"state.{verdict}") if verdict else ""


def score_blocks(scores: Sequence[UnitScore], registry: Registry, rules: ScoringRules,
                 as_of: date, t: Translate, explain: bool = False) -> list[Block]:
    blocks = _heading_lines(t, rules, as_of, "score.title", registry)
    if not explain:
        # the states that score (not yet due counts nothing) and the inspection's verdict:
        # 80 columns hold the table; vetoes are named under it, as the ranking names them
        shown = [s for s in STATES if s != "pending"]
        table = Table([t("col.unit"), t("col.score"), t("col.grade"),
                       *(t(f"state.{s}") for s in shown), t("col.inspection")],
                      align=["left", "right", "left", *(["right"] * len(shown)), "left"])
        for u in scores:
            table.rows.append([
                registry.agency(u.agency).name,
                Cell(figure(u.score), "bad") if u.vetoed else figure(u.score),
                _grade_words(t, registry, u.grade),
                *(str(u.states.get(s, 0)) for s in shown),
                _inspection_words(t, u.inspection)])
        return [*blocks, table, *_vetoed_line(t, registry, scores)]
    for u in scores:
        name = registry.agency(u.agency).name
        grade = _grade_words(t, registry, u.grade)
        blocks.append(Heading(t("score.unit_heading", unit=name, score=figure(u.score))
                              + (t("score.unit_grade", grade=grade) if grade else "")))
        table = Table([t("col.score_item"), t("col.deliverable"), t("col.due"), t("col.on"),
                       t("col.points"), t("col.rows")],
                      align=["left", "left", "left", "left", "right", "left"])
        for p in u.points:
            table.rows.append([
                rule_words(t, p),
                deliverable_label(t, p.kind, p.task, p.period)
                if p.kind and p.rule not in ("floor", "ceiling") else "",
                p.due.isoformat() if p.due else "", p.on.isoformat() if p.on else "",
                Cell(signed(p.points), "bad" if p.points < 0 and p.rule != "base"
                     else None),
                rows_words(t, p)])
        blocks.append(table)
        blocks.append(Line.of(Cell(t("score.total", score=figure(u.score)), "accent")))
    return blocks


def _bar_style(registry: Registry, u: UnitScore) -> str:
    rules = registry.scoring
    grades = rules.grades if rules is not None else ()
    if u.vetoed or (grades and u.grade == grades[-1].name):
        return "bad"
    if not grades or u.grade == grades[0].name:
        return "ok"
    return "warn"


def rank_blocks(ranked: Sequence[Ranked], registry: Registry, rules: ScoringRules,
                as_of: date, t: Translate) -> list[Block]:
    blocks = _heading_lines(t, rules, as_of, "rank.title", registry)
    if not ranked:
        return [*blocks, Line.of(Cell(t("todo.none"), "muted"))]
    top = max([r.score for r in ranked] + [rules.base])
    scale = rules.ceiling if rules.ceiling is not None and rules.ceiling > 0 else top
    chart = Bars([t("col.rank"), t("col.unit"), t("col.score"), t("col.grade")], [],
                 float(scale), figure(scale), align=["right", "left", "right", "left"])
    for r in ranked:
        chart.rows.append(BarRow(
            (str(r.rank), registry.agency(r.agency).name, figure(r.score),
             _grade_words(t, registry, r.unit.grade)),
            float(r.score), _bar_style(registry, r.unit)))
    blocks.append(chart)
    tied = sum(1 for r in ranked if r.tied)
    if tied:
        blocks.append(Line.of(Cell(t("rank.ties", count=tied), "muted")))
    return [*blocks, *_vetoed_line(t, registry, [r.unit for r in ranked])]


def _vetoed_line(t: Translate, registry: Registry, scores: Sequence[UnitScore]
                 ) -> list[Block]:
    vetoed = [registry.agency(u.agency).name for u in scores if u.vetoed]
    if not vetoed:
        return []
    return [Line.of(Cell(t("rank.vetoed", units=t("list_sep").join(vetoed)), "bad"))]

"""考核: each unit's score under the registry's `scoring` rules, every point traced to the
ledger rows behind it, and the ranking (报送排行).

Pure: callers pass the registry, the deliverables' states as known on the day
(`compliance.Status`, voided receipts already left out) and the review verdicts in force
then (`Reviewed`); `queries.scores` and `queries.ranking` read them from the ledger.

A unit's score is the sum of its points, in this order, so that `--explain` always adds up
to the score:

1. `base`: the rules' base score (100 in the shipped example);
2. one point per deliverable whose kind and state a rule prices (a monthly report
   `missing`: -6), carrying the deliverable (kind, task, period, due day) and the ledger row
   that decided its state (the receipt, or the inspection's verdict);
3. one point per receipt whose review verdict in force is priced (`review.return`),
   carrying the review and the receipt; a receipt returned and then superseded by a
   revision still counts its return, while a return the office later reversed (`--accept`)
   does not;
4. `cap.KIND`: where a kind's points pass its cap's floor or ceiling, the difference
   that brings them back to it;
5. `floor` / `ceiling`: the same for the unit's whole score;
6. `veto` (一票否决): the first veto that applies, in the order listed, sets the score
   (the point is the difference) and/or the grade, carrying the rows that triggered it.

The office (`plan.office`) reports K1 to itself and is never scored or ranked; an
inspection not done by its day (未验收) is the office's lapse and costs the unit nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from qth_disclosure.calendar import chinese_date
from qth_disclosure.core.compliance import STATES, Assessed, Status, latest_reviews
from qth_disclosure.documents.model import Table
from qth_disclosure.errors import InputError
from qth_disclosure.escapes import inline
from qth_disclosure.ledger import DeliverableKey, Review, Submission
from qth_disclosure.registry import Registry
from qth_disclosure.registry.model import ScoringRules, Veto

ZERO = Decimal(0)


class Point(NamedTuple):
    """Points a unit earned or lost, and why.

    `rule` names what gave them: `base`, `KIND.STATE` (`monthly.missing`,
    `inspection.fail`, `review.return`), `cap.KIND`, `floor`, `ceiling` or `veto`.
    `kind`, `task`, `period` and `due` name the deliverable (None where there is none);
    `state` is its state or the verdict; `on` the day of the deciding row (received,
    reviewed, inspected). The ledger rows behind the point are `submissions`, `reviews` and
    `inspections` (ids)."""

    rule: str
    points: Decimal
    kind: str | None = None
    task: str | None = None
    period: str | None = None
    state: str | None = None
    due: date | None = None
    on: date | None = None
    submissions: tuple[int, ...] = ()
    reviews: tuple[int, ...] = ()
    inspections: tuple[int, ...] = ()


class UnitScore(NamedTuple):
    """One unit's score: always exactly the sum of `points`."""

    agency: str
    score: Decimal
    points: tuple[Point, ...]
    grade: str | None  # the grade's name as the registry writes it (优秀), if grades are set
    vetoed: bool  # whether a veto (一票否决) decided the score or grade
    # how many of the unit's reports (plan, monthly, summary, annual report) are in each
    # state, in compliance.STATES's order (on_time, late, missing, pending, returned),
    # zeros left out
    states: dict[str, int]
    # its inspection's verdict in force (pass, rectify, fail); None before one, or where
    # the unit is not inspected
    inspection: str | None


class Ranked(NamedTuple):
    """A unit's place in the ranking: units with equal scores share the better rank and the
    next rank skips (1, 2, 2, 4); tied units keep the registry's order."""

    rank: int
    unit: UnitScore
    tied: bool  # another unit has the same score

    @property
    def agency(self) -> str:
        return self.unit.agency

    @property
    def score(self) -> Decimal:
        return self.unit.score


class Reviewed(NamedTuple):
    """A receipt's review in force on the day scored (the latest effective by then), for a
    receipt that counts then (received by the day, not voided)."""

    review: int
    verdict: str  # accept | return
    reviewed_on: date
    submission: int
    key: DeliverableKey  # the receipt's deliverable: (kind, agency, task, period)


def reviewed_from(submissions: Iterable[Submission], reviews: Iterable[Review],
                  as_of: date) -> list[Reviewed]:
    """`Reviewed` from rows in memory (an export has them all): each receipt's review in
    force on `as_of`, for the receipts given (those that count then: received by the day,
    none voided), as `Ledger.reviews_of_receipts` reads them from the ledger."""
    receipts = {s.id: s for s in submissions if s.received_on <= as_of}
    return [Reviewed(r.id, r.verdict, r.reviewed_on, r.submission, receipts[r.submission].key)
            for r in sorted(latest_reviews(reviews, as_of).values(), key=lambda r: r.submission)
            if r.submission in receipts]


def rules_of(registry: Registry) -> ScoringRules:
    """The registry's scoring rules; an error naming the fix where it has none."""
    if registry.scoring is None:
        raise InputError("no_scoring_rules", source=str(registry.source))
    return registry.scoring


def scored_units(registry: Registry, agency: str | None = None) -> tuple[str, ...]:
    """The units scored, in the registry's order: every unit but the office (or the one
    named, which may not be the office)."""
    if agency is not None:
        if agency == registry.plan.office:
            raise InputError("office_not_scored", value=registry.units(agency))
        return (agency,)
    return tuple(a.code for a in registry.agencies if a.code in registry.counted_units)


def score_units(registry: Registry, status: Status, reviewed: Iterable[Reviewed] = (), *,
                agency: str | None = None, rules: ScoringRules | None = None
                ) -> list[UnitScore]:
    """Every scored unit's score (or one unit's) from the deliverables' states in `status`
    and the review verdicts `reviewed`, in the registry's order of units."""
    rules = rules or rules_of(registry)
    units = scored_units(registry, agency)
    by_unit: dict[str, list[Assessed]] = {code: [] for code in units}
    for assessed in status.deliverables:
        if assessed.deliverable.agency in by_unit:
            by_unit[assessed.deliverable.agency].append(assessed)
    reviews: dict[str, list[Reviewed]] = {code: [] for code in units}
    owed_keys = {a.deliverable.key for a in status.deliverables}
    for r in sorted(reviewed, key=lambda r: r.submission):
        # a receipt of something the plan no longer owes scores nothing
        if r.key[1] in reviews and r.key in owed_keys:
            reviews[r.key[1]].append(r)
    return [_score(code, rules, by_unit[code], reviews[code]) for code in units]


def _score(agency: str, rules: ScoringRules, owed: Sequence[Assessed],
           reviewed: Sequence[Reviewed]) -> UnitScore:
    points = [Point("base", rules.base)]
    for a in owed:
        point = _deliverable_point(rules, a)
        if point is not None:
            points.append(point)
    for r in reviewed:
        value = rules.points_for("review", r.verdict)
        if value:
            kind, _, task, period = r.key
            points.append(Point(f"review.{r.verdict}", value, kind, task, period, r.verdict,
                                None, r.reviewed_on, (r.submission,), (r.review,)))
    for cap in rules.caps:
        total = sum((p.points for p in points if _kind_of(p) == cap.kind), ZERO)
        bounded = _bounded(total, cap.floor, cap.ceiling)
        if bounded != total:
            points.append(Point(f"cap.{cap.kind}", bounded - total, cap.kind))
    total = sum((p.points for p in points), ZERO)
    bounded = _bounded(total, rules.floor, rules.ceiling)
    if bounded != total:
        points.append(Point("floor" if bounded > total else "ceiling", bounded - total))
        total = bounded
    veto = next(((v, rows) for v in rules.vetoes
                 if (rows := _veto_rows(v, owed, reviewed)) is not None), None)
    grade: str | None = None
    if veto is not None:
        v, triggered = veto
        if v.score is not None and v.score != total:
            points.append(triggered._replace(points=v.score - total))
            total = v.score
        grade = v.grade
    if grade is None:
        found = rules.grade_for(total)
        grade = None if found is None else found.name
    states = Counter(a.state for a in owed if a.deliverable.kind != "inspection")
    verdict = next((a.verdict for a in owed if a.deliverable.kind == "inspection"), None)
    return UnitScore(agency, total, tuple(points), grade, veto is not None,
                     {s: states[s] for s in STATES if states[s]}, verdict)


def _deliverable_point(rules: ScoringRules, a: Assessed) -> Point | None:
    d = a.deliverable
    if d.kind == "inspection" and a.state not in ("pass", "rectify", "fail"):
        return None  # 未验收: the office's own lapse, never the unit's
    value = rules.points_for(d.kind, a.state)
    if not value:
        return None
    submissions, inspections = _rows(a)
    return Point(f"{d.kind}.{a.state}", value, d.kind, d.task, d.period, a.state, d.due,
                 a.received_on, submissions, (), inspections)


def _rows(a: Assessed) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The deciding row of a deliverable's state: (submissions, inspections)."""
    if a.record is None:
        return (), ()
    if a.deliverable.kind == "inspection":
        return (), (a.record,)
    return (a.record,), ()


def _kind_of(p: Point) -> str | None:
    """What a cap of a kind bounds: its deliverables' points, or the review verdicts'."""
    if p.rule.startswith("review."):
        return "review"
    return p.kind if "." in p.rule and not p.rule.startswith("cap.") else None


def _bounded(value: Decimal, floor: Decimal | None, ceiling: Decimal | None) -> Decimal:
    if floor is not None and value < floor:
        return floor
    if ceiling is not None and value > ceiling:
        return ceiling
    return value


def _veto_rows(veto: Veto, owed: Sequence[Assessed], reviewed: Sequence[Reviewed]
               ) -> Point | None:
    """The veto's point (its points still to set) if it applies, with the rows that
    triggered it; None if it does not apply."""
    if veto.kind == "review":
        hits = [r for r in reviewed if r.verdict == veto.state]
        if len(hits) < veto.at_least:
            return None
        return Point("veto", ZERO, "review", state=veto.state,
                     submissions=tuple(r.submission for r in hits),
                     reviews=tuple(r.review for r in hits))
    found = [a for a in owed if a.deliverable.kind == veto.kind and a.state == veto.state]
    if len(found) < veto.at_least:
        return None
    submissions: list[int] = []
    inspections: list[int] = []
    for a in found:
        s, i = _rows(a)
        submissions += s
        inspections += i
    point = Point("veto", ZERO, veto.kind, state=veto.state, submissions=tuple(submissions),
                  inspections=tuple(inspections))
    if len(found) == 1:  # one deliverable decided it: name it
        d = found[0].deliverable
        point = point._replace(task=d.task, period=d.period, due=d.due,
                               on=found[0].received_on)
    return point


def rank(scores: Iterable[UnitScore]) -> list[Ranked]:
    """The ranking, best first: equal scores share the better rank and the next rank skips
    (1, 2, 2, 4, 并列); tied units keep their order in `scores` (the registry's)."""
    ordered = sorted(scores, key=lambda s: -s.score)  # stable: ties keep their order
    counts = Counter(s.score for s in ordered)
    out: list[Ranked] = []
    for i, unit in enumerate(ordered):
        place = out[-1].rank if out and out[-1].score == unit.score else i + 1
        out.append(Ranked(place, unit, counts[unit.score] > 1))
    return out


def number(value: Decimal) -> int | float:
    """A score or points as JSON writes it: a whole number as one, else a decimal."""
    return int(value) if value == value.to_integral_value() else float(value)


def figure(value: Decimal) -> str:
    """Points as written for people: 94, 92.5 (no trailing zeros, no exponent)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


# ---------------------------------------------------------------- for documents

# the ranking's columns as the office's documents print them (an 附件 of the 通报)
RANKING_HEADER = ("名次", "单位", "得分", "等次", "备注")


def ranking_rows(registry: Registry, ranked: Sequence[Ranked]) -> tuple[tuple[str, ...], ...]:
    """The ranking as the rows of a Chinese table (名次, 单位, 得分, 等次, 备注): a tied rank
    is marked 并列, a veto 一票否决. Texts from the registry pass through `inline`."""
    rows = []
    for r in ranked:
        notes = []
        if r.tied:
            notes.append("并列")
        if r.unit.vetoed:
            notes.append("一票否决")
        name = inline(registry.agency(r.agency).name)
        grade = inline(r.unit.grade) if r.unit.grade else ""
        rows.append((str(r.rank), name, figure(r.score), grade, "、".join(notes)))
    return tuple(rows)


def ranking_table(registry: Registry, ranked: Sequence[Ranked], as_of: date,
                  units: Iterable[str] | None = None) -> Table:
    """The ranking as a document's 附件 (documents.model.Table), titled with the rules'
    name and the day: what the inspection bulletin attaches. With `units` (the inspected
    ones, `registry.owing("inspection")`), only they are ranked, among themselves."""
    rules = rules_of(registry)
    if units is not None:
        wanted = set(units)
        ranked = rank(r.unit for r in ranked if r.agency in wanted)
    title = (f"{inline(rules.name)}得分排名"
             f"（截至{chinese_date(as_of)}）")
    return Table(title, RANKING_HEADER, ranking_rows(registry, ranked))

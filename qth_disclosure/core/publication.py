"""What the 重点领域信息公开专栏 publishes on a day, and the office's overview beside it.

The plan: 市政府办已在市政府网站中设置重点领域信息公开专栏并注明责任单位，及时向社会公布重点领域
相关信息. The column shows the key areas (the tasks that owe monthly reports, grouped by the
plan's item), each task with its lead and cooperating units, and for each month the report
each lead made public. A monthly report is published on a day A when, as known on A:

- it is not voided (`compliance.voided`);
- the office's review in force on A accepted it (`compliance.latest_reviews`): a report
  not yet reviewed, or returned, is not published;
- no 保密审查 recorded by A withheld it: one cleared `passed`, or with no clearance recorded,
  may be published; one `withheld` never is (a later clearance does not undo it: the unit
  sends a revision, which is judged on its own).

Of a deliverable's receipts so published, the newest (by receipt day, then as recorded)
stands: a revision supersedes the report it revises. Pure: the rows and the day are given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from qth_disclosure.calendar import month_first
from qth_disclosure.core.compliance import (
    Assessed,
    Status,
    deliverables,
    latest_reviews,
    voided,
)
from qth_disclosure.core.rates import monthly_on_time
from qth_disclosure.core.scoring import Ranked
from qth_disclosure.ledger import Clearance, DeliverableKey, Review, Submission, Void
from qth_disclosure.registry import Registry, Task


class Published(NamedTuple):
    """A monthly report as the column shows it: the receipt, the day the office's review
    in force accepted it, and the day it was cleared (None where no clearance is recorded)."""

    submission: Submission
    accepted_on: date
    cleared_on: date | None

    @property
    def public_on(self) -> date:
        """The day it could first be published: accepted, and cleared where it was."""
        return max(self.accepted_on, self.cleared_on or self.accepted_on)


class Entry(NamedTuple):
    """One lead's report on one task for one month: published, or not (yet)."""

    agency: str
    published: Published | None


class MonthEntries(NamedTuple):
    month: str
    due: date
    entries: tuple[Entry, ...]  # one per lead, in the task's order of leads


class TaskColumn(NamedTuple):
    task: Task
    months: tuple[MonthEntries, ...]  # the months begun by the day, newest first

    @property
    def published(self) -> tuple[Published, ...]:
        return tuple(e.published for m in self.months for e in m.entries
                     if e.published is not None)


class Area(NamedTuple):
    """A key area (重点领域) as the plan numbers it in its section: 1. 推进行政权力清单公开."""

    section: str
    number: str
    title: str
    tasks: tuple[TaskColumn, ...]

    @property
    def published(self) -> tuple[Published, ...]:
        return tuple(p for t in self.tasks for p in t.published)

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit named for the area, leads first, each once, in the plan's order."""
        leads = [code for t in self.tasks for code in t.task.lead]
        cooperating = [code for t in self.tasks for code in t.task.cooperating]
        return tuple(dict.fromkeys([*leads, *cooperating]))


class GridRow(NamedTuple):
    """One (unit, task) row of the month grid: its deliverable's state for each month."""

    agency: str
    task: str
    cells: tuple[Assessed | None, ...]  # by the registry's reporting months


class Publication(NamedTuple):
    as_of: date
    areas: tuple[Area, ...]
    months: tuple[str, ...]  # every reporting month, in order
    grid: tuple[GridRow, ...]
    # (month, on time, owed) of each month due before the day, as its bulletin counts
    rates: tuple[tuple[str, int, int], ...]
    # 报送排行 under the registry's scoring rules (core.scoring); empty where it has none
    ranking: tuple[Ranked, ...] = ()

    @property
    def published_by_month(self) -> dict[str, int]:
        """How many reports the column shows for each reporting month."""
        counts = dict.fromkeys(self.months, 0)
        for area in self.areas:
            for p in area.published:
                period = p.submission.period or ""
                if period in counts:
                    counts[period] += 1
        return counts


def published(registry: Registry, submissions: Iterable[Submission],
              reviews: Iterable[Review], voids: Iterable[Void],
              clearances: Iterable[Clearance], as_of: date) -> dict[DeliverableKey, Published]:
    """The report each monthly deliverable publishes on `as_of` (see the module's rules).

    More rows than those known on `as_of` may be given: later ones are ignored here."""
    owed = {d.key for d in deliverables(registry) if d.kind == "monthly"}
    gone = voided(voids, as_of)
    in_force = latest_reviews(reviews, as_of)
    withheld: set[int] = set()
    passed: dict[int, date] = {}
    for c in clearances:
        if c.cleared_on > as_of:
            continue
        if c.result == "withheld":
            withheld.add(c.submission)
        else:
            passed[c.submission] = min(c.cleared_on, passed.get(c.submission, c.cleared_on))
    found: dict[DeliverableKey, Published] = {}
    for s in submissions:
        review = in_force.get(s.id)
        if (s.key not in owed or s.received_on > as_of or s.id in gone or s.id in withheld
                or review is None or review.verdict != "accept"):
            continue
        seen = found.get(s.key)
        if seen is None or (s.received_on, s.id) > (seen.submission.received_on,
                                                     seen.submission.id):
            found[s.key] = Published(s, review.reviewed_on, passed.get(s.id))
    return found


def areas(registry: Registry, found: Mapping[DeliverableKey, Published],
          as_of: date) -> tuple[Area, ...]:
    """The key areas in the plan's order, each task with the months begun by `as_of`
    (newest first) and each lead's published report for them."""
    dues = registry.period_dues
    months = [m for m in registry.monthly.months if month_first(m) <= as_of]
    grouped: dict[tuple[str, str], list[Task]] = {}
    for task in registry.monthly_tasks:
        grouped.setdefault((task.section, task.item), []).append(task)
    out = []
    for (section, number), tasks in grouped.items():
        columns = tuple(
            TaskColumn(task, tuple(
                MonthEntries(m, dues[m], tuple(
                    Entry(code, found.get(("monthly", code, task.id, m)))
                    for code in task.lead))
                for m in reversed(months)))
            for task in tasks)
        out.append(Area(section, number, tasks[0].area, columns))
    return tuple(out)


def month_grid(registry: Registry, status: Status) -> tuple[GridRow, ...]:
    """The monthly reports' states, one row per (unit, task) in the plan's order."""
    cells: dict[tuple[str, str], dict[str, Assessed]] = {}
    for d in status.deliverables:
        item = d.deliverable
        if item.kind == "monthly":
            cells.setdefault((item.agency, item.task or ""), {})[item.period or ""] = d
    months = registry.monthly.months
    return tuple(GridRow(code, task, tuple(by_month.get(m) for m in months))
                 for (code, task), by_month in cells.items())


def publication(registry: Registry, status: Status,
                found: Mapping[DeliverableKey, Published],
                ranking: Sequence[Ranked] = ()) -> Publication:
    """The column, the ranking and the overview as known on the status's day."""
    return Publication(status.as_of, areas(registry, found, status.as_of),
                       tuple(registry.monthly.months), month_grid(registry, status),
                       monthly_on_time(registry, status), tuple(ranking))


def accepted(reviews: Sequence[Review], as_of: date) -> list[int]:
    """The submissions whose review in force on `as_of` accepted them: the only ones the
    column may publish, so the only ones a large ledger need be asked for."""
    return sorted(sid for sid, r in latest_reviews(reviews, as_of).items()
                  if r.verdict == "accept")

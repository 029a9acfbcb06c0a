"""What a statistics template is made of, and what its cells can count.

The record sets of a year with every field and value a template may name (SETS), and the
immutable template: its tables, their columns, rows and rules. Reading a template from YAML
is loading.py; making the records is records.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from qth_disclosure.core.applications import (
    APPEAL_KINDS,
    APPEAL_RESULTS,
    APPLICANT_KINDS,
    CHANNELS,
    CLOSE_REASONS,
    GROUNDS,
    OUTCOMES,
)
from qth_disclosure.vocab import ProactiveItem

# ---------------------------------------------------------------- what can be counted

# How an answer stood against its deadline: on time without an extension, on time within
# an approved extension, or after the due date.
TIMINGS = ("on_time", "extended", "late")
# The three groups of the 2021 form's table 四, and complaints (2014 form, section 六).
ROUTES = ("reconsideration", "lawsuit_direct", "lawsuit_after_reconsideration", "complaint")

_APPLICATION = {"applicant_kind": APPLICANT_KINDS, "channel": CHANNELS}
# An application closed without an answer (`request close`) is a result of the year too
# (the 2021 form's table 三 （六） 1–3): its record's outcome is `closed_` and the reason.
CLOSED_OUTCOMES = tuple(f"closed_{why}" for why in CLOSE_REASONS)
_ANSWER = {**_APPLICATION, "outcome": OUTCOMES + CLOSED_OUTCOMES, "ground": GROUNDS,
           "timing": TIMINGS}
_APPEAL = {**_APPLICATION, "kind": APPEAL_KINDS, "route": ROUTES, "result": APPEAL_RESULTS}

# The record sets of a year, each with the fields its records carry and every value a field
# can take. A template that names another set, field or value is refused when loaded: a
# misspelt value would otherwise count nothing, silently.
SETS: dict[str, dict[str, tuple[str, ...]]] = {
    # one record per application received during the year
    "received_in_year": _APPLICATION,
    # received before 1 January and not answered before it (上年结转)
    "open_at_year_start": _APPLICATION,
    # one record per answer (or closing) dated in the year, whenever the application came
    "answered_in_year": _ANSWER,
    # received by 31 December and neither answered nor closed by then (结转下年度)
    "open_at_year_end": _APPLICATION,
    # one record per request to correct an unclear application (pause --why clarify)
    "clarify_requests_in_year": _APPLICATION,
    # one record per case: an application's reconsideration, or its lawsuit, first brought
    # in the year, with the latest result known on 31 December
    "appeals_in_year": _APPEAL,
}
ALL_FIELDS: dict[str, tuple[str, ...]] = {k: v for fields in SETS.values()
                                          for k, v in fields.items()}

# The figures of a unit's (or the city's) year that are recorded, not counted: each item of
# the proactive-disclosure table (`disclose proactive`, the latest in force) and the fees
# the applications took (`request fee`: charges and payments, in 万元). A `figure` row
# shows one of them.
PROACTIVE_ITEMS: tuple[str, ...] = get_args(ProactiveItem)
FIGURES: tuple[str, ...] = (*PROACTIVE_ITEMS, "application_fees")

Record = dict[str, str]
Filter = tuple[tuple[str, frozenset[str]], ...]  # every field's value must be one of these


# ---------------------------------------------------------------- the template


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str | None  # the form's header above several columns (法人或其他组织)
    where: Filter = ()  # () counts every record of the row
    sum: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)
    # the header above the groups, over contiguous columns (申请人情况, 行政诉讼)
    band: str | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: Literal["select", "sum", "zero", "heading", "figure"]
    sets: tuple[str, ...] = ()
    where: Filter = ()
    sum: tuple[str, ...] = ()
    note: str | None = None  # why an always-zero row has no source in the ledger
    figure: str | None = None  # the recorded figure a `figure` row shows (FIGURES)
    line: int = field(default=0, compare=False)

    @property
    def fields(self) -> set[str]:
        """The fields every record of the row's sets carries."""
        return set.intersection(*(set(SETS[s]) for s in self.sets)) if self.sets else set()


@dataclass(frozen=True)
class Rule:
    id: str
    each: Literal["column", "row"]  # checked in every column (sums of rows), or every row
    left: tuple[str, ...]
    right: tuple[str, ...]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    rules: tuple[Rule, ...]

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind != "heading")

    @property
    def bands(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each band and the keys of the columns it spans, in order (a template's bands
        are contiguous: loading.py refuses one that is not)."""
        out: list[tuple[str, list[str]]] = []
        previous: str | None = None
        for col in self.columns:
            if col.band is not None:
                if col.band == previous:
                    out[-1][1].append(col.key)
                else:
                    out.append((col.band, [col.key]))
            previous = col.band
        return tuple((band, tuple(keys)) for band, keys in out)


@dataclass(frozen=True)
class ProactiveBlock:
    """One block of the 2021 form's table 二: the article it reports on, heading its row
    labels (第二十条第（一）项), its column headings, and each row's label with the recorded
    items (PROACTIVE_ITEMS) it shows, in column order."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class ProactiveTable:
    """The proactive-disclosure figures as a form lays them out (2021 table 二): blocks,
    each with its own column headings, under one title; the figures are those recorded
    with `disclose proactive`, not counted."""

    title: str
    blocks: tuple[ProactiveBlock, ...]


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    basis: str | None
    source: Path
    tables: tuple[TableSpec, ...]
    proactive: ProactiveTable | None = None  # before the tables, where the form has it

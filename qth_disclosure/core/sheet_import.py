"""Reports received by other channels (OA, fax, Word and Excel files), typed into the
office's sheet and imported at once (`disclose import`): every row checked as `submit`
checks it, every problem named by row and column, and nothing recorded unless every row
is good.

Pure: the reader (`export.sheet_reader`) hands over the header and the cells as the file
holds them (text, numbers, the dates of Excel date cells); this module knows the columns,
their Chinese headers, and the ways offices type a date (2015-09-01, 2015/9/1, 2015.9.1,
2015年9月1日) and a month (2015-09, 2015/9, 2015年9月).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil import parser as date_parser

from qth_disclosure.calendar import FIRST_YEAR, LAST_YEAR, parse_month
from qth_disclosure.core import intake
from qth_disclosure.errors import DiscloseError, InputError
from qth_disclosure.ledger import NewSubmission
from qth_disclosure.registry import Agency, Registry

COLUMNS = ("agency", "kind", "task", "month", "received", "summary", "links")
REQUIRED = ("agency", "received", "summary")
# the office's sheet (`import --template`) heads its columns in Chinese
HEADERS_ZH = {"agency": "单位", "kind": "类别", "task": "任务", "month": "月份",
              "received": "收到日期", "summary": "内容摘要", "links": "链接"}
KINDS = ("monthly", "plan", "summary")
# a kind as the sheet's dropdown writes it (the catalogue's Chinese words), or its code
KIND_WORDS = {"月报": "monthly", "部门方案": "plan", "落实情况": "summary"}
MAX_ROWS = 10_000
_YEAR_FIRST_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_YEAR_FIRST_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_LINK_SEPARATORS = re.compile(r"[\s;,；，、]+")

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str | None  # one of COLUMNS; None: the row, or the header, as a whole
    error: DiscloseError


@dataclass(frozen=True)
class Checked:
    rows: tuple[tuple[int, NewSubmission], ...]  # (row number, what it records)
    problems: tuple[RowProblem, ...]


def columns_of(header: Sequence[Cell]) -> tuple[dict[str, int], list[RowProblem]]:
    """Which cell of a row holds which column, by the header's names (English or the
    template's Chinese); an unknown, repeated or missing header is a row-1 problem."""
    known = {**{c: c for c in COLUMNS}, **{zh: c for c, zh in HEADERS_ZH.items()}}
    found: dict[str, int] = {}
    problems = []
    for i, cell in enumerate(header):
        name = _text(cell)
        if not name:
            continue
        column = known.get(name.lower()) or known.get(name)
        if column is None:
            problems.append(RowProblem(1, None, InputError(
                "import_unknown_header", value=name, valid=", ".join(COLUMNS))))
        elif column in found:
            problems.append(RowProblem(1, column, InputError("import_header_twice",
                                                             value=name)))
        else:
            found[column] = i
    for column in REQUIRED:
        if column not in found:
            problems.append(RowProblem(1, column, InputError(
                "import_header_missing", column=column, zh=HEADERS_ZH[column])))
    return found, problems


def check(registry: Registry, header: Sequence[Cell], rows: Sequence[Sequence[Cell]],
          today: date) -> Checked:
    """Every row after the header as `submit` would record it, or its problems; blank
    rows are passed over."""
    where, problems = columns_of(header)
    if problems:
        return Checked((), tuple(problems))
    if len(rows) > MAX_ROWS:
        return Checked((), (RowProblem(1, None, InputError(
            "import_too_many_rows", count=len(rows), limit=MAX_ROWS)),))
    good = []
    for number, cells in enumerate(rows, 2):
        values = {c: cells[i] if i < len(cells) else None for c, i in where.items()}
        if all(_text(v) == "" for v in values.values()):
            continue
        row = _Row(number)
        new = row.check(registry, values, today)
        if row.problems:
            problems += row.problems
        elif new is not None:
            good.append((number, new))
    return Checked(tuple(good), tuple(problems))


class _Row:
    """One row's checks, each cell on its own, so that every problem of the row is named
    (a wrong unit and a malformed date, not the first of them); what only the cells
    together decide (a report received before its month began) once each cell is good."""

    def __init__(self, number: int) -> None:
        self.number, self.problems = number, list[RowProblem]()

    def cell(self, column: str | None, call: Any, *args: Any, **kwargs: Any) -> Any:
        """`call`'s value, or None with its refusal noted against `column`."""
        try:
            return call(*args, **kwargs)
        except DiscloseError as exc:
            self.problems.append(RowProblem(self.number, column, exc))
            return None

    def check(self, registry: Registry, values: dict[str, Cell],
              today: date) -> NewSubmission | None:
        agency = self.cell("agency", _required, values.get("agency"), "agency")
        unit = None if agency is None else self.cell("agency", registry.agency, agency)
        kind = self.cell("kind", _kind, values.get("kind"), values)
        received = self.cell("received", received_on, values.get("received"))
        if received is not None:
            self.cell("received", intake.check_received, registry, received, "--received",
                      today)
        summary = self.cell("summary", intake.text, _text(values.get("summary")), "summary")
        links = [p for p in _LINK_SEPARATORS.split(_text(values.get("links"))) if p]
        self.cell("links", intake.web_links, links)
        task = month = None
        if kind == "monthly":
            task = _text(values.get("task")) or None
            if task is not None:
                self.cell("task", _monthly_task, registry, task, unit)
            elif unit is not None:
                task = self.cell("task", intake.led_monthly_task, registry, unit.code)
            month = self.cell("month", month_of, values.get("month"))
            if month is not None:
                self.cell("month", intake.reporting_month, registry, month)
        if self.problems or unit is None or kind is None or received is None \
                or summary is None:
            return None
        try:  # as `submit` records it, with what the cells decide together
            if kind != "monthly":
                return intake.phase_deliverable(registry, agency=unit.code, kind=kind,
                                                summary=summary, received_on=received,
                                                links=links, today=today)
            return intake.monthly_report(registry, agency=unit.code, task=task or "",
                                         month=month or "", summary=summary,
                                         received_on=received, links=links, today=today)
        except DiscloseError as exc:
            self.problems.append(RowProblem(self.number, _column_of(exc), exc))
            return None


def _monthly_task(registry: Registry, task: str, unit: Agency | None) -> None:
    """A task the row's unit reports on monthly (its lead), as `submit --task` checks it."""
    found = registry.task(task)
    if not found.monthly:
        raise InputError("task_not_monthly", value=found.id,
                         valid=", ".join(t.id for t in registry.monthly_tasks))
    if unit is not None and unit.code not in found.lead:
        raise InputError("not_lead", agency=registry.units(unit.code), task=found.id,
                         valid=registry.units(*found.lead))


_COLUMN_OF_KEY = {"unknown_task": "task", "task_not_monthly": "task", "not_lead": "task",
                  "month_outside_window": "month", "office_owes_nothing": "agency",
                  "future_date": "received", "before_plan": "received"}


def _column_of(exc: DiscloseError) -> str | None:
    what = str(exc.params.get("what", ""))
    if what.startswith("--link") or exc.key.startswith("link") or exc.key == "too_many_links":
        return "links"
    return _COLUMN_OF_KEY.get(exc.key) or {"--summary": "summary", "--received": "received",
                                           "--month": "month"}.get(what)


def _required(value: Cell, what: str) -> str:
    text = _text(value)
    if not text:
        raise InputError("empty_text", what=what)
    return text


def _kind(value: Cell, values: dict[str, Cell]) -> str:
    text = _text(value)
    if not text:  # a row with a month is a monthly report; without, it must say
        if _text(values.get("month")):
            return "monthly"
        raise InputError("import_kind_missing", valid=", ".join(KINDS))
    kind = KIND_WORDS.get(text, text.lower())
    if kind not in KINDS:
        raise InputError("bad_choice", what="kind", value=text,
                         valid=", ".join([*KINDS, *KIND_WORDS]))
    return kind


def received_on(value: Cell) -> date:
    """A day as the office typed it or Excel stored it: 2015-09-01, 2015/9/1, 2015.9.1,
    2015年9月1日, an Excel date cell (read as a date; a time of day must be midnight)."""
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise InputError("import_bad_date", value=value.isoformat(" "))
        return intake_day(value.date(), value.isoformat(" "))
    if isinstance(value, date):
        return intake_day(value, value.isoformat())
    text = _text(value)
    match = _YEAR_FIRST_DAY.fullmatch(text)
    if not match:  # 9/1/2015 or 1.9.2015 says nothing certain about which is the month
        raise InputError("import_bad_date", value=text)
    try:
        day = date_parser.parse("-".join(match.groups()), yearfirst=True, dayfirst=False)
    except (ValueError, OverflowError) as exc:
        raise InputError("import_bad_date", value=text) from exc
    return intake_day(day.date(), text)


def intake_day(day: date, shown: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError("year_out_of_range", what="received", value=shown, first=FIRST_YEAR,
                         last=LAST_YEAR)
    return day


def month_of(value: Cell) -> str:
    """A month as typed (2015-09, 2015/9, 2015年9月) or an Excel date cell's month."""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    text = _text(value)
    match = _YEAR_FIRST_MONTH.fullmatch(text)
    if not match:
        raise InputError("bad_month", what="month", value=text)
    return parse_month(f"{match.group(1)}-{int(match.group(2)):02d}", "month")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed in a text column: 2015, not 2015.0
    return str(value).strip()

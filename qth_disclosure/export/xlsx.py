"""The office's .xlsx workbook, drawn with openpyxl from the rows `sheets` gives.

Everything the export needs openpyxl for lives here (the import's sheet, read and
written as a template, is `sheet_reader`'s and `template`'s): bold frozen headers and
filters, state cells filled in their colours, the bar chart of monthly states, columns
sized for Chinese text, and cell text made safe for Excel (never a formula, no character
XML cannot hold, no longer than a cell may be). The sheets are written in openpyxl's
write-only mode, a row at a time as it is made, so a workbook of a million submissions
holds a page of them in memory, not the million. openpyxl takes a noticeable share of
start-up time, so this module is imported only when an .xlsx is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.cell.cell import ERROR_CODES, Cell  # type: ignore[import-untyped]
from openpyxl.chart import BarChart, Reference  # type: ignore[import-untyped]
from openpyxl.chart.data_source import AxDataSource, StrRef  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from wcwidth import wcswidth, wcwidth

from qth_disclosure.export import sheets
from qth_disclosure.export.known import Known
from qth_disclosure.export.sheets import COUNT_HEADERS, STATE_ZH, Value
from qth_disclosure.output.render import FORMULA_PREFIXES

CHART_STATES = ("on_time", "late", "missing")  # the first three count columns, in order
CHART_TITLE = "各月月报报送情况"
RANKING_TITLE = "报送排行（考核得分）"

# light fills for state cells; stronger shades of the same hues for the chart's bars
STATE_FILL = {"on_time": "C6EFCE", "late": "FFEB9C", "missing": "FFC7CE", "pending": "EDEDED",
              "returned": "F8CBAD", "pass": "C6EFCE", "rectify": "FFEB9C", "fail": "FFC7CE"}
CHART_COLOUR = {"on_time": "63BE7B", "late": "FFC000", "missing": "F8696B"}
STATE_BY_WORD = {word: state for state, word in STATE_ZH.items()}

MAX_WIDTH = 60  # columns wider than this wrap instead: summaries run to 20,000 characters
WIDTH_PADDING = 2
EXCEL_CELL_LIMIT = 32_767  # Excel "repairs" (truncates) a file holding longer text
# characters XML 1.0, hence xlsx, cannot hold; openpyxl refuses them outright
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WRAPPED = Alignment(wrap_text=True, vertical="top")


def write_xlsx(target: Path, known: Known) -> None:
    # write-only: each row goes to the sheet's file as it is made, so the workbook of a
    # ledger's million submissions holds no more than a page of them (and the file)
    book = Workbook(write_only=True)
    months = known.registry.monthly.months
    first_month = len(sheets.GRID_HEADERS) + 1
    grid = sheets.grid_rows(known, months)
    # the header row and the unit and task columns stay in view
    _put_table(book.create_sheet(sheets.GRID_SHEET), [*sheets.GRID_HEADERS, *months],
               lambda: grid, state_columns=range(first_month, first_month + len(months)),
               frozen="C2")
    deliverables = sheets.deliverable_rows(known)
    _put_table(book.create_sheet(sheets.DELIVERABLES_SHEET), sheets.DELIVERABLE_HEADERS,
               lambda: deliverables,
               state_columns=[sheets.DELIVERABLE_HEADERS.index("状态") + 1])
    _put_table(book.create_sheet(sheets.SUBMISSIONS_SHEET), sheets.SUBMISSION_HEADERS,
               lambda: sheets.submission_rows(known))
    bulletins = sheets.bulletin_rows(known)
    _put_table(book.create_sheet(sheets.BULLETINS_SHEET), sheets.BULLETIN_HEADERS,
               lambda: bulletins)
    _put_counts_chart(book.create_sheet(sheets.COUNTS_SHEET),
                      sheets.count_rows(known.status, months, known.registry.counted_units))
    if known.ranked is not None:
        _put_ranking_chart(book.create_sheet(sheets.SCORES_SHEET), sheets.score_rows(known),
                           known)
        points = sheets.point_rows(known)
        _put_table(book.create_sheet(sheets.POINTS_SHEET), sheets.POINT_HEADERS,
                   lambda: points)
    # Built in memory, then written in one go: saving to the file itself, openpyxl leaves
    # its zip archive open when a write fails (a full disk), and the archive fails again
    # when it is collected, printing a traceback after the one-line error. (The rows are
    # on disk already, in openpyxl's temporary files; this holds the compressed archive.)
    archive = io.BytesIO()
    book.save(archive)
    with archive.getbuffer() as written:
        target.write_bytes(written)


def _put_counts_chart(sheet: Any, rows: list[list[Value]]) -> None:
    """A small table of monthly-report states per month, and a bar chart drawn from it."""
    _put_table(sheet, COUNT_HEADERS, lambda: rows)

    chart = BarChart()
    chart.type = "col"
    chart.title = CHART_TITLE
    chart.x_axis.title = "月份"
    chart.y_axis.title = "月报数"
    # openpyxl 3.1 marks both axes deleted by default: Excel would draw bars without scales
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    last_row = len(rows) + 1
    chart.add_data(Reference(sheet, min_col=2, max_col=1 + len(CHART_STATES), min_row=1,
                             max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last_row))
    for series, state in zip(chart.series, CHART_STATES, strict=True):
        series.graphicalProperties.solidFill = CHART_COLOUR[state]
        series.graphicalProperties.line.solidFill = CHART_COLOUR[state]
    sheet.add_chart(chart, f"{_letter(len(COUNT_HEADERS) + 2)}2")


def _put_ranking_chart(sheet: Any, rows: list[list[Value]], known: Known) -> None:
    """The ranking (报送排行) and a bar chart of it: one horizontal bar per unit, the first
    rank at the top, the value axis from 0 to the rules' ceiling."""
    _put_table(sheet, sheets.SCORE_HEADERS, lambda: rows)
    if not rows:
        return
    rules = known.registry.scoring
    chart = BarChart()
    chart.type = "bar"  # horizontal: the units' names read along their bars
    chart.title = RANKING_TITLE
    chart.legend = None  # one series: the scores
    chart.x_axis.title = "单位"
    chart.y_axis.title = "得分"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # the first row (rank 1) at the top
    chart.x_axis.tickLblSkip = 1  # every unit named, not every other one
    chart.y_axis.crosses = "max"  # the scale under the bars, where the last rank is
    chart.y_axis.scaling.min = 0
    if rules is not None and rules.ceiling is not None and rules.ceiling > 0:
        chart.y_axis.scaling.max = float(rules.ceiling)
    last_row = len(rows) + 1
    chart.add_data(Reference(sheet, min_col=sheets.SCORE_COLUMN, min_row=1,
                             max_row=last_row), titles_from_data=True)
    # the units' names are text: a string reference (set_categories would make a number one)
    names = Reference(sheet, min_col=sheets.UNIT_COLUMN, min_row=2, max_row=last_row)
    chart.series[0].cat = AxDataSource(strRef=StrRef(f=str(names)))
    chart.series[0].graphicalProperties.solidFill = CHART_COLOUR["on_time"]
    chart.series[0].graphicalProperties.line.solidFill = CHART_COLOUR["on_time"]
    chart.height = max(7.5, 0.6 * len(rows) + 3)  # cm: a bar and its name a unit
    chart.width = 18
    sheet.add_chart(chart, f"{_letter(len(sheets.SCORE_HEADERS) + 2)}2")


def _put_table(sheet: Any, headers: Sequence[str], rows: Callable[[], Iterable[Sequence[Value]]],
               state_columns: Iterable[int] = (), frozen: str = "A2") -> None:
    """Bold frozen header, the rows, state words filled, columns sized for Chinese text.

    `rows` is read twice, each call afresh: once to size the columns, which a write-only
    sheet must be given before its first row, and once to write them. `state_columns`
    (1-based) hold state words, each cell filled with its state's colour.
    """
    widths, count = _widths(headers, rows())
    extent = f"A1:{_letter(max(len(widths), 1))}{count + 1}"
    # openpyxl writes a sheet's extent (<dimension>, which readers in read-only mode size
    # it by) when the sheet can say it; a write-only one cannot until told
    sheet.calculate_dimension = lambda: extent
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[_letter(column)].width = min(width + WIDTH_PADDING, MAX_WIDTH)
    sheet.freeze_panes = frozen
    bold = Font(bold=True)
    sheet.append([_styled(sheet, _cell(sheet, header), font=bold) for header in headers])
    states = frozenset(state_columns)
    fills = {word: PatternFill("solid", start_color=STATE_FILL[state], end_color=STATE_FILL[state])
             for word, state in STATE_BY_WORD.items()}
    centred = Alignment(horizontal="center")
    for row in rows():
        cells: list[Any] = []
        for column, value in enumerate(row, 1):
            cell = _cell(sheet, value)
            if column in states and isinstance(value, str):
                cell = _styled(sheet, cell, fill=fills[value], alignment=centred)
            cells.append(cell)
        sheet.append(cells)
    sheet.auto_filter.ref = extent  # the office sorts and filters by unit


def _widths(headers: Sequence[str], rows: Iterable[Sequence[Value]]) -> tuple[list[int], int]:
    """Each column's widest line (Chinese counts two), the header's included, and how many
    rows there are. A column is measured only until it reaches the cap, and a text only
    when it could be wider than its column so far (no character is wider than two)."""
    widths = [_display_width(_xlsx_text(h)) for h in headers]
    count = 0
    for row in rows:
        count += 1
        if len(row) > len(widths):
            widths += [0] * (len(row) - len(widths))
        for i, value in enumerate(row):
            if value is None or widths[i] >= MAX_WIDTH - WIDTH_PADDING:
                continue  # as wide as a column gets
            if not isinstance(value, str):  # a number: digits, each one wide
                widths[i] = max(widths[i], len(str(value)))
                continue
            text = _xlsx_text(value)
            if 2 * len(text) > widths[i]:
                widths[i] = max(widths[i], _display_width(text))
    return widths, count


def _cell(sheet: Any, value: Value) -> Any:
    """The value as a write-only sheet takes it: as it is, or a cell of its own where the
    text needs one (kept as text, or wrapped)."""
    if not isinstance(value, str):
        return value
    text = _xlsx_text(value)
    formula = text.startswith(FORMULA_PREFIXES)
    # wider than any column is made (no character is wider than two), or more than one line
    wrapped = "\n" in text or (2 * len(text) > MAX_WIDTH and _display_width(text) > MAX_WIDTH)
    if not (formula or wrapped or text in ERROR_CODES):
        return text
    # openpyxl turns "=..." into a formula and "#N/A" into an error value; ledger text is
    # only ever text. Stored as a string it is never evaluated; quotePrefix keeps Excel
    # from turning it into a formula when someone edits the cell later.
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if formula:
        cell.quotePrefix = True
    if wrapped:
        cell.alignment = _WRAPPED
    return cell


def _styled(sheet: Any, cell: Any, **style: Any) -> Any:
    """`cell` (a value, or a cell `_cell` made) with a font, fill or alignment; a wrapped
    cell keeps its wrapping."""
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(sheet, value=cell)
    elif cell.alignment.wrap_text:
        style.pop("alignment", None)
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _xlsx_text(text: str) -> str:
    """Control characters shown as \\x1b (as tables show them), cut to Excel's cell limit."""
    if len(text) <= EXCEL_CELL_LIMIT and text.isprintable():  # most text: nothing to do
        return text
    text = _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= EXCEL_CELL_LIMIT else text[:EXCEL_CELL_LIMIT - 1] + "…"


def _display_width(value: Value) -> int:
    if value is None:
        return 0
    text = str(value)
    if text.isascii() and text.isprintable():  # one line, every character one wide
        return len(text)
    widest = 0
    for line in text.splitlines():
        width = wcswidth(line)
        if width < 0:  # a character wcwidth cannot place (a control): count what it can
            width = sum(max(wcwidth(ch), 0) for ch in line)
        widest = max(widest, width)
    return widest


def _letter(column: int) -> str:
    return str(get_column_letter(column))

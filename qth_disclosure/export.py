"""The plan as known on a day, written to a file: .xlsx for the office, .csv and .json.

No Typer, no printing, no clock: callers pass the registry, the assessed status and the
ledger rows. Like `compliance.assess`, rows dated after the status's as-of day are dropped
here too, so a file never shows what was not yet known on its day.

The spreadsheet is the office's own document, so its sheet names, headers and words are
always Chinese whatever the interface language. Every file is written to a temporary name
beside the target and renamed over it: a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qth_disclosure.core.compliance import STATES, Status
from qth_disclosure.errors import InputError
from qth_disclosure.i18n import t
from qth_disclosure.ledger import Bulletin, Review, Submission
from qth_disclosure.output.render import FORMULA_PREFIXES, neutralise
from qth_disclosure.registry import DELIVERABLE_KINDS, Registry
from qth_disclosure.views.listings import history_data
from qth_disclosure.views.status import deliverable_data, status_data

SUFFIXES = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}
CSV_COLUMNS = ("kind", "agency", "task", "period", "due", "state", "received_on", "submission")


# ---------------------------------------------------------------- the office's words

# the Chinese catalogue's words, so the workbook and the terminal never disagree
KIND_ZH = {k: t("zh", f"kind.{k}") for k in DELIVERABLE_KINDS}
STATE_ZH = {s: t("zh", f"state.{s}") for s in STATES}
VERDICT_ZH = {v: t("zh", f"verdict.{v}") for v in ("accept", "return")}

GRID_SHEET, DELIVERABLES_SHEET, SUBMISSIONS_SHEET, BULLETINS_SHEET, COUNTS_SHEET = (
    "状态表", "报送事项", "报送记录", "通报", "统计")
GRID_HEADERS = ("单位", "任务")  # then one column per reporting month
DELIVERABLE_HEADERS = ("类别", "单位代码", "单位", "任务", "月份", "截止日期", "状态", "收到日期",
                       "记录编号")
SUBMISSION_HEADERS = ("编号", "类别", "单位", "任务", "月份", "收到日期", "登记时间", "登记人",
                      "修订自", "内容摘要", "链接", "审核结论", "审核意见")
BULLETIN_HEADERS = ("编号", "月份", "截至日期", "登记时间", "登记人", "重发自", "正文")
COUNT_HEADERS = ("月份", *(STATE_ZH[s] for s in STATES))
CHART_STATES = ("on_time", "late", "missing")  # the first three count columns, in order
CHART_TITLE = "各月月报报送情况"

# light fills for state cells; stronger shades of the same hues for the chart's bars
STATE_FILL = {"on_time": "C6EFCE", "late": "FFEB9C", "missing": "FFC7CE", "pending": "EDEDED",
              "returned": "F8CBAD"}
CHART_COLOUR = {"on_time": "63BE7B", "late": "FFC000", "missing": "F8696B"}
STATE_BY_WORD = {word: state for state, word in STATE_ZH.items()}

MAX_WIDTH = 60  # columns wider than this wrap instead: summaries run to 20,000 characters
WIDTH_PADDING = 2
EXCEL_CELL_LIMIT = 32_767  # Excel "repairs" (truncates) a file holding longer text
# characters XML 1.0, hence xlsx, cannot hold; openpyxl refuses them outright
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class _Known:
    """What an export shows: the status and the rows known on its as-of day."""

    registry: Registry
    status: Status
    submissions: list[Submission]
    reviews: list[Review]
    bulletins: list[Bulletin]
    bulletin_numbers: dict[int, int]  # bulletin id -> number, for 重发自


# ---------------------------------------------------------------- entry points


def export_format(path: Path) -> str:
    """The format a path's suffix asks for, and its directory exists; else an InputError."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError("bad_export_suffix", value=str(path), valid=", ".join(SUFFIXES))
    if not path.parent.is_dir():
        raise InputError("export_dir_missing", value=str(path.parent))
    return fmt


def write_export(path: Path, *, registry: Registry, status: Status,
                 submissions: Sequence[Submission], reviews: Sequence[Review],
                 bulletins: Sequence[Bulletin]) -> str:
    """Write the plan as known on `status.as_of` to `path`; returns the format written."""
    fmt = export_format(path)
    day = status.as_of
    known = _Known(
        registry, status,
        [s for s in submissions if s.received_on <= day],
        [r for r in reviews if r.reviewed_on <= day],
        [b for b in bulletins if b.as_of <= day],
        {b.id: b.number for b in bulletins},
    )
    writers: dict[str, Callable[[Path, _Known], None]] = {
        "xlsx": _write_xlsx, "csv": _write_csv, "json": _write_json}
    _write_atomically(path, lambda target: writers[fmt](target, known))
    return fmt


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    import tempfile  # it pulls in random; only a command that writes a file pays for it

    try:
        mode = _mode_for(path)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _write_failed(path, exc) from exc
    temporary = Path(name)
    try:
        write(temporary)
        # on disk before the rename, or a crash could leave an empty file under the name
        fd = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temporary, mode)  # mkstemp makes it 0600; an export is meant to be shared
        os.replace(temporary, path)
    except BaseException as exc:
        with suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise _write_failed(path, exc) from exc
        raise


def _mode_for(path: Path) -> int:
    """An overwritten file keeps its permissions; a new one gets what the umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # the only way to read it is to set it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask


def _write_failed(path: Path, exc: OSError) -> InputError:
    return InputError("export_write_failed", value=str(path), reason=exc.strerror or str(exc))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# ---------------------------------------------------------------- json, csv


def review_data(r: Review) -> dict[str, Any]:
    return {"id": r.id, "submission": r.submission, "verdict": r.verdict, "comment": r.comment,
            "reviewed_on": r.reviewed_on.isoformat(), "recorded_at": r.recorded_at,
            "recorded_by": r.recorded_by}


def bulletin_data(b: Bulletin) -> dict[str, Any]:
    return {"id": b.id, "number": b.number, "month": b.month, "as_of": b.as_of.isoformat(),
            "text": b.text, "reissue_of": b.reissue_of, "recorded_at": b.recorded_at,
            "recorded_by": b.recorded_by}


def _write_json(target: Path, known: _Known) -> None:
    data = {
        "plan": known.status.plan,
        "as_of": known.status.as_of.isoformat(),
        "status": status_data(known.status, known.registry),
        "submissions": history_data(known.submissions),
        "reviews": [review_data(r) for r in known.reviews],
        "bulletins": [bulletin_data(b) for b in known.bulletins],
    }
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_csv(target: Path, known: _Known) -> None:
    # utf-8-sig: without the byte-order mark Excel and WPS read the Chinese as GBK mojibake
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)  # \r\n line ends, as RFC 4180 and Excel itself write
        writer.writerow(CSV_COLUMNS)
        for d in known.status.deliverables:
            row = deliverable_data(d) | {"received_on": _iso(d.received_on)}
            writer.writerow(["" if row[c] is None else neutralise(str(row[c]))
                             for c in CSV_COLUMNS])


# ---------------------------------------------------------------- xlsx

Value = str | int | None


def _write_xlsx(target: Path, known: _Known) -> None:
    # openpyxl takes a noticeable share of start-up time; only an .xlsx export pays for it
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    grid = book.active
    grid.title = GRID_SHEET
    months = known.registry.monthly.months
    first_month = len(GRID_HEADERS) + 1
    _put_table(grid, [*GRID_HEADERS, *months], _grid_rows(known, months),
               state_columns=range(first_month, first_month + len(months)))
    grid.freeze_panes = "C2"  # the header row and the unit and task columns stay in view
    _put_table(book.create_sheet(DELIVERABLES_SHEET), DELIVERABLE_HEADERS,
               _deliverable_rows(known),
               state_columns=[DELIVERABLE_HEADERS.index("状态") + 1])
    _put_table(book.create_sheet(SUBMISSIONS_SHEET), SUBMISSION_HEADERS,
               _submission_rows(known))
    _put_table(book.create_sheet(BULLETINS_SHEET), BULLETIN_HEADERS, _bulletin_rows(known))
    _put_counts_chart(book.create_sheet(COUNTS_SHEET), known.status, months)
    book.save(target)


def _grid_rows(known: _Known, months: list[str]) -> list[list[Value]]:
    """One row per (unit, monthly task) in the plan's order, a state word per month."""
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for d in known.status.deliverables:
        item = d.deliverable
        if item.kind == "monthly":
            cells.setdefault((item.agency, item.task or ""), {})[item.period or ""] = d.state
    return [
        [known.registry.agency(code).name, task,
         *(STATE_ZH[by_month[m]] if m in by_month else None for m in months)]
        for (code, task), by_month in cells.items()
    ]


def _deliverable_rows(known: _Known) -> list[list[Value]]:
    return [
        [KIND_ZH[d.deliverable.kind], d.deliverable.agency,
         known.registry.agency(d.deliverable.agency).name, d.deliverable.task,
         d.deliverable.period, d.deliverable.due.isoformat(), STATE_ZH[d.state],
         _iso(d.received_on), d.record]
        for d in known.status.deliverables
    ]


def _submission_rows(known: _Known) -> list[list[Value]]:
    latest: dict[int, Review] = {}
    for r in known.reviews:  # the latest by effective day, as compliance decides it
        seen = latest.get(r.submission)
        if seen is None or (r.reviewed_on, r.id) > (seen.reviewed_on, seen.id):
            latest[r.submission] = r
    rows: list[list[Value]] = []
    for s in known.submissions:
        review = latest.get(s.id)
        rows.append([
            s.id, KIND_ZH[s.kind], known.registry.agency(s.agency).name, s.task, s.period,
            s.received_on.isoformat(), s.recorded_at, s.recorded_by, s.revision_of, s.summary,
            "\n".join(s.links),
            f"{VERDICT_ZH[review.verdict]} {review.reviewed_on.isoformat()}" if review else None,
            review.comment if review else None,
        ])
    return rows


def _bulletin_rows(known: _Known) -> list[list[Value]]:
    # 编号 is the bulletin's number, so 重发自 names the reissued one by number too, not by
    # its ledger row id, which the sheet never shows
    return [
        [b.number, b.month, b.as_of.isoformat(), b.recorded_at, b.recorded_by,
         known.bulletin_numbers.get(b.reissue_of) if b.reissue_of else None, b.text]
        for b in known.bulletins
    ]


def _put_counts_chart(sheet: Any, status: Status, months: list[str]) -> None:
    """A small table of monthly-report states per month, and a bar chart drawn from it."""
    from openpyxl.chart import BarChart, Reference  # type: ignore[import-untyped]

    counts = {m: dict.fromkeys(STATES, 0) for m in months}
    for d in status.deliverables:
        if d.deliverable.kind == "monthly" and d.deliverable.period in counts:
            counts[d.deliverable.period][d.state] += 1
    _put_table(sheet, COUNT_HEADERS, [[m, *(counts[m][s] for s in STATES)] for m in months])

    chart = BarChart()
    chart.type = "col"
    chart.title = CHART_TITLE
    chart.x_axis.title = "月份"
    chart.y_axis.title = "月报数"
    # openpyxl 3.1 marks both axes deleted by default: Excel would draw bars without scales
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    last_row = len(months) + 1
    chart.add_data(Reference(sheet, min_col=2, max_col=1 + len(CHART_STATES), min_row=1,
                             max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last_row))
    for series, state in zip(chart.series, CHART_STATES, strict=True):
        series.graphicalProperties.solidFill = CHART_COLOUR[state]
        series.graphicalProperties.line.solidFill = CHART_COLOUR[state]
    sheet.add_chart(chart, f"{_letter(len(COUNT_HEADERS) + 2)}2")


def _put_table(sheet: Any, headers: Sequence[str], rows: list[list[Value]],
               state_columns: Sequence[int] = ()) -> None:
    """Bold frozen header, the rows, state words filled, columns sized for Chinese text.

    `state_columns` (1-based) hold state words, each cell filled with its state's colour.
    """
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]

    bold = Font(bold=True)
    for column, header in enumerate(headers, 1):
        _put(sheet, 1, column, header).font = bold
    fills = {word: PatternFill("solid", start_color=STATE_FILL[state], end_color=STATE_FILL[state])
             for word, state in STATE_BY_WORD.items()}
    for row_number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            cell = _put(sheet, row_number, column, value)
            if column in state_columns and isinstance(value, str):
                cell.fill = fills[value]
                cell.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions  # the office sorts and filters by unit
    _size_columns(sheet, Alignment(wrap_text=True, vertical="top"))


def _put(sheet: Any, row: int, column: int, value: Value) -> Any:
    cell = sheet.cell(row=row, column=column)
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = _xlsx_text(value)
    cell.value = text
    # openpyxl turns "=..." into a formula and "#N/A" into an error value; ledger text is
    # only ever text. Stored as a string it is never evaluated; quotePrefix keeps Excel
    # from turning it into a formula when someone edits the cell later.
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def _xlsx_text(text: str) -> str:
    """Control characters shown as \\x1b (as tables show them), cut to Excel's cell limit."""
    text = _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= EXCEL_CELL_LIMIT else text[:EXCEL_CELL_LIMIT - 1] + "…"


def _size_columns(sheet: Any, wrapped: Any) -> None:
    """Each column as wide as its widest line (Chinese counts two), capped; longer wraps."""
    for column in sheet.iter_cols():
        widths = [_display_width(c.value) for c in column]
        width = min(max(widths, default=0) + WIDTH_PADDING, MAX_WIDTH)
        sheet.column_dimensions[_letter(column[0].column)].width = width
        for cell, cell_width in zip(column, widths, strict=True):
            if cell_width > width or (isinstance(cell.value, str) and "\n" in cell.value):
                cell.alignment = wrapped


def _display_width(value: Value) -> int:
    from wcwidth import wcswidth, wcwidth

    if value is None:
        return 0
    widest = 0
    for line in str(value).splitlines():
        width = wcswidth(line)
        if width < 0:  # a character wcwidth cannot place (a control): count what it can
            width = sum(max(wcwidth(ch), 0) for ch in line)
        widest = max(widest, width)
    return widest


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(column))

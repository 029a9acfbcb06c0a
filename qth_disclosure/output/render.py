"""One renderer for every command: one format vocabulary, a small document model drawn
four ways, and `emit`, the one function through which every command prints its result.

Views describe what to show as blocks (Heading, Line, Table, Verbatim) for people and as
plain data for machines; this module draws the blocks with Rich on a colour terminal, as
plain aligned text in a pipe or under NO_COLOR, or as Markdown (tabulate), and dumps the
data as JSON or CSV. Plain output is never cut to a terminal width: cron mails it whole.

Whatever the stored text holds, no output carries a control sequence (qth_disclosure.escapes)
or fails on the stream's encoding (output/encoding.py): both are settled here, once, for
every command.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice
from typing import Any, NamedTuple, TextIO

from qth_disclosure.escapes import UNSAFE_IN_JSON, document, inline
from qth_disclosure.output.encoding import encodes, fitter, takes_any


class Format(str, Enum):
    """What every command that prints data accepts as --format."""

    table = "table"  # colour on a terminal, plain aligned text in a pipe
    text = "text"  # the same as table: the word `report`, `bulletin` and `stats` took first
    json = "json"
    csv = "csv"
    markdown = "markdown"

    @property
    def for_people(self) -> bool:
        return self not in (Format.json, Format.csv)


# A cell starting with one of these is run as a formula by Excel and WPS (OWASP "CSV
# injection"); tab and carriage return are on OWASP's list because some importers strip
# them and then meet the formula behind.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, prefixed with ' so it is read as text.

    For CSV, which has no cell types; the ' stays visible, the price OWASP recommends paying.
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def clean(text: str) -> str:
    """A cell's text: a stored summary can neither steer the terminal nor break the row
    (qth_disclosure.escapes says what is escaped and how)."""
    return inline(text)


class Cell(NamedTuple):
    """Text with a style name (ok, warn, bad, muted, accent) that only colour output uses."""

    text: str
    style: str | None = None


CellValue = str | Cell


class Heading(NamedTuple):
    text: str


class Line(NamedTuple):
    parts: tuple[CellValue, ...]

    @classmethod
    def of(cls, *parts: CellValue) -> Line:
        return cls(tuple(parts))


@dataclass
class Table:
    headers: list[str]
    rows: list[list[CellValue]] = field(default_factory=list)
    # per column: "left", "right", "center" or "mark" (status marks of one and of two
    # cells, such as ✓ and 迟, in one centred slot so they line up)
    align: list[str] | None = None
    # per column, the name of the group it belongs to ("" for none): the official forms'
    # two-level header, drawn above the column headers
    groups: list[str] | None = None
    # per column, the header above its group ("" for none): the 2021 form's 申请人情况 over
    # 自然人, 法人或其他组织 and 总计, drawn above the groups; a band spans contiguous columns
    bands: list[str] | None = None
    # what a terminal too narrow for the table gets: "records" (one block per row) or
    # "split" (parts of the columns, each repeating the first `keep`)
    narrow: str = "records"
    keep: int = 1


class Verbatim(NamedTuple):
    """A document already laid out (a bulletin's text), written exactly as it is."""

    text: str


class BarRow(NamedTuple):
    cells: tuple[str, ...]
    value: float
    style: str | None = None  # the bar's, on a colour terminal


@dataclass
class Bars:
    """A horizontal bar chart (output/bars.py): each row's cells in aligned columns, then
    its bar, `value` out of `scale` (`scale_text` at the bar's end), as long as the line
    allows on a terminal and of a fixed length in a pipe; in Markdown, a code block."""

    headers: list[str]
    rows: list[BarRow]
    scale: float
    scale_text: str
    align: list[str] | None = None  # per cell column: "left" or "right"


Block = Heading | Line | Table | Verbatim | Bars

_STYLES = {"ok": "green", "warn": "yellow", "bad": "bold red", "muted": "dim",
           "accent": "bold cyan", "info": "blue"}


def _text(value: CellValue) -> str:
    return clean(value.text if isinstance(value, Cell) else value)


def wants_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never under NO_COLOR or TERM=dumb."""
    if os.environ.get("NO_COLOR") is not None or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# ---------------------------------------------------------------- people


Rows = Sequence[dict[str, Any]]


def emit(
    fmt: Format,
    data: Any,
    blocks: Callable[[], Iterable[Block]],
    rows: Rows | Callable[[], Rows] | None = None,
    columns: Sequence[str] | None = None,
    stream: TextIO | None = None,
) -> None:
    """Write a command's result in the chosen format: `data` as JSON, `rows` (default:
    `data`) as CSV with `columns` (default: the first row's keys), `blocks` for people.

    `data` and `rows` may be callables, and `blocks` is one: a large result is only turned
    into the form that is asked for.
    """
    if fmt is Format.json:
        dump_json(data() if callable(data) else data, stream)
    elif fmt is Format.csv:
        chosen = rows if rows is not None else data
        dump_csv(chosen() if callable(chosen) else chosen, stream, columns)
    else:
        render_document(blocks(), "markdown" if fmt is Format.markdown else "table", stream)


def render_document(blocks: Iterable[Block], fmt: str, stream: TextIO | None = None) -> None:
    """Draw blocks as `table` (colour or plain, decided by the stream) or `markdown`.

    Text is written as it is laid out, and each block is let go once drawn: given the
    blocks one at a time (a generator), a province's report holds one table, not all
    of them, and never its whole text."""
    out = stream or sys.stdout
    fit = fitter(out)
    if fmt == "markdown":
        out.writelines(_markdown(blocks, fit))
    elif wants_colour(out):
        _rich(blocks, out, fit)
    else:
        out.writelines(_plain(blocks, fit))


# lines of a long table written to the stream together, not one write a line
_LINES_A_WRITE = 512


def _simple(headers: list[str], columns: list[list[str]], align: list[str] | None,
            groups: list[str] | None = None, bands: list[str] | None = None
            ) -> Iterator[str]:
    from qth_disclosure.output.plaintable import column_lines  # only output with a table

    lines = column_lines(headers, columns, align, groups, bands)
    batch = list(islice(lines, _LINES_A_WRITE))
    yield "\n".join(batch)
    while batch := list(islice(lines, _LINES_A_WRITE)):
        yield "\n"
        yield "\n".join(batch)


def _plain(blocks: Iterable[Block], fit: Callable[[str], str]) -> Iterator[str]:
    return _laid_out(blocks, _simple, fit, joiner="\n",
                     heading=lambda text, first: text if first else "\n" + text)


def _markdown(blocks: Iterable[Block], fit: Callable[[str], str]) -> Iterator[str]:
    from tabulate import tabulate

    from qth_disclosure.output.plaintable import spans

    def github(headers: list[str], columns: list[list[str]], align: list[str] | None,
               groups: list[str] | None, bands: list[str] | None) -> Iterator[str]:
        rows = [list(cells) for cells in zip(*columns, strict=True)]
        # Markdown has no spanning header: first rows name each band, then each group, in
        # the first column it spans
        above = [(names, outer) for names, outer in ((bands, None), (groups, bands))
                 if names and any(names)]
        named = []
        for names, outer in above:
            starts = {span[0] for span in spans(names, outer)}
            named.append([name if i in starts else "" for i, name in enumerate(names)])
        rows = [*named, *rows]
        colalign = [("center" if a == "mark" else a) for a in align] if align else None
        yield tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True,
                       colalign=colalign)

    return _laid_out(blocks, github, fit, markup=lambda text: text.replace("|", "\\|"),
                     joiner="\n\n", heading=lambda text, first: f"## {text}")


def _laid_out(
    blocks: Iterable[Block],
    draw: Callable[[list[str], list[list[str]], Any, Any, Any], Iterable[str]],
    fit: Callable[[str], str], *, joiner: str, heading: Callable[[str, bool], str],
    markup: Callable[[str], str] = lambda text: text,
) -> Iterator[str]:
    """Text output, in pieces to write in order: headings and lines as they are, tables
    drawn by `draw` (given each table's cells column by column, giving the table's text
    in pieces); each cell is cleaned, fitted to the stream and escaped for the `markup`
    before `draw` measures it; blocks `joiner` apart, a newline at the end."""

    # a province's status repeats the same few cells (states, units, days) a million
    # times: each distinct one is cleaned, fitted and marked up once
    done: dict[CellValue, str] = {}

    def cell(value: CellValue) -> str:
        text = done.get(value)
        if text is None:
            text = done[value] = markup(fit(_text(value)))
        return text

    def column(values: Sequence[CellValue]) -> list[str]:
        for value in set(values).difference(done):
            done[value] = markup(fit(_text(value)))
        return list(map(done.__getitem__, values))

    first = True
    for block in blocks:
        if not first:
            yield joiner
        if isinstance(block, Verbatim):
            yield _document(block, fit)
        elif isinstance(block, Bars):
            chart = _bar_text(block, fit)
            yield chart if joiner == "\n" else f"```\n{chart}\n```"
        elif isinstance(block, Heading):
            yield heading(cell(block.text), first)
        elif isinstance(block, Line):
            yield "".join(cell(p) for p in block.parts)
        else:
            # column by column: a cell's text is looked up, not made, for most of them
            columns = list(map(column, zip(*block.rows, strict=True))) if block.rows \
                else [[] for _ in block.headers]
            groups = [cell(g) for g in block.groups] if block.groups else None
            bands = [cell(b) for b in block.bands] if block.bands else None
            headers = [cell(h) for h in block.headers]
            align = block.align
            del block  # the table's cells are not kept while it is written
            yield from draw(headers, columns, align, groups, bands)
            del columns
        first = False
    yield "\n"


def _bar_lines(block: Bars, piece: Callable[[CellValue, str], tuple[str, str]],
               room: int | None) -> list[list[tuple[str, str]]]:
    from qth_disclosure.output.bars import bar_lines

    align = block.align or ["left"] * len(block.headers)
    rows = [([piece(c, "") for c in row.cells], row.value,
             _STYLES.get(row.style or "", "")) for row in block.rows]
    return bar_lines([piece(h, "bold") for h in block.headers], rows, align, block.scale,
                     block.scale_text, room, _STYLES["muted"])


def _bar_text(block: Bars, fit: Callable[[str], str]) -> str:
    """The chart as plain lines (a pipe, Markdown's code block): no styles."""
    lines = _bar_lines(block, lambda value, style: (fit(_text(value)), style), None)
    return "\n".join("".join(text for text, _ in line) for line in lines)


def _document(block: Verbatim, fit: Callable[[str], str]) -> str:
    """A document's text without its last newline; composed from stored text, it is escaped
    again here so that even a bulletin issued before escaping existed cannot steer a
    terminal."""
    return fit(document(block.text.removesuffix("\n")))


# The narrowest a colour terminal is taken to be: lines wrapped at a width of 1 to 3 are
# unreadable; a real terminal that narrow wraps the longer lines itself.
_NARROWEST = 20


def _rich(blocks: Iterable[Block], out: TextIO, fit: Callable[[str], str]) -> None:
    """Blocks laid out for the terminal's width (output/terminal.py), in colour: Rich says
    how wide the terminal is and what its colours are; each style's escape codes are
    made once, and the lines written as they are."""
    from rich.console import Console

    from qth_disclosure.output.terminal import Piece, table_lines, text_lines

    console = Console(file=out, highlight=False)
    room = max(console.width, _NARROWEST)
    paint = _painter(console)

    def piece(value: CellValue, style: str = "") -> Piece:
        if isinstance(value, Cell):
            return fit(clean(value.text)), _STYLES.get(value.style or "", "")
        return fit(clean(value)), style

    for block in blocks:
        if isinstance(block, Verbatim):
            out.write(_document(block, fit) + "\n")
            continue
        if isinstance(block, Bars):
            lines = _bar_lines(block, piece, room)
        elif isinstance(block, Heading):
            out.write("\n")
            lines = text_lines([piece(block.text, "bold")], room)
        elif isinstance(block, Line):
            lines = text_lines([piece(p) for p in block.parts], room)
        else:
            lines = table_lines([piece(h, "bold") for h in block.headers],
                                [piece(g, "bold") for g in block.groups] if block.groups
                                else None,
                                [[piece(c) for c in row] for row in block.rows],
                                block.align, block.narrow, block.keep, room,
                                [piece(b, "bold") for b in block.bands] if block.bands
                                else None)
        out.write("".join("".join(paint(text, style) for text, style in line) + "\n"
                          for line in lines))


def _painter(console: Any) -> Callable[[str, str], str]:
    """`paint(text, style)`: the text between its style's escape codes, made once a style."""
    from rich.style import Style

    made: dict[str, tuple[str, str]] = {}

    def paint(text: str, style: str) -> str:
        if not style or not text:
            return text
        if style not in made:
            with console.capture() as captured:
                console.print("\x00", style=Style.parse(style), end="", highlight=False,
                              soft_wrap=True)
            before, _, after = captured.get().partition("\x00")
            made[style] = (before, after)
        before, after = made[style]
        return before + text + after

    return paint


# ---------------------------------------------------------------- machines


def dump_json(data: Any, stream: TextIO | None = None) -> None:
    """`data` as JSON; readable Chinese where the stream can encode it, else all \\u escapes.

    DEL, the C1 controls, bidi and zero-width characters, separators and lone surrogates
    are written as \\u escapes too (json.dumps escapes only C0): the value a program reads
    is the same, and a terminal showing the JSON is not steered by it.
    """
    from qth_disclosure.output.jsonstream import chunks

    out = stream or sys.stdout
    pieces = chunks(data)
    if takes_any(out):
        # written as it is made (a `Streamed` list is never whole in memory)
        for piece in pieces:
            out.write(_json_safe(piece))
        out.write("\n")
        return
    # whether all of it is readable is known only at the end: the text is held (not the
    # data) and, if the stream lacks a character, escaped as ensure_ascii would: every
    # character beyond ASCII appears only inside strings, as the same \u escapes
    text = "".join(pieces)
    if not encodes(out, text):
        text = _BEYOND_ASCII.sub(_json_escape, text)
    out.write(_json_safe(text) + "\n")


_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def _json_safe(text: str) -> str:
    # of ASCII only DEL is escaped: the scan of the regex (0.75 s over a province's 60 MB)
    # is skipped for text that is all ASCII, as codes, ids and dates are
    if text.isascii() and "\x7f" not in text:
        return text
    return UNSAFE_IN_JSON.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    # a JSON escape is four hex digits of UTF-16: a character beyond U+FFFF takes two
    units = match.group().encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def dump_csv(rows: Sequence[dict[str, Any]], stream: TextIO | None = None,
             columns: Sequence[str] | None = None) -> None:
    """Rows of flat dicts; lists become ';'-joined text, None an empty cell."""
    import csv  # only --format csv writes it

    out = stream or sys.stdout
    names = list(columns or (rows[0].keys() if rows else []))
    fit = fitter(out)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([fit(name) for name in names])
    for row in rows:
        writer.writerow([fit(_csv_value(row.get(name))) for name in names])


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return neutralise(";".join(clean(str(v)) for v in value))
    return neutralise(clean(str(value)))

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

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple, TextIO

from qth_disclosure.escapes import UNSAFE_IN_JSON, document, inline
from qth_disclosure.output.encoding import encodes, fitter


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
    # what a terminal too narrow for the table gets: "records" (one block per row) or
    # "split" (parts of the columns, each repeating the first `keep`)
    narrow: str = "records"
    keep: int = 1


class Verbatim(NamedTuple):
    """A document already laid out (a bulletin's text), written exactly as it is."""

    text: str


Block = Heading | Line | Table | Verbatim

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
    blocks: Callable[[], Sequence[Block]],
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


def render_document(blocks: Sequence[Block], fmt: str, stream: TextIO | None = None) -> None:
    """Draw blocks as `table` (colour or plain, decided by the stream) or `markdown`."""
    out = stream or sys.stdout
    fit = fitter(out)
    if fmt == "markdown":
        out.write(_markdown(blocks, fit))
    elif wants_colour(out):
        _rich(blocks, out, fit)
    else:
        out.write(_plain(blocks, fit))


def _simple(headers: list[str], rows: list[list[str]], align: list[str] | None,
            groups: list[str] | None = None) -> str:
    from qth_disclosure.output.plaintable import simple_table  # only output with a table

    return simple_table(headers, rows, align, groups)


def _plain(blocks: Sequence[Block], fit: Callable[[str], str]) -> str:
    return _laid_out(blocks, _simple, fit, joiner="\n",
                     heading=lambda text, first: text if first else "\n" + text)


def _markdown(blocks: Sequence[Block], fit: Callable[[str], str]) -> str:
    from tabulate import tabulate

    def github(headers: list[str], rows: list[list[str]], align: list[str] | None,
               groups: list[str] | None) -> str:
        if groups and any(groups):  # Markdown has no spanning header: a first row names
            rows = [[name if name and (i == 0 or groups[i - 1] != name) else ""
                     for i, name in enumerate(groups)], *rows]
        colalign = [("center" if a == "mark" else a) for a in align] if align else None
        return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True,
                        colalign=colalign)

    return _laid_out(blocks, github, fit, markup=lambda text: text.replace("|", "\\|"),
                     joiner="\n\n", heading=lambda text, first: f"## {text}")


def _laid_out(
    blocks: Sequence[Block], draw: Callable[[list[str], list[list[str]], Any, Any], str],
    fit: Callable[[str], str], *, joiner: str, heading: Callable[[str, bool], str],
    markup: Callable[[str], str] = lambda text: text,
) -> str:
    """Text output: headings and lines as they are, tables drawn by `draw`; each cell is
    cleaned, fitted to the stream and escaped for the `markup` before `draw` measures it."""

    def cell(value: CellValue) -> str:
        return markup(fit(_text(value)))

    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Verbatim):
            chunks.append(_document(block, fit))
        elif isinstance(block, Heading):
            chunks.append(heading(cell(block.text), not chunks))
        elif isinstance(block, Line):
            chunks.append("".join(cell(p) for p in block.parts))
        else:
            rows = [[cell(c) for c in row] for row in block.rows]
            groups = [cell(g) for g in block.groups] if block.groups else None
            chunks.append(draw([cell(h) for h in block.headers], rows, block.align, groups))
    return joiner.join(chunks) + "\n"


def _document(block: Verbatim, fit: Callable[[str], str]) -> str:
    """A document's text without its last newline; composed from stored text, it is escaped
    again here so that even a bulletin issued before escaping existed cannot steer a
    terminal."""
    return fit(document(block.text.removesuffix("\n")))


# The narrowest a colour terminal is taken to be: lines wrapped at a width of 1 to 3 are
# unreadable; a real terminal that narrow wraps the longer lines itself.
_NARROWEST = 20
# Between two columns: two spaces, as in plain output.
_GAP = 2
# A table whose rows would fold to more lines than this on average reads better as one
# block per record (the history of submissions at 80 columns).
_TALLEST = 4
# Between the fields of a record laid out as a block
_RECORD_GAP = 3


def _rich(blocks: Sequence[Block], out: TextIO, fit: Callable[[str], str]) -> None:
    # Rich costs start-up time; only a colour terminal pays for it.
    from rich.console import Console
    from rich.text import Text

    def styled(value: CellValue) -> Text:
        # Text() never parses markup, so "[...]" in a summary stays literal
        if isinstance(value, Cell):
            return Text(fit(clean(value.text)), style=_STYLES.get(value.style or "", ""))
        return Text(fit(clean(value)))

    console = Console(file=out, highlight=False, soft_wrap=True)
    console.width = room = max(console.width, _NARROWEST)
    for block in blocks:
        if isinstance(block, Verbatim):
            out.write(_document(block, fit) + "\n")
        elif isinstance(block, Heading):
            console.print()
            _print_wrapped(console, Text(fit(clean(block.text)), style="bold"), room)
        elif isinstance(block, Line):
            _print_wrapped(console, Text.assemble(*(styled(p) for p in block.parts)), room)
        else:
            headers = [Text(fit(clean(h)), style="bold") for h in block.headers]
            groups = ([Text(fit(clean(g)), style="bold") for g in block.groups]
                      if block.groups else None)
            rows = [[styled(c) for c in row] for row in block.rows]
            for line in _table_lines(headers, groups, rows, block, room):
                console.print(line, no_wrap=True, overflow="ignore", crop=False)


def _print_wrapped(console: Any, text: Any, room: int) -> None:
    """A heading or a line, broken only where output/layout.py allows."""
    from qth_disclosure.output.layout import wrap

    for start, end in wrap(text.plain, room):
        console.print(text[start:end], no_wrap=True, overflow="ignore", crop=False)


def _table_lines(headers: list[Any], groups: list[Any] | None, rows: list[list[Any]],
                 block: Table, room: int) -> list[Any]:
    """A table's lines of styled text at most `room` columns wide: whole when it fits,
    folded between atoms when that fits, else split into parts (`narrow="split"`) or shown
    as one block per record."""
    from qth_disclosure.output import layout

    count = len(headers)
    natural = [max([layout.natural_width(headers[i].plain)] + [layout.natural_width(r[i].plain)
                                                      for r in rows]) for i in range(count)]
    narrowest = [max([layout.longest_atom(headers[i].plain)]
                     + [layout.longest_atom(r[i].plain) for r in rows]) for i in range(count)]
    aligns = block.align or ["left"] * count
    group_names = [g.plain for g in groups] if groups else None
    gaps = _GAP * (count - 1)
    widths = layout.column_widths(natural, narrowest, room - gaps)
    if widths is not None and (block.narrow == "split" or widths == natural
                               or _mean_height(rows, widths) <= _TALLEST):
        return _grid(headers, groups, rows, widths, aligns, list(range(count)))
    if block.narrow == "split":
        # the columns every part repeats take at most two fifths of the line, so that each
        # part shows as many of the others as it can
        capped = [min(n, max(a, room * 2 // 5)) if k < block.keep else min(n, room)
                  for k, (n, a) in enumerate(zip(natural, narrowest, strict=True))]
        lines: list[Any] = []
        for part in layout.parts(capped, block.keep, room, _GAP, group_names):
            sub = [capped[k] for k in part]
            fitted = layout.column_widths(
                sub, [min(narrowest[k], room) for k in part], room - _GAP * (len(part) - 1))
            part_widths = [0] * count
            for k, w in zip(part, fitted or [min(s, room) for s in sub], strict=True):
                part_widths[k] = w
            if lines:
                lines.append(_blank())
            lines += _grid(headers, groups, rows, part_widths, aligns, part)
        return lines
    return _records(headers, groups, rows, room)


def _rstripped(text: Any) -> Any:
    text.rstrip()  # Rich strips in place
    return text


def _blank() -> Any:
    from rich.text import Text

    return Text("")


def _mean_height(rows: list[list[Any]], widths: list[int]) -> float:
    from qth_disclosure.output.layout import wrapped

    if not rows:
        return 1.0
    return sum(max(len(wrapped(cell.plain, w)) for cell, w in zip(row, widths, strict=True))
               for row in rows) / len(rows)


def _split_text(text: Any, limit: int) -> list[Any]:
    """A styled cell as its lines, at most `limit` columns each."""
    from qth_disclosure.output.layout import wrap

    lines: list[Any] = []
    offset = 0
    for raw in text.plain.split("\n"):
        for start, end in wrap(raw, limit):
            lines.append(text[offset + start:offset + end])
        offset += len(raw) + 1
    return lines


def _aligned(text: Any, limit: int, align: str, slot: int) -> Any:
    from rich.text import Text

    from qth_disclosure.output.plaintable import width

    used = width(text.plain)
    if align == "mark":  # marks of one and two cells share one slot, centred
        lead = (limit - slot) // 2
        return Text.assemble(" " * lead, text, " " * max(limit - lead - used, 0))
    extra = max(limit - used, 0)
    if align == "right":
        return Text.assemble(" " * extra, text)
    if align == "center":
        return Text.assemble(" " * (extra // 2), text, " " * (extra - extra // 2))
    return Text.assemble(text, " " * extra)


def _grid(headers: list[Any], groups: list[Any] | None, rows: list[list[Any]],
          widths: list[int], aligns: list[str], shown: list[int]) -> list[Any]:
    from rich.text import Text

    from qth_disclosure.output.plaintable import width

    sep = " " * _GAP
    slots = {k: max([width(r[k].plain) for r in rows] or [0]) for k in shown
             if aligns[k] == "mark"}

    def lines_of(cells: dict[int, list[Any]], header: bool) -> list[Any]:
        height = max(len(v) for v in cells.values())
        out = []
        for n in range(height):
            pieces = []
            for k in shown:
                piece = cells[k][n] if n < len(cells[k]) else Text("")
                align = aligns[k]
                if header and align == "mark":
                    align = "center"
                pieces.append(_aligned(piece, widths[k], align, slots.get(k, 0)))
            out.append(_rstripped(Text(sep).join(pieces)))
        return out

    out: list[Any] = []
    if groups and any(groups[k].plain for k in shown):
        out += _group_lines(groups, widths, shown)
    out += lines_of({k: _split_text(headers[k], widths[k]) for k in shown}, True)
    out.append(Text("─" * (sum(widths[k] for k in shown) + _GAP * (len(shown) - 1)),
                    style="dim"))
    for row in rows:
        out += lines_of({k: _split_text(row[k], widths[k]) for k in shown}, False)
    return out


def _group_lines(groups: list[Any], widths: list[int], shown: list[int]) -> list[Any]:
    """The form's upper header: each group's name centred over the columns it spans, with
    a rule under it as wide as the span."""
    from rich.text import Text

    spans: list[tuple[Any, int]] = []
    for k in shown:
        if spans and groups[k].plain and groups[k].plain == spans[-1][0].plain:
            spans[-1] = (spans[-1][0], spans[-1][1] + widths[k] + _GAP)
        else:
            spans.append((groups[k], widths[k]))
    label_lines = [_split_text(g, w) if g.plain else [] for g, w in spans]
    height = max(len(x) for x in label_lines)
    out = []
    for n in range(height):
        pieces = [_aligned(lines[n] if n < len(lines) else Text(""), w, "center", 0)
                  for lines, (_, w) in zip(label_lines, spans, strict=True)]
        out.append(_rstripped(Text(" " * _GAP).join(pieces)))
    out.append(_rstripped(Text(" " * _GAP).join(
        Text("┄" * w if g.plain else " " * w, style="dim") for g, w in spans)))
    return out


def _records(headers: list[Any], groups: list[Any] | None, rows: list[list[Any]],
             room: int) -> list[Any]:
    """One block per row: each column's header and value, as many side by side as the line
    holds, a long value on lines of its own; a row whose first cell is empty (a review
    under its submission) is indented under the record before it."""
    from rich.text import Text

    from qth_disclosure.output.plaintable import width

    labels = [Text.assemble(groups[k], " ", h) if groups and groups[k].plain else h
              for k, h in enumerate(headers)]
    for label in labels:
        label.stylize("dim")
    out: list[Any] = []
    for row in rows:
        inner = not row[0].plain
        indent = " " * (4 if inner else 0)
        if out and not inner:
            out.append(Text(""))
        line: Any = None
        limit = room - len(indent)
        for label, cell in zip(labels, row, strict=True):
            if not cell.plain:
                continue
            item = Text.assemble(label, " ", cell)
            if "\n" not in cell.plain and width(item.plain) <= limit:
                wider = width(item.plain) + _RECORD_GAP
                if line is not None and width(line.plain) + wider <= limit:
                    line.append(" " * _RECORD_GAP)
                    line.append(item)
                    continue
                if line is not None:
                    out.append(line)
                line = Text.assemble(indent, item)
                continue
            if line is not None:
                out.append(line)
                line = None
            hang = min(width(label.plain) + 1, limit // 3)
            pieces = _split_text(cell, max(limit - hang, 2))
            first = _split_text(label, hang - 1) if width(label.plain) + 1 <= hang else [label]
            for n in range(max(len(first), len(pieces))):
                left = first[n] if n < len(first) else Text("")
                right = pieces[n] if n < len(pieces) else Text("")
                out.append(_rstripped(Text.assemble(indent, _aligned(left, hang, "left", 0),
                                                    right)))
        if line is not None:
            out.append(line)
    return out


# ---------------------------------------------------------------- machines


def dump_json(data: Any, stream: TextIO | None = None) -> None:
    """`data` as JSON; readable Chinese where the stream can encode it, else all \\u escapes.

    DEL, the C1 controls, bidi and zero-width characters, separators and lone surrogates
    are written as \\u escapes too (json.dumps escapes only C0): the value a program reads
    is the same, and a terminal showing the JSON is not steered by it.
    """
    out = stream or sys.stdout
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if not encodes(out, text):
        text = json.dumps(data, ensure_ascii=True, indent=2)
    out.write(UNSAFE_IN_JSON.sub(_json_escape, text) + "\n")


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

"""One renderer for every command: one format vocabulary, a small document model drawn
four ways, and `emit`, the one function through which every command prints its result.

Views describe what to show as blocks (Heading, Line, Table, Verbatim) for people and as
plain data for machines; this module draws the blocks with Rich on a colour terminal, as
plain aligned text in a pipe or under NO_COLOR, or as Markdown (tabulate), and dumps the
data as JSON or CSV. Plain output is never cut to a terminal width: cron mails it whole.
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


# C0/C1 controls (ESC included) would let a stored summary move the cursor or clear the
# screen; show them as visible escapes instead. Tabs and newlines become spaces in cells.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
    text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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
    # per column: "left", "right" or "center"
    align: list[str] | None = None


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
    if fmt == "markdown":
        out.write(_markdown(blocks))
    elif wants_colour(out):
        _rich(blocks, out)
    else:
        out.write(_plain(blocks))


def _plain(blocks: Sequence[Block]) -> str:
    def simple(headers: list[str], rows: list[list[str]], align: list[str] | None) -> str:
        from qth_disclosure.output.plaintable import simple_table  # only output with a table

        return simple_table(headers, rows, align)

    return _laid_out(blocks, simple, lambda text: text, joiner="\n",
                     heading=lambda text, first: text if first else "\n" + text)


def _markdown(blocks: Sequence[Block]) -> str:
    from tabulate import tabulate

    def github(headers: list[str], rows: list[list[str]], align: list[str] | None) -> str:
        return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True,
                        colalign=align)

    return _laid_out(blocks, github, lambda text: text.replace("|", "\\|"), joiner="\n\n",
                     heading=lambda text, first: f"## {text}")


def _laid_out(
    blocks: Sequence[Block], draw: Callable[[list[str], list[list[str]], Any], str],
    escape: Callable[[str], str], *, joiner: str, heading: Callable[[str, bool], str],
) -> str:
    """Text output: headings and lines as they are, tables drawn by `draw`."""

    def cell(value: CellValue) -> str:
        return escape(_text(value))

    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Verbatim):
            chunks.append(block.text.removesuffix("\n"))
        elif isinstance(block, Heading):
            chunks.append(heading(cell(block.text), not chunks))
        elif isinstance(block, Line):
            chunks.append("".join(cell(p) for p in block.parts))
        else:
            rows = [[cell(c) for c in row] for row in block.rows]
            chunks.append(draw([cell(h) for h in block.headers], rows, block.align))
    return joiner.join(chunks) + "\n"


def _rich(blocks: Sequence[Block], out: TextIO) -> None:
    # Rich costs start-up time; only a colour terminal pays for it.
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    def styled(value: CellValue) -> Text:
        # Text() never parses markup, so "[...]" in a summary stays literal
        if isinstance(value, Cell):
            return Text(clean(value.text), style=_STYLES.get(value.style or "", ""))
        return Text(clean(value))

    console = Console(file=out, highlight=False, soft_wrap=False)
    for block in blocks:
        if isinstance(block, Verbatim):
            out.write(block.text)
        elif isinstance(block, Heading):
            console.print()
            console.print(Text(clean(block.text), style="bold"))
        elif isinstance(block, Line):
            console.print(Text.assemble(*(styled(p) for p in block.parts)))
        else:
            table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
            for i, header in enumerate(block.headers):
                justify = (block.align[i] if block.align else "left")
                table.add_column(clean(header), justify=justify,  # type: ignore[arg-type]
                                 overflow="fold")
            for row in block.rows:
                table.add_row(*(styled(c) for c in row))
            console.print(table)


# ---------------------------------------------------------------- machines


def dump_json(data: Any, stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def dump_csv(rows: Sequence[dict[str, Any]], stream: TextIO | None = None,
             columns: Sequence[str] | None = None) -> None:
    """Rows of flat dicts; lists become ';'-joined text, None an empty cell."""
    import csv  # only --format csv writes it

    out = stream or sys.stdout
    names = list(columns or (rows[0].keys() if rows else []))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_value(row.get(name)) for name in names])


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

"""A horizontal bar chart laid out as lines of styled pieces: the ranking (报送排行).

Each row's cells (rank, unit, score, grade) stand in aligned columns as a plain table's do,
and its bar fills the rest of the line: `value / scale` of the bar's room, in eighths of a
cell (█ and ▏…▉). The bar is the last thing on a line, so a terminal that draws block
characters wide cannot push any column out of line. On a terminal the bar's room is what
the line leaves (at most `LONGEST` cells); in a pipe it is `PLAIN` cells, whatever the
terminal, so the same data always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from qth_disclosure.output.plaintable import width

Piece = tuple[str, str]  # text, style ("" for none)
Segments = list[Piece]

GAP = 2  # between two columns, as in plain tables
PLAIN = 40  # a bar's room in a pipe: the chart stays within 80 columns
LONGEST = 100  # a bar's room at most on a wide terminal: a cell a point of 100
SHORTEST = 10  # a bar's room at least, however narrow the terminal
FULL = "█"
EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")


def bar(value: float, scale: float, room: int) -> str:
    """`value` out of `scale` as a bar of at most `room` cells, to an eighth of a cell;
    nothing for a value of 0 or below (or a scale of 0)."""
    if scale <= 0 or value <= 0:
        return ""
    eighths = round(min(value / scale, 1.0) * room * 8)
    return FULL * (eighths // 8) + EIGHTHS[eighths % 8]


def bar_lines(headers: Sequence[Piece], rows: Sequence[tuple[Sequence[Piece], float, str]],
              align: Sequence[str], scale: float, scale_text: str,
              room: int | None, scale_style: str = "") -> list[Segments]:
    """The chart's lines: a header line (the cells' headers, then 0 and `scale_text` at the
    bar's two ends), then one line per row (cells, bar in the row's style). `room` is the
    line's width on a terminal, None in a pipe."""
    count = len(headers)
    widths = [max([width(headers[i][0])] + [width(cells[i][0]) for cells, _, _ in rows])
              for i in range(count)]
    cells_width = sum(widths) + GAP * count
    bar_room = PLAIN if room is None else max(SHORTEST, min(LONGEST, room - cells_width))
    bar_room = max(bar_room, width(scale_text) + 2)

    def cells_of(pieces: Sequence[Piece]) -> Segments:
        out: Segments = []
        for i, (text, style) in enumerate(pieces):
            pad = " " * (widths[i] - width(text))
            out.append(((pad + text) if align[i] == "right" else (text + pad), style))
            out.append((" " * GAP, ""))
        return out

    ends = "0" + " " * (bar_room - 1 - width(scale_text)) + scale_text
    lines = [[*cells_of(headers), (ends, scale_style)]]
    lines.append([("-" * (cells_width + bar_room), "")])
    for cells, value, style in rows:
        lines.append([*cells_of(cells), (bar(value, scale, bar_room), style)])
    return [_trimmed(line) for line in lines]


def _trimmed(line: Segments) -> Segments:
    """The line without the spaces at its end (an empty bar leaves the gap before it)."""
    while line and not line[-1][0].strip():
        line = line[:-1]
    if line:
        text, style = line[-1]
        line = [*line[:-1], (text.rstrip(), style)]
    return line

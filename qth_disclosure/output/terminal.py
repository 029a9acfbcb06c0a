"""Blocks laid out for a colour terminal of a given width, as lines of styled pieces.

Every cell carries one style, so a line is a list of (text, style) pieces; output/render.py
turns the styles into escape codes once each and writes the lines. Where a line may break
and how wide a column gets is output/layout.py's; this module decides what a table becomes:
whole when it fits, folded between atoms when that fits (unless its rows would grow taller
than `TALLEST` lines, which reads better as records), split into parts that repeat its first
columns (`narrow="split"`, the statistics), or one block per record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from qth_disclosure.output import layout
from qth_disclosure.output.plaintable import width

Piece = tuple[str, str]  # text, style ("" for none)
Segments = list[Piece]

# Between two columns: two spaces, as in plain output.
GAP = 2
# A table whose rows would fold to more lines than this on average reads better as one
# block per record (the history of submissions at 80 columns).
TALLEST = 4
# Between the fields of a record laid out as a block
RECORD_GAP = 3


@lru_cache(maxsize=16384)
def _lines(text: str, limit: int) -> tuple[str, ...]:
    return tuple(layout.wrapped(text, limit))


def text_lines(pieces: Sequence[Piece], room: int) -> list[Segments]:
    """A heading or a line of styled pieces, broken only where output/layout.py allows."""
    plain = "".join(text for text, _ in pieces)
    bounds: list[tuple[int, int, str]] = []
    at = 0
    for text, style in pieces:
        bounds.append((at, at + len(text), style))
        at += len(text)
    out: list[Segments] = []
    for start, end in layout.wrap(plain, room):
        out.append([(plain[max(a, start):min(b, end)], style) for a, b, style in bounds
                    if min(b, end) > max(a, start)])
    return out


def table_lines(headers: Sequence[Piece], groups: Sequence[Piece] | None,
                rows: Sequence[Sequence[Piece]], align: Sequence[str] | None, narrow: str,
                keep: int, room: int,
                bands: Sequence[Piece] | None = None) -> list[Segments]:
    """A table's lines, none wider than `room`; `bands` and `groups` are the headers above
    the columns' own (the form's 申请人情况 over 法人或其他组织 over 商业企业)."""
    count = len(headers)
    natural = [max([layout.natural_width(headers[i][0])]
                   + [layout.natural_width(r[i][0]) for r in rows]) for i in range(count)]
    narrowest = [max([layout.longest_atom(headers[i][0])]
                     + [layout.longest_atom(r[i][0]) for r in rows]) for i in range(count)]
    aligns = list(align or ["left"] * count)
    widths = layout.column_widths(natural, narrowest, room - GAP * (count - 1))
    if widths is not None and (narrow == "split" or widths == natural
                               or _mean_height(rows, widths) <= TALLEST):
        return _grid(headers, groups, bands, rows, widths, aligns, list(range(count)))
    if narrow != "split":
        return _records(headers, groups, bands, rows, room)
    # the columns every part repeats take at most two fifths of the line, so that each part
    # shows as many of the others as it can
    capped = [min(n, max(a, room * 2 // 5)) if k < keep else min(n, room)
              for k, (n, a) in enumerate(zip(natural, narrowest, strict=True))]
    group_names = [g[0] for g in groups] if groups else None
    band_names = [b[0] for b in bands] if bands else None
    lines: list[Segments] = []
    for part in layout.parts(capped, keep, room, GAP, group_names, band_names):
        wanted = [capped[k] for k in part]
        fitted = layout.column_widths(wanted, [min(narrowest[k], room) for k in part],
                                      room - GAP * (len(part) - 1))
        part_widths = [0] * count
        for k, w in zip(part, fitted or wanted, strict=True):
            part_widths[k] = w
        if lines:
            lines.append([])
        lines += _grid(headers, groups, bands, rows, part_widths, aligns, part)
    return lines


def _mean_height(rows: Sequence[Sequence[Piece]], widths: Sequence[int]) -> float:
    if not rows:
        return 1.0
    return sum(max(len(_lines(cell[0], w)) for cell, w in zip(row, widths, strict=True))
               for row in rows) / len(rows)


def _aligned(text: str, limit: int, align: str, slot: int) -> tuple[str, str]:
    """Spaces before and after `text` in a column `limit` wide."""
    used = width(text)
    if align == "mark":  # marks of one and two cells share one slot, centred
        lead = (limit - slot) // 2
        return " " * lead, " " * max(limit - lead - used, 0)
    extra = max(limit - used, 0)
    if align == "right":
        return " " * extra, ""
    if align == "center":
        return " " * (extra // 2), " " * (extra - extra // 2)
    return "", " " * extra


def _row(cells: Mapping[int, tuple[Sequence[str], str]], widths: Sequence[int],
         aligns: Sequence[str], shown: Sequence[int], slots: dict[int, int]) -> list[Segments]:
    """One row of the grid: each cell's lines side by side, as tall as its tallest cell."""
    height = max(len(cells[k][0]) for k in shown)
    out: list[Segments] = []
    for n in range(height):
        line: Segments = []
        pending = ""  # spaces carried to the next piece, so that a line ends without them
        for i, k in enumerate(shown):
            texts, style = cells[k]
            text = texts[n] if n < len(texts) else ""
            before, after = _aligned(text, widths[k], aligns[k], slots.get(k, 0))
            if i:
                pending += " " * GAP
            if text:
                line.append((pending + before, ""))
                line.append((text, style))
                pending = after
            else:
                pending += before + after
        out.append(line)
    return out


def _grid(headers: Sequence[Piece], groups: Sequence[Piece] | None,
          bands: Sequence[Piece] | None, rows: Sequence[Sequence[Piece]],
          widths: Sequence[int], aligns: Sequence[str], shown: list[int]) -> list[Segments]:
    slots = {k: max([width(r[k][0]) for r in rows] or [0]) for k in shown
             if aligns[k] == "mark"}
    head_aligns = ["center" if a == "mark" else a for a in aligns]
    out: list[Segments] = []
    # each part repeats the bands and groups over the columns it shows
    if bands and any(bands[k][0] for k in shown):
        out += _group_lines(bands, widths, shown)
    if groups and any(groups[k][0] for k in shown):
        out += _group_lines(groups, widths, shown, bands)
    out += _row({k: (_lines(headers[k][0], widths[k]), headers[k][1]) for k in shown},
                widths, head_aligns, shown, {})
    out.append([("─" * (sum(widths[k] for k in shown) + GAP * (len(shown) - 1)), "dim")])
    for row in rows:
        out += _row({k: (_lines(row[k][0], widths[k]), row[k][1]) for k in shown},
                    widths, aligns, shown, slots)
    return out


def _group_lines(groups: Sequence[Piece], widths: Sequence[int], shown: list[int],
                 outer: Sequence[Piece] | None = None) -> list[Segments]:
    """The form's upper header: each group's (or band's) name centred over the columns it
    spans, with a rule under it as wide as the span; a group ends where its band does."""
    spans: list[tuple[Piece, int]] = []
    previous = -1
    for k in shown:
        if (spans and groups[k][0] and groups[k][0] == spans[-1][0][0]
                and (outer is None or outer[k][0] == outer[previous][0])):
            spans[-1] = (spans[-1][0], spans[-1][1] + widths[k] + GAP)
        else:
            spans.append((groups[k], widths[k]))
        previous = k
    names = {i: (_lines(g[0], w) if g[0] else (), g[1]) for i, (g, w) in enumerate(spans)}
    span_widths = [w for _, w in spans]
    every = list(range(len(spans)))
    out = _row(names, span_widths, ["center"] * len(spans), every, {})
    out += _row({i: (("┄" * w,) if g[0] else (), "dim") for i, (g, w) in enumerate(spans)},
                span_widths, ["left"] * len(spans), every, {})
    return out


def _records(headers: Sequence[Piece], groups: Sequence[Piece] | None,
             bands: Sequence[Piece] | None, rows: Sequence[Sequence[Piece]],
             room: int) -> list[Segments]:
    """One block per row: each column's header and value, as many side by side as the line
    holds, a long value on lines of its own; a row whose first cell is empty (a review
    under its submission) is indented under the record before it."""
    labels = [" ".join(name for name in (bands[k][0] if bands else "",
                                         groups[k][0] if groups else "", h[0]) if name)
              for k, h in enumerate(headers)]
    label_widths = [width(label) for label in labels]
    out: list[Segments] = []
    for row in rows:
        inner = not row[0][0]
        indent = "    " if inner else ""
        if out and not inner:
            out.append([])
        limit = room - len(indent)
        line: Segments | None = None
        used = 0
        for label, label_width, (text, style) in zip(labels, label_widths, row, strict=True):
            if not text:
                continue
            wide = label_width + 1 + width(text)
            if "\n" not in text and wide <= limit:
                if line is not None and used + RECORD_GAP + wide <= limit:
                    line += [(" " * RECORD_GAP, ""), (label, "dim"), (" ", ""), (text, style)]
                    used += RECORD_GAP + wide
                    continue
                if line is not None:
                    out.append(line)
                line, used = [(indent, ""), (label, "dim"), (" ", ""), (text, style)], wide
                continue
            if line is not None:
                out.append(line)
                line = None
            hang = min(label_width + 1, limit // 3)
            values = _lines(text, max(limit - hang, 2))
            names = _lines(label, max(hang - 1, 2))
            for n in range(max(len(names), len(values))):
                name = names[n] if n < len(names) else ""
                value = values[n] if n < len(values) else ""
                out.append([(indent, ""), (name, "dim"),
                            (" " * (hang - width(name)) if value else "", ""), (value, style)])
        if line is not None:
            out.append(line)
    return out

"""Plain aligned tables, laid out exactly as tabulate's "simple" format.

Every cell here is already text, so tabulate's per-cell type inference (is it a number, a
boolean, does it hold ANSI codes?) is wasted work, and at province scale (10,000
deliverables, 14,000 cells) it was most of `disclose status` (benchmarks/README.md). This
module keeps tabulate's layout, which the test suite checks against tabulate itself on
random Chinese and ASCII cells, and measures width the way tabulate does: wcwidth, with
Chinese characters two columns wide.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from wcwidth import wcswidth

# tabulate's MIN_PADDING: a column is at least two wider than its header
_MIN_PADDING = 2
_SEPARATOR = "  "


def width(text: str) -> int:
    """Terminal columns `text` takes. Cells reach here cleaned of control characters, so
    ASCII text is one column a character; anything else asks wcwidth."""
    return len(text) if text.isascii() else max(wcswidth(text), 0)


def _pad(text: str, text_width: int, column: int, align: str | None) -> str:
    extra = column - text_width
    if align is None or extra <= 0:
        return text
    if align == "right":
        return " " * extra + text
    if align == "center":  # str.format's "^": the odd space goes to the right
        return " " * (extra // 2) + text + " " * (extra - extra // 2)
    return text + " " * extra


def simple_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 align: Sequence[str | None] | None = None,
                 groups: Sequence[str] | None = None,
                 bands: Sequence[str] | None = None) -> str:
    """`headers` over `rows`, a line of dashes between; columns two spaces apart, each as
    wide as its widest cell; "left", "right", "center", "mark" or None (no padding) per
    column. "mark" centres one slot as wide as the column's widest cell, each cell at its
    left, so that marks of one and of two cells (✓, 迟) line up; tabulate has no such
    alignment. `groups` names each column's group: a line above the headers centres each
    group's name over its columns, dashes under it; `bands` names the header above the
    groups (申请人情况 over 法人或其他组织), drawn the same way on a line above theirs."""
    body = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in headers]
    return column_table(headers, body, align, groups, bands)


def column_table(headers: Sequence[str], body: Sequence[Sequence[str]],
                 align: Sequence[str | None] | None = None,
                 groups: Sequence[str] | None = None,
                 bands: Sequence[str] | None = None) -> str:
    """`simple_table` of the same cells given column by column (`body[i]`, column i's
    cells, every column as long), as a large table's layout has them."""
    return "\n".join(column_lines(headers, body, align, groups, bands))


def column_lines(headers: Sequence[str], body: Sequence[Sequence[str]],
                 align: Sequence[str | None] | None = None,
                 groups: Sequence[str] | None = None,
                 bands: Sequence[str] | None = None) -> Iterator[str]:
    """`column_table`'s lines, without their newlines, each made when it is asked for:
    the widths are measured over the distinct cells first, then a province's 100,000
    rows are written one by one rather than held as one text."""
    aligns = list(align) if align is not None else ["left"] * len(headers)
    header_widths = [width(h) for h in headers]
    # column by column, each distinct cell measured and padded once: cells repeat (a
    # province's status grid is 300,000 marks of five kinds)
    shown: list[dict[str, tuple[str, int]]] = []
    columns: list[int] = []
    for i, how in enumerate(aligns):
        # like tabulate, aligned cells lose surrounding spaces; headers keep theirs
        cells = {cell: cell if how is None else cell.strip() for cell in set(body[i])}
        measured = {cell: (text, width(text)) for cell, text in cells.items()}
        if how == "mark":
            slot = max((w for _, w in measured.values()), default=0)
            measured = {cell: (text + " " * (slot - w), slot)
                        for cell, (text, w) in measured.items()}
            aligns[i] = "center"
        shown.append(measured)
        columns.append(max([header_widths[i] + _MIN_PADDING,
                            *(w for _, w in measured.values())]))
    levels = [(names, outer) for names, outer in ((bands, None), (groups, bands))
              if names and any(names)]
    above = _group_lines(levels, columns) if levels else []
    laid = [map({cell: _pad(text, w, columns[i], aligns[i])
                 for cell, (text, w) in shown[i].items()}.__getitem__, body[i])
            for i in range(len(columns))]
    head = _SEPARATOR.join(_pad(h, w, columns[i], aligns[i])
                           for i, (h, w) in enumerate(zip(headers, header_widths, strict=True)))
    yield from above
    yield head.rstrip()
    yield _SEPARATOR.join("-" * c for c in columns)
    join = _SEPARATOR.join
    for row in zip(*laid, strict=True):
        yield join(row).rstrip()


def spans(names: Sequence[str], outer: Sequence[str] | None = None) -> list[list[int]]:
    """The columns under each name, in order: a run of one name, inside one `outer` name
    (a group does not run on into the next band); a column without a name is one alone."""
    out: list[list[int]] = []
    for i, name in enumerate(names):
        if (out and name and names[out[-1][0]] == name
                and (outer is None or outer[out[-1][0]] == outer[i])):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _group_lines(levels: Sequence[tuple[Sequence[str], Sequence[str] | None]],
                 columns: list[int]) -> list[str]:
    """Each level's names (bands, then groups) centred over their spans, and dashes under
    each; a name wider than its columns widens the last of them, a group's first, then
    its band's."""
    laid = [(names, spans(names, outer)) for names, outer in levels]
    for names, found in reversed(laid):
        for span in found:
            wide = sum(columns[i] for i in span) + len(_SEPARATOR) * (len(span) - 1)
            if width(names[span[0]]) > wide:
                columns[span[-1]] += width(names[span[0]]) - wide
    out: list[str] = []
    for names, found in laid:
        shown, rules = [], []
        for span in found:
            name = names[span[0]]
            wide = sum(columns[i] for i in span) + len(_SEPARATOR) * (len(span) - 1)
            shown.append(_pad(name, width(name), wide, "center"))
            rules.append(("-" if name else " ") * wide)
        out += [_SEPARATOR.join(shown).rstrip(), _SEPARATOR.join(rules).rstrip()]
    return out

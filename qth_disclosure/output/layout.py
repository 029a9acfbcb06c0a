"""Text laid out for a terminal of a given width: where a line may break, how wide each
column of a table gets, and what a table becomes when it cannot fit.

Rich breaks lines only at spaces and folds a longer word at the column's edge, and Chinese
has no spaces: a date (`2015-10-` / `05`) or a unit's name (`市交通运` / `输局`) would be
cut anywhere. Here a line breaks only between *atoms*: a word of Latin letters and digits
(a date, an id, a number), a run of Chinese characters no longer than a unit's name, or one
character of a longer run; full-width closing punctuation stays with what it closes and
opening punctuation with what it opens (the rule of Chinese typesetting that no line starts
with `，` or ends with `（`). Only an atom wider than the whole line is cut.

Pure: widths in, line ranges and column widths out; output/render.py draws them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from qth_disclosure.output.plaintable import spans, width

# A run of Chinese characters this long or shorter is kept on one line: the longest full
# name of a unit (七台河市人力资源和社会保障局) or a phrase of a title; longer runs are prose.
_NAME_RUN = 14
# A word of Latin letters longer than this (a link) may break after / ? &, and a piece of
# it still longer (a hash) anywhere
_LONG_WORD = 40
# A number and the Chinese beside it (56天, 2015年, 截至2015-10-05) stay together when
# together they are no wider than this
_JOINED = 24
_FULL_CLOSING = "，。、；：？！）」』】〕》〉”’…％"  # noqa: RUF001
_CLOSING = set(_FULL_CLOSING + ",.;:?!)]}%")
_OPENING = set("（「『【〔《〈“‘([{")  # noqa: RUF001
_FULL_OPENING = "（「『【〔《〈“‘"  # noqa: RUF001
_HAN = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  r"\U00020000-\U0003134f]")
_LINK_PIECE = re.compile(r"[^/?&]*[/?&]?")


def _raw_atoms(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unbreakable piece and each run of spaces, in order."""
    pieces: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if ch.isspace():
            while j < n and text[j].isspace():
                j += 1
            pieces.append((i, j))
        elif _HAN.match(ch):
            while j < n and _HAN.match(text[j]):
                j += 1
            if j - i <= _NAME_RUN:
                pieces.append((i, j))
            else:
                pieces += [(k, k + 1) for k in range(i, j)]
        elif ch in _CLOSING or ch in _OPENING:
            pieces.append((i, j))
        else:
            while j < n and not (text[j].isspace() or _HAN.match(text[j])
                                 or text[j] in _FULL_OPENING or text[j] in _FULL_CLOSING):
                j += 1
            if j - i <= _LONG_WORD:
                pieces.append((i, j))
            else:
                start = i
                for m in _LINK_PIECE.finditer(text, i, j):
                    if m.end() > start:
                        # a piece still that long (a hash) is no word: it may break anywhere
                        end = m.end()
                        if end - start > _LONG_WORD:
                            pieces += [(k, k + 1) for k in range(start, end)]
                        else:
                            pieces.append((start, end))
                        start = end
        i = j
    return pieces


def atoms(text: str, *, join: bool = True) -> list[tuple[int, int, bool]]:
    """(start, end, is_space) of the pieces a line may break between: opening punctuation
    joined to what follows it, closing punctuation to what precedes it, and (`join`) a
    number to the Chinese beside it."""
    out: list[list[int]] = []
    pending_open: int | None = None
    for start, end in _raw_atoms(text):
        ch = text[start]
        space = ch.isspace()
        if not space and ch in _CLOSING and out and not out[-1][2] and end - start == 1:
            out[-1][1] = end
            continue
        if not space and ch in _OPENING and end - start == 1:
            if pending_open is None:
                pending_open = start
            continue
        if pending_open is not None:
            if space:
                out.append([pending_open, start, 0])
            else:
                start = pending_open
            pending_open = None
        out.append([start, end, int(space)])
    if pending_open is not None:
        out.append([pending_open, len(text), 0])
    if not join:
        return [(s, e, bool(sp)) for s, e, sp in out]
    joined: list[list[int]] = []
    for piece in out:
        # a count after its name, one space between (报送 44, 未报 40), stays with it
        if (len(joined) > 1 and not piece[2] and joined[-1][2]
                and joined[-1][1] - joined[-1][0] == 1 and not joined[-2][2]
                and _HAN.match(text[joined[-2][1] - 1])
                and text[piece[0]:piece[1]].rstrip(_FULL_CLOSING + ",.;:").isdigit()
                and width(text[joined[-2][0]:piece[1]]) <= _JOINED):
            joined.pop()
            joined[-1][1] = piece[1]
            continue
        if joined and not piece[2] and not joined[-1][2] and joined[-1][1] == piece[0]:
            left, right = text[joined[-1][1] - 1], text[piece[0]]
            if (left.isalnum() and right.isalnum()
                    and bool(_HAN.match(left)) != bool(_HAN.match(right))
                    and width(text[joined[-1][0]:piece[1]]) <= _JOINED):
                joined[-1][1] = piece[1]
                continue
        joined.append(piece)
    return [(s, e, bool(sp)) for s, e, sp in joined]


# a table repeats its cells (a grid's marks, a unit's name on many rows): measure each once
@lru_cache(maxsize=8192)
def longest_atom(text: str) -> int:
    """The narrowest a column holding `text` can be without cutting an atom."""
    widest = 0
    for line in text.split("\n"):
        for start, end, space in atoms(line):
            if not space:
                widest = max(widest, width(line[start:end]))
    return widest


def wrap(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` (one line of it) at most `limit` columns wide,
    broken only between atoms; spaces at a break are dropped. An atom wider than `limit`
    is cut by characters, the only way it can be shown at all."""
    limit = max(limit, 2)  # a Chinese character needs two columns
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0
    for start, end, space in _fitting_atoms(text, limit):
        if space:
            if line_start is not None:
                used += width(text[start:end])
            continue
        piece = width(text[start:end])
        if line_start is not None and used + piece > limit:
            lines.append((line_start, line_end))
            line_start, used = None, 0
        if piece > limit:  # cut by characters
            for k in range(start, end):
                w = width(text[k])
                if line_start is not None and used + w > limit:
                    lines.append((line_start, line_end))
                    line_start, used = None, 0
                if line_start is None:
                    line_start = k
                used += w
                line_end = k + 1
            continue
        if line_start is None:
            line_start = start
        used += piece
        line_end = end
    if line_start is not None:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


def _fitting_atoms(text: str, limit: int) -> list[tuple[int, int, bool]]:
    """The atoms of `text`, a number and the Chinese joined to it apart again where
    together they are wider than the line (截至 / 2015-10-05, not 截至2015-1 / 0-05)."""
    out: list[tuple[int, int, bool]] = []
    for start, end, space in atoms(text):
        if not space and width(text[start:end]) > limit:
            out += [(start + s, start + e, sp)
                    for s, e, sp in atoms(text[start:end], join=False)]
        else:
            out.append((start, end, space))
    return out


def wrapped(text: str, limit: int) -> list[str]:
    """`text` (which may hold newlines) as lines at most `limit` columns wide."""
    out: list[str] = []
    for line in text.split("\n"):
        out += [line[s:e] for s, e in wrap(line, limit)]
    return out


@lru_cache(maxsize=8192)
def natural_width(text: str) -> int:
    return max(width(line) for line in text.split("\n"))


def column_widths(natural: Sequence[int], narrowest: Sequence[int], room: int) -> list[int] | None:
    """Each column as wide as its widest cell if the table fits in `room`; else the widest
    columns give way first, none below its longest atom; None when even that is too wide."""
    if sum(narrowest) > room:
        return None
    widths = list(natural)
    for _ in range(sum(widths) - room):
        # the widest column that can still give way gives one column
        i = max((k for k in range(len(widths)) if widths[k] > narrowest[k]),
                key=lambda k: widths[k])
        widths[i] -= 1
    return widths


def parts(widths: Sequence[int], keep: int, room: int, gap: int,
          groups: Sequence[str] | None = None,
          bands: Sequence[str] | None = None) -> list[list[int]]:
    """Column indices of the parts a wide table is split into, each repeating the first
    `keep` columns and fitting `room` at these widths; a band of columns stays in one part
    when it fits in one, and else each group inside it does."""
    kept = list(range(min(keep, len(widths))))
    base = sum(widths[k] + gap for k in kept)
    rest = list(range(len(kept), len(widths)))
    # the levels a unit of columns is taken apart into when it does not fit: its band's
    # groups, then single columns
    levels = [(names, outer) for names, outer in ((bands, None), (groups, bands))
              if names and any(names)]
    out: list[list[int]] = []
    current: list[int] = []
    used = base

    def runs(columns: list[int], level: int) -> list[list[int]]:
        if level == len(levels):
            return [[k] for k in columns]
        names, outer = levels[level]
        inner = [names[k] for k in columns]
        around = [outer[k] for k in columns] if outer else None
        return [[columns[i] for i in span] for span in spans(inner, around)]

    def place(unit: list[int], level: int) -> None:
        nonlocal current, used
        need = sum(widths[k] + gap for k in unit)
        # a unit that does not fit here but fits a part of its own starts one
        if current and used + need > room + gap and (
                base + need <= room + gap or used + widths[unit[0]] + gap > room + gap):
            out.append(kept + current)
            current, used = [], base
        if used + need > room + gap and level < len(levels):
            for inner in runs(unit, level + 1):
                place(inner, level + 1)
            return
        for k in unit:
            if current and used + widths[k] + gap > room + gap:
                out.append(kept + current)
                current, used = [], base
            current.append(k)
            used += widths[k] + gap

    for unit in runs(rest, 0):
        place(unit, 0)
    if current or not out:
        out.append(kept + current)
    return out

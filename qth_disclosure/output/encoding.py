"""Text fitted to what an output stream can encode, so that no output crashes on a locale.

A GBK terminal (still common on Chinese office machines) shows Chinese but has no ✓; a
Latin-1 or ASCII one has no Chinese at all. Rather than raise UnicodeEncodeError halfway
through a table, each character the stream cannot take is replaced before the table is
laid out (so columns stay aligned): the marks by a stand-in the encoding has (✓ by √ in
GBK, by + in ASCII), other characters by their compatibility form where that helps
(（ as ( in ASCII), anything else by a visible escape, \\u5e02 for 市.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import TextIO

# Marks the views draw, and what may stand in for each, best first.
STAND_INS: dict[str, tuple[str, ...]] = {
    "✓": ("√", "+"),
    "✗": ("×", "x"),
    "×": ("x",),
    "–": ("-",),
    "—": ("-",),
    "↳": ("└", "->"),
    "…": ("...",),
    "·": ("-",),
    "→": ("->",),
    # the bars of a chart (output/bars.py): a full block, and eighths of one by how full
    "█": ("#",),
    "▉": ("#",),
    "▊": ("#",),
    "▋": ("#",),
    "▌": ("#",),
    "▍": ("",),
    "▎": ("",),
    "▏": ("",),
}


def fitter(stream: TextIO | None) -> Callable[[str], str]:
    """What makes text safe to write to `stream`: nothing for a Unicode stream (or one that
    has no encoding, such as StringIO), else `fit` to its encoding."""
    declared = getattr(stream, "encoding", None)
    if not declared:
        return _same
    encoding = codecs.lookup(declared).name
    if encoding.startswith("utf"):
        return _same
    return lambda text: fit(text, encoding)


def takes_any(stream: TextIO | None) -> bool:
    """Whether `stream` can take any text: a Unicode stream, or one without an encoding."""
    declared = getattr(stream, "encoding", None)
    return not declared or codecs.lookup(declared).name.startswith("utf")


def encodes(stream: TextIO | None, text: str) -> bool:
    """Whether `stream` can take `text` as it is."""
    if takes_any(stream):
        return True
    try:
        text.encode(stream.encoding)  # type: ignore[union-attr]  # takes_any saw one
    except UnicodeEncodeError:
        return False
    return True


def _same(text: str) -> str:
    return text


def fit(text: str, encoding: str) -> str:
    """`text` with each character `encoding` lacks replaced by a stand-in or an escape."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return "".join(_stand_in(char, encoding) for char in text)
    return text


@cache
def _stand_in(char: str, encoding: str) -> str:
    compatible = unicodedata.normalize("NFKC", char)
    for candidate in (char, *STAND_INS.get(char, ()), compatible):
        try:
            candidate.encode(encoding)
        except UnicodeEncodeError:
            continue
        return candidate
    return char.encode(encoding, "backslashreplace").decode(encoding)

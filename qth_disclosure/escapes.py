"""Text that users typed or files hold, made safe to show on a terminal or in a document.

A stored summary, a review comment or a value echoed in an error line could otherwise move
the cursor, clear the screen, retitle the window (ESC and the C1 controls, CSI among them),
reorder what a line seems to say (bidi overrides, Trojan Source), hide text (zero-width
characters), break one line into two, or crash the writer (a lone surrogate: a byte that
was not UTF-8, carried in by Python's surrogateescape). Every such character is shown as
the escape Python's repr() uses, so a value in a message reads the same whether its
template quotes it with !r or not.
"""

from __future__ import annotations

import re

# Unicode's controls (Cc: C0, DEL, C1), format characters (Cf: bidi embeddings, overrides
# and isolates, zero-width spaces and joiners, the BOM, tags, the soft hyphen), surrogates
# (Cs) and the line and paragraph separators (Zl, Zp). tests/test_output_hostile.py checks
# that the class covers every such character of the running Python's Unicode database.
_BEYOND_C0 = (
    r"\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f"
)
UNSAFE = re.compile(rf"[\x00-\x1f{_BEYOND_C0}]")
# json.dumps escapes the C0 controls itself and passes the rest through as they are.
UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Where text runs on in a cell or a document's line: a line break reads as a space there.
_BREAKS = re.compile("\r\n|[\t\n]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def one_line(text: str) -> str:
    """`text` with every unsafe character escaped, newlines and tabs too: an error line
    stays one line and shows the value exactly."""
    return UNSAFE.sub(_escape, text)


def inline(text: str) -> str:
    """`text` for a table cell or a line of prose: tabs and line breaks become spaces,
    every other unsafe character an escape."""
    return one_line(_BREAKS.sub(" ", text))


def document(text: str) -> str:
    """A laid-out document (a bulletin): its lines kept, anything unsafe in them escaped."""
    return "\n".join(one_line(line) for line in text.split("\n"))

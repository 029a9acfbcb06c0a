"""JSON written piece by piece, as `json.dumps(value, ensure_ascii=False, indent=2)` writes
it, byte for byte.

`json.dumps` with `indent` runs the pure-Python encoder (the C one serves only compact
output) and returns the whole text: on a province's 312,000 deliverables some 20 million
generator steps, and the text held with every dict it was made of. Here a document is
written a key of a dict, or a thousand items of a list, at a time, and a list marked
`Streamed` has its items made as they are written, so only a batch's dicts and text are
held. Whatever is flat (a dict or list of strings, numbers, booleans and nulls, such as a
deliverable's record, or a batch of such dicts) is encoded by the C encoder, its item
separator carrying the newline and indent that `indent=2` puts there; the rest is walked
here, a value at a time. A newline in the text is always structure (one inside a string
is escaped), which is what lets the pieces be indented and joined as plain text. What
this does not know (a tuple, an enum, keys that are not text) is left to `json.dumps`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import chain, islice
from json.encoder import encode_basestring
from typing import Any

INDENT = "  "
BATCH = 1000  # items encoded per call of the C encoder: its dicts and text are what is held

# exact types: a subclass (an enum) may encode otherwise, and takes the plain path
_SCALARS = frozenset({str, int, float, bool, type(None)})
# each as the encoder writes it (json.encoder: `encode_basestring` is the C function)
_SCALAR_TEXT: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: int.__repr__, bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null", float: json.JSONEncoder().encode}


class Streamed:
    """A list in a JSON document whose items are made as it is written (each once): the
    value of a dict's key (in dicts within dicts, at any depth), or the whole document;
    not an item of a list, whose items are encoded a batch at a time."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def chunks(value: Any, level: int = 0) -> Iterator[str]:
    """The text of `value`, `level` levels in (its first line not indented), in pieces:
    a list a batch of items at a time, a dict a key at a time."""
    kind = type(value)
    if kind is Streamed:
        yield from _items(iter(value.items), level)
    elif kind is list and value and not _flat(value):
        yield from _items(iter(value), level)
    elif kind is dict and value and not _flat(value.values()) and _text_keys(value):
        pad = "\n" + INDENT * (level + 1)
        for i, (key, item) in enumerate(value.items()):
            yield f"{',' if i else '{'}{pad}{encode_basestring(key)}: "
            yield from chunks(item, level + 1)
        yield "\n" + INDENT * level + "}"
    else:
        yield indented(value, level)


def indented(value: Any, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it `level` levels in, whole."""
    kind = type(value)
    scalar = _SCALAR_TEXT.get(kind)
    if scalar is not None:
        return scalar(value)
    if not value and kind in (list, dict):
        return "[]" if kind is list else "{}"
    if kind is list:
        if _flat(value):
            return _wrapped(_encoder(level).encode(value), level)
        return ("[\n" + INDENT * (level + 1) + _joined(value, level + 1) + "\n"
                + INDENT * level + "]")
    if kind is dict and _text_keys(value):
        if _flat(value.values()):
            return _wrapped(_encoder(level).encode(value), level)
        pad = INDENT * (level + 1)
        return "{\n" + pad + (",\n" + pad).join(
            [f"{encode_basestring(key)}: {indented(item, level + 1)}"
             for key, item in value.items()]) + "\n" + INDENT * level + "}"
    # a tuple, a subclass (an enum), keys json turns into text (numbers, booleans)
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + INDENT * level)


def _items(items: Iterator[Any], level: int) -> Iterator[str]:
    pad = INDENT * (level + 1)
    first = True
    while batch := list(islice(items, BATCH)):
        yield ("[\n" if first else ",\n") + pad + _joined(batch, level + 1)
        first = False
    yield "[]" if first else "\n" + INDENT * level + "]"


def _joined(items: list[Any], level: int) -> str:
    """A list's items, each `level` levels in, joined as `indent=2` joins them."""
    flat = _flat_dicts(items, level)
    return flat if flat is not None else (",\n" + INDENT * level).join(
        [indented(item, level) for item in items])


def _text_keys(value: dict[Any, Any]) -> bool:
    return all(type(key) is str for key in value)


def _flat(values: Iterable[Any]) -> bool:
    """Whether `values` are all strings, numbers, booleans or nulls."""
    return _SCALARS.issuperset(map(type, values))


def _flat_dicts(batch: list[Any], level: int) -> str | None:
    """A list's items joined as `indent=2` joins them, each `level` levels in, if every
    one is a flat dict with at least one key; else None."""
    if not all(type(item) is dict and item for item in batch):
        return None
    if not _flat(chain.from_iterable(map(dict.values, batch))):
        return None
    inner = INDENT * (level + 1)
    # '[{…},\n<inner>{…}]': between two items the separator follows a '}', which no
    # flat item holds outside a string, and is followed by a '{'
    text = _encoder(level).encode(batch)[1:-1]
    outer = INDENT * level
    return _wrapped(text.replace("},\n" + inner + "{",
                                 "\n" + outer + "},\n" + outer + "{\n" + inner), level)


def _wrapped(compact: str, level: int) -> str:
    """A flat container encoded with `_encoder(level)`, opened and closed on lines of
    their own as `indent` does."""
    return (compact[0] + "\n" + INDENT * (level + 1) + compact[1:-1] + "\n" + INDENT * level
            + compact[-1])


@cache
def _encoder(level: int) -> json.JSONEncoder:
    # no indent, so the C encoder; the item separator is what indent=2 writes between
    # the items of a container whose items stand `level + 1` levels in
    return json.JSONEncoder(ensure_ascii=False,
                            separators=(",\n" + INDENT * (level + 1), ": "))

"""JSON written piece by piece is the text `json.dumps(…, indent=2)` gives, byte for byte,
and `--format json` writes what it wrote when it called json.dumps."""

from __future__ import annotations

import io
import json
from enum import Enum, IntEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qth_disclosure.escapes import UNSAFE_IN_JSON
from qth_disclosure.output import jsonstream
from qth_disclosure.output.jsonstream import Streamed, chunks, indented
from qth_disclosure.output.render import dump_json

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.text(max_size=6) | st.sampled_from(["}", "},\n  {", '"', "\\", "\u2028"]))
VALUES = st.recursive(
    SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=4), inner, max_size=4)),
    max_leaves=30)
FLAT = st.dictionaries(st.text(max_size=4), SCALARS, max_size=5)


class Colour(str, Enum):
    red = "red"


class Count(IntEnum):
    one = 1


def streamed(value: Any) -> Any:
    """`value` with each list a dict holds (at any depth of dicts) made a Streamed one."""
    if type(value) is dict:
        return {k: Streamed(iter(v)) if type(v) is list else streamed(v)
                for k, v in value.items()}
    return value


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_any_value_indented_as_json_dumps_does(value: Any) -> None:
    assert indented(value, 0) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=4), VALUES | st.lists(FLAT, max_size=6), max_size=5))
def test_streamed_lists_written_as_the_lists_would_be(value: dict[str, Any]) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert "".join(chunks(streamed(value))) == expected


def test_streamed_in_batches_of_flat_and_other_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "BATCH", 3)
    items = [{"a": i, "b": "x}"} for i in range(7)] + [{"c": [1, {}]}, {}, {"d": None}]
    document = {"plan": "p", "inner": {"rows": items, "n": 1.5}, "none": []}
    expected = json.dumps(document, ensure_ascii=False, indent=2)
    assert "".join(chunks(streamed(document))) == expected
    assert "".join(chunks(Streamed(iter(items)))) == json.dumps(items, indent=2)
    assert "".join(chunks(Streamed(iter([])))) == "[]"


def test_subclasses_and_keys_that_are_not_text_as_json_dumps_writes_them() -> None:
    value = {"c": [Colour.red, Count.one], "e": {"k": Colour.red}, 1: {2: "x"}, "n": {True: 1}}
    assert indented(value, 0) == json.dumps(value, ensure_ascii=False, indent=2)


def old_dump_json(data: Any, ascii_only: bool) -> str:
    """What `dump_json` wrote when it called json.dumps once."""
    text = json.dumps(data, ensure_ascii=ascii_only, indent=2)
    return UNSAFE_IN_JSON.sub(lambda m: "".join(
        f"\\u{u[i]:02x}{u[i + 1]:02x}" for u in [m.group().encode("utf-16-be", "surrogatepass")]
        for i in range(0, len(u), 2)), text) + "\n"


@pytest.mark.parametrize(("encoding", "text", "ascii_only"), [
    ("utf-8", "市财政局 \x7f\u2028\U0001f600\udcff", False),
    ("gbk", "市财政局", False),  # GBK has it all: written as it is
    ("gbk", "市财政局 ✓ \U0001f600", True),  # GBK lacks one: all of it escaped
    ("ascii", "on time\x7f", False),
    ("ascii", "市", True),
])
def test_dump_json_writes_what_json_dumps_gave(encoding: str, text: str,
                                               ascii_only: bool) -> None:
    rows = [{"agency": "czj", "summary": f"{text} {i}", "n": i} for i in range(5)]
    data = {"plan": text, "rows": rows, "nested": {"links": [text, [text]]}}
    expected = old_dump_json(data, ascii_only)
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    dump_json(data | {"rows": Streamed(iter(rows))}, out)
    out.flush()
    assert out.buffer.getvalue().decode(encoding) == expected  # type: ignore[attr-defined]


def test_a_streamed_dict_with_keys_that_are_not_text_is_refused() -> None:
    with pytest.raises(TypeError):
        "".join(chunks({1: Streamed(iter([]))}))

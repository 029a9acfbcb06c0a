"""YAML with line numbers: every mapping remembers where it and each key stand.

Whatever the bytes, reading gives a document or problems with file and line, never an
exception: a scalar that cannot become its type (2015-02-30, a 5,000-digit integer,
`!!int foo`) is kept as an `Unreadable`, which no field check accepts, so the field that
holds it reports it where it stands.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from qth_disclosure.errors import Problem
from qth_disclosure.escapes import one_line
from qth_disclosure.registry.reading import read_file

# ---------------------------------------------------------------- YAML with line numbers

# The registry's own structure is five levels deep (tasks.yaml > tasks > a task > items >
# an item); anything far deeper is a mistake or an attack on the stack, refused with its line.
MAX_NESTING = 32
# No number or date of a registry is longer; a longer one is refused before PyYAML converts
# it (1:1:1:… is a base-60 integer to PyYAML, converted in time quadratic in its length)
_LONGEST_SCALAR = 64


class LineMap(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key, and repeated keys."""

    line: int = 0
    lines: dict[str, int]
    repeated: list[tuple[str, int]]


class Unreadable:
    """A scalar the file writes that is no value of its type: an impossible date, an integer
    of more than 64 bits, `!!bool maybe`; or a mapping key that is a list or a mapping.
    Shown as the text written; equal to nothing else, so it is never a known key."""

    __slots__ = ("tag", "text")

    def __init__(self, text: str, tag: str) -> None:
        self.text = text
        self.tag = tag

    @property
    def is_day(self) -> bool:
        return self.tag == "tag:yaml.org,2002:timestamp"

    def __repr__(self) -> str:
        return repr(self.text)


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasRefused(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__(f"alias at line {line}")
        self.line = line


class NestedTooDeep(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__(f"nested too deeply at line {line}")
        self.line = line


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    depth = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met a second time is an alias (*name). Refusing aliases stops a "billion
        # laughs" file from blowing up, and keeps every value written where it applies.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise AliasRefused(node.start_mark.line + 1)
        # construction recurses once per level: a bound here, not the interpreter's stack
        if self.depth >= MAX_NESTING:
            raise NestedTooDeep(node.start_mark.line + 1)
        self.depth += 1
        try:
            return super().construct_object(node, deep)
        finally:
            self.depth -= 1


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.lines = {}
    result.repeated = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict, set)):  # `? [a, b]`: no dict can hold it
            key = Unreadable(str(key), key_node.tag)
        line = key_node.start_mark.line + 1
        if key in result:
            result.repeated.append((str(key), line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _kept_if_unreadable(tag: str) -> None:
    construct = SafeConstructor.yaml_constructors[tag]

    def guarded(loader: Any, node: yaml.ScalarNode) -> Any:
        if len(node.value) > _LONGEST_SCALAR:
            return Unreadable(str(node.value), tag)
        try:
            value = construct(loader, node)
        # PyYAML's own errors for these: int() and date() refusing (ValueError), a
        # timestamp tag on text that is not one (AttributeError), `!!bool` on a word
        # that is not one (KeyError)
        except (ValueError, AttributeError, KeyError):
            return Unreadable(str(node.value), tag)
        if isinstance(value, int) and value.bit_length() > 64:  # no count or id is so large
            return Unreadable(str(node.value), tag)
        return value

    _LineLoader.add_constructor(tag, guarded)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
for _tag in ("bool", "int", "float", "timestamp"):
    _kept_if_unreadable(f"tag:yaml.org,2002:{_tag}")

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as one
# what YAML 1.1 allows in a stream (PyYAML's reader uses the same set)
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                            "\U00010000-\U0010ffff]")


def read_yaml(path: Path, problems: list[Problem], data: bytes | Problem | None = None, *,
              required: tuple[str, ...] = ()) -> Any:
    """Parse a YAML file (or its bytes, already read) into LineMaps; problems go to `problems`.

    A file that holds no document at all (empty, comments only) is a problem naming the
    top-level keys `required`, if any are.
    """
    if data is None:
        data = read_file(path)
    if isinstance(data, Problem):
        problems.append(data)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), data.count(b"\n", 0, exc.start) + 1, "not_utf8",
                                {"byte": f"0x{data[exc.start]:02x}"}))
        return None
    before = len(problems)
    doc = _parse(path, text, problems)
    if doc is None and required and len(problems) == before:
        problems.append(Problem(str(path), None, "file_empty", {"keys": ", ".join(required)}))
    return doc


def _load(text: str) -> Any:
    loader = _LineLoader(text)  # PyYAML's pure-Python reader checks characters right here
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _parse(path: Path, text: str, problems: list[Problem]) -> Any:
    try:
        return _load(text)
    except AliasRefused as exc:
        problems.append(Problem(str(path), exc.line, "yaml_alias"))
    except NestedTooDeep as exc:
        problems.append(Problem(str(path), exc.line, "yaml_too_deep", {"limit": MAX_NESTING}))
    # the pure-Python parser (no libyaml) recurses while composing, and both recurse while
    # merging `<<:` keys, before any construction counts the depth
    except RecursionError:
        problems.append(Problem(str(path), None, "yaml_too_deep", {"limit": MAX_NESTING}))
    except yaml.reader.ReaderError:
        # NUL and the other characters YAML does not allow; found again here because
        # libyaml counts its position in bytes and PyYAML's reader in characters
        bad = _NOT_PRINTABLE.search(text)
        line = len(_LINE_BREAK.findall(text, 0, bad.start())) + 1 if bad else None
        char = f"U+{ord(bad.group()):04X}" if bad else "?"
        problems.append(Problem(str(path), line, "yaml_character", {"char": char}))
    except yaml.MarkedYAMLError as exc:
        # the context ("while parsing a flow sequence") starts where the mistake usually is;
        # the problem mark is where the parser gave up, often the line after
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        reason = ", ".join(x for x in (exc.context, exc.problem) if x)
        if exc.problem_mark and exc.context_mark:
            reason += f" (line {exc.problem_mark.line + 1})"
        problems.append(Problem(str(path), line, "yaml_syntax", {"reason": shown(reason)}))
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), None, "yaml_syntax", {"reason": shown(str(exc))}))
    return None


# ---------------------------------------------------------------- values in messages

_SHOWN_CHARS = 120


class Shown:
    """A value from a file as a message shows it: control characters escaped (a newline or
    an escape sequence in a key must not break the one-line message or reach a terminal)
    and cut to a readable length (a 3 MB title is still a one-line message)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return _clip(repr(self.value))  # repr escapes what is not printable

    def __str__(self) -> str:
        text = self.value if isinstance(self.value, str) else repr(self.value)
        text = text[:_SHOWN_CHARS * 2]
        return _clip(one_line(text))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def shown(value: object) -> object:
    """`value` ready for a message: as it is when short and printable (a check's caller may
    compare it), else Shown."""
    if isinstance(value, (bool, int, float, date)) or value is None:
        return value
    if isinstance(value, str):
        return value if len(value) <= _SHOWN_CHARS and value.isprintable() else Shown(value)
    return value if len(repr(value)) <= _SHOWN_CHARS else Shown(value)


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"

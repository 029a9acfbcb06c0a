"""YAML with line numbers: every mapping remembers where it and each key stand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from qth_disclosure.errors import Problem

# ---------------------------------------------------------------- YAML with line numbers


class LineMap(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key, and repeated keys."""

    line: int = 0
    lines: dict[str, int]
    repeated: list[tuple[str, int]]


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasRefused(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__(f"alias at line {line}")
        self.line = line


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met a second time is an alias (*name). Refusing aliases stops a "billion
        # laughs" file from blowing up, and keeps every value written where it applies.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise AliasRefused(node.start_mark.line + 1)
        return super().construct_object(node, deep)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.lines = {}
    result.repeated = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            result.repeated.append((str(key), line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def read_yaml(path: Path, problems: list[Problem], data: bytes | None = None) -> Any:
    """Parse a YAML file (or its bytes, already read) into LineMaps; problems go to `problems`."""
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8")
    except FileNotFoundError:
        problems.append(Problem(str(path), None, "file_missing"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), None, "file_unreadable", {"reason": str(exc)}))
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except AliasRefused as exc:
        problems.append(Problem(str(path), exc.line, "yaml_alias"))
    except yaml.MarkedYAMLError as exc:
        # the context ("while parsing a flow sequence") starts where the mistake usually is;
        # the problem mark is where the parser gave up, often the line after
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        reason = ", ".join(x for x in (exc.context, exc.problem) if x)
        if exc.problem_mark and exc.context_mark:
            reason += f" (line {exc.problem_mark.line + 1})"
        problems.append(Problem(str(path), line, "yaml_syntax", {"reason": reason}))
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), None, "yaml_syntax", {"reason": str(exc)}))
    return None


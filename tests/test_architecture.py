"""The layers hold: no import cycle anywhere in the package (imports inside functions
included), every arrow points down, and the pure core neither prints nor reads the clock.

Read from the source with `ast`, so an import that only runs on some path counts too.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qth_disclosure"
# layer -> the project modules it must never import (prefixes); see docs/architecture.md
FORBIDDEN = {
    "qth_disclosure.core": ("qth_disclosure.commands", "qth_disclosure.views",
                            "qth_disclosure.output", "qth_disclosure.queries",
                            "qth_disclosure.session", "qth_disclosure.cli",
                            "qth_disclosure.export", "typer", "rich", "click"),
    "qth_disclosure.ledger": ("qth_disclosure.core", "qth_disclosure.registry",
                              "qth_disclosure.views", "qth_disclosure.commands",
                              "qth_disclosure.queries", "typer", "rich"),
    "qth_disclosure.registry": ("qth_disclosure.core", "qth_disclosure.ledger",
                                "qth_disclosure.views", "qth_disclosure.commands",
                                "qth_disclosure.queries", "typer", "rich"),
    "qth_disclosure.views": ("qth_disclosure.commands", "qth_disclosure.queries",
                             "qth_disclosure.session", "typer"),
    "qth_disclosure.documents": ("qth_disclosure.core", "qth_disclosure.views",
                                 "qth_disclosure.commands", "qth_disclosure.queries",
                                 "qth_disclosure.session", "qth_disclosure.ledger",
                                 "qth_disclosure.registry", "typer", "rich"),
    # the site renders what the core decided: it reads no ledger and knows no command line
    "qth_disclosure.site": ("qth_disclosure.commands", "qth_disclosure.queries",
                            "qth_disclosure.session", "qth_disclosure.cli",
                            "qth_disclosure.ledger.store", "typer", "rich", "click"),
    "qth_disclosure.output": ("qth_disclosure.core", "qth_disclosure.views",
                              "qth_disclosure.commands", "qth_disclosure.ledger", "typer"),
}
CLOCK = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("time", "time"),
         ("datetime", "utcnow")}


@cache
def modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def imports(name: str) -> set[str]:
    """Every module `name` imports, wherever in the file the import stands."""
    out: set[str] = set()
    package = name if (PACKAGE / "/".join(name.split(".")[1:]) / "__init__.py").exists() \
        else name.rpartition(".")[0]
    for node in ast.walk(modules()[name]):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules()}
    return out


def test_architecture_has_no_import_cycle() -> None:
    graph = {m: {i for i in imports(m) if i in modules() and i != m} for m in modules()}
    # a package's __init__ re-exporting its own modules is not a cycle of meaning
    graph = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for i in sorted(graph[m]):
            if state.get(i) == 1:
                cycle = [*path, m, i]
                pytest.fail("import cycle: " + " -> ".join(cycle[cycle.index(i):]))
            if i not in state:
                visit(i, [*path, m])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_architecture_arrows_point_down(layer: str) -> None:
    wrong = sorted(f"{m} imports {i}" for m in modules() if m.startswith(layer)
                   for i in imports(m) if i.startswith(FORBIDDEN[layer]))
    assert wrong == []


def test_architecture_core_neither_prints_nor_reads_the_clock() -> None:
    found = []
    for m, tree in modules().items():
        if not m.startswith("qth_disclosure.core"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("print", "input", "exit"):
                found.append(f"{m}: {node.func.id}()")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and (node.value.id, node.attr) in CLOCK:
                found.append(f"{m}: {node.value.id}.{node.attr}")
    assert found == []

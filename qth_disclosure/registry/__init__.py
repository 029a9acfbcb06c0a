"""The registry: the plan as data (tasks.yaml, agencies.yaml), loaded and validated.

`load_registry` serves a registry that validated before from the cache without importing
the YAML parser or the validator at all; only a new or edited registry pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from qth_disclosure.errors import Problem, RegistryError
from qth_disclosure.paths import resolve_registry_dir, shipped_registry_dir
from qth_disclosure.registry import cache
from qth_disclosure.registry.model import (
    AGENCIES_FILE,
    AGENCY_KINDS,
    ALL_KINDS,
    ALL_UNITS,
    DELIVERABLE_KINDS,
    MONTH_END,
    TASKS_FILE,
    Agency,
    DayOverride,
    LawProfile,
    MonthlyRule,
    Phase,
    Plan,
    Registry,
    Section,
    Task,
)
from qth_disclosure.registry.reading import read_file


def load_registry(directory: Path) -> Registry:
    """Load and validate; raise RegistryError listing every problem.

    A registry that validated once is kept under a key made of the two files' exact
    bytes: the next run skips parsing and validation, and any change to either file makes
    a new key, so a cached registry is never stale.
    """
    files = {name: read_file(directory / name) for name in (AGENCIES_FILE, TASKS_FILE)}
    read = {name: data for name, data in files.items() if isinstance(data, bytes)}
    key = cache.key(directory, read) if len(read) == len(files) else None
    if key is not None and (hit := cache.get(key)) is not None:
        return hit
    registry, problems = check_registry(directory, files)
    if registry is None:
        raise RegistryError(problems)
    if key is not None:
        cache.put(key, registry)
    return registry


def check_registry(directory: Path, files: Mapping[str, bytes | Problem] | None = None
                   ) -> tuple[Registry | None, list[Problem]]:
    """Validate both files (or what reading them gave); the registry and every problem."""
    from qth_disclosure.registry.load import check_registry as check

    return check(directory, files)


__all__ = [
    "AGENCIES_FILE", "AGENCY_KINDS", "ALL_KINDS", "ALL_UNITS", "DELIVERABLE_KINDS", "MONTH_END",
    "TASKS_FILE", "Agency",
    "DayOverride", "LawProfile",
    "MonthlyRule", "Phase", "Plan", "Registry", "Section", "Task", "check_registry",
    "load_registry", "resolve_registry_dir", "shipped_registry_dir",
]

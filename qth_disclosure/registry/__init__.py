"""The registry: the plan as data (tasks.yaml, agencies.yaml), loaded and validated.

`load_registry` serves a registry that validated before from the cache without importing
the YAML parser or the validator at all; only a new or edited registry pays for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from qth_disclosure.errors import RegistryError
from qth_disclosure.paths import resolve_registry_dir, shipped_registry_dir
from qth_disclosure.registry import cache
from qth_disclosure.registry.model import (
    AGENCIES_FILE,
    AGENCY_KINDS,
    ALL_UNITS,
    DELIVERABLE_KINDS,
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

if TYPE_CHECKING:
    from qth_disclosure.errors import Problem


def load_registry(directory: Path) -> Registry:
    """Load and validate; raise RegistryError listing every problem.

    A registry that validated once is kept, pickled, under a key made of the two files'
    exact bytes: the next run skips parsing and validation, and any change to either file
    makes a new key, so a cached registry is never stale.
    """
    files = _read_files(directory)
    key = cache.key(directory, files) if files is not None else None
    if key is not None and (hit := cache.get(key)) is not None:
        return hit
    registry, problems = check_registry(directory, files)
    if problems or registry is None:
        raise RegistryError(problems)
    if key is not None:
        cache.put(key, registry)
    return registry


def check_registry(directory: Path, files: dict[str, bytes] | None = None
                   ) -> tuple[Registry | None, list[Problem]]:
    """Validate both files (or their bytes, already read); the registry and every problem."""
    from qth_disclosure.registry.load import check_registry as check

    return check(directory, files)


def _read_files(directory: Path) -> dict[str, bytes] | None:
    try:
        return {name: (directory / name).read_bytes() for name in (AGENCIES_FILE, TASKS_FILE)}
    except OSError:
        return None  # validation reports what is missing or unreadable


__all__ = [
    "AGENCIES_FILE", "AGENCY_KINDS", "ALL_UNITS", "DELIVERABLE_KINDS", "TASKS_FILE", "Agency",
    "DayOverride", "LawProfile",
    "MonthlyRule", "Phase", "Plan", "Registry", "Section", "Task", "check_registry",
    "load_registry", "resolve_registry_dir", "shipped_registry_dir",
]

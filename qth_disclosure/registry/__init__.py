"""The registry: the plan as data (tasks.yaml, agencies.yaml), loaded and validated."""

from qth_disclosure.paths import resolve_registry_dir, shipped_registry_dir
from qth_disclosure.registry.load import check_registry, load_registry
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

__all__ = [
    "AGENCIES_FILE", "AGENCY_KINDS", "ALL_UNITS", "DELIVERABLE_KINDS", "TASKS_FILE", "Agency",
    "DayOverride", "LawProfile",
    "MonthlyRule", "Phase", "Plan", "Registry", "Section", "Task", "check_registry",
    "load_registry", "resolve_registry_dir", "shipped_registry_dir",
]

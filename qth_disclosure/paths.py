"""Where things are: flag, then environment variable, then the default, in one place.

Imports nothing heavy: `disclose --help` resolves these before any command runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

TASKS_FILE = "tasks.yaml"
AGENCIES_FILE = "agencies.yaml"
LEDGER_FILENAME = "ledger.sqlite3"


def shipped_registry_dir() -> Path:
    """The 2015 registry that ships with the tool.

    An installed wheel carries it inside the package; a source checkout (or an editable
    install) reads the two files at the top of the repository, where they are maintained.
    """
    package = Path(__file__).resolve().parent
    packaged = package / "registry_data"
    if (packaged / TASKS_FILE).is_file():
        return packaged
    return package.parent


def resolve_registry_dir(flag: str | None) -> Path:
    """--registry, then DISCLOSE_REGISTRY, then the shipped registry."""
    chosen = flag or os.environ.get("DISCLOSE_REGISTRY")
    return Path(chosen).expanduser() if chosen else shipped_registry_dir()


def default_ledger_path() -> Path:
    """$XDG_DATA_HOME/qth-disclosure/ledger.sqlite3 (~/.local/share/... when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local",
                                                             "share")
    return Path(base) / "qth-disclosure" / LEDGER_FILENAME


class LedgerChoice(NamedTuple):
    location: str
    given: bool  # named by --db or DISCLOSE_DB, rather than the default path


def resolve_ledger(flag: str | None) -> LedgerChoice:
    """--db, then DISCLOSE_DB, then the default path; and whether one was given. A location
    given must hold a ledger already (`disclose db init` makes one); only the default
    location is created by the first write."""
    given = flag or os.environ.get("DISCLOSE_DB")
    return LedgerChoice(given, True) if given else LedgerChoice(str(default_ledger_path()), False)

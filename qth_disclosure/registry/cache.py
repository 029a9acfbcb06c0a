"""A cache of validated registries, keyed by the exact bytes of the files.

Parsing and validating a large registry (thousands of tasks and units) costs far more
than unpickling it. The key covers both files' bytes, their directory, the tool's version,
Python's, and the source of the model the pickle is made of, so an edit, a move, an upgrade
or a changed record shape can never be served a stale registry.
The cache lives in the user's own cache directory (mode 0700): a pickle is only as
trustworthy as whoever can write it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from qth_disclosure import __version__

if TYPE_CHECKING:
    from qth_disclosure.registry.model import Registry


# read, not imported: a cache hit must not pay for the model before it needs it
_MODEL_SOURCE = Path(__file__).with_name("model.py")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "qth-disclosure"


def key(directory: Path, files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for part in (__version__, sys.version, str(directory.resolve())):
        digest.update(part.encode() + b"\0")
    digest.update(_MODEL_SOURCE.read_bytes() + b"\0")
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def get(cache_key: str) -> Registry | None:
    path = cache_dir() / f"registry-{cache_key}.pickle"
    try:
        with path.open("rb") as f:
            found = pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None  # a missing, unreadable or outdated cache is simply rebuilt
    from qth_disclosure.registry.model import Registry

    return found if isinstance(found, Registry) else None


def put(cache_key: str, registry: Registry) -> None:
    """Store atomically; a cache that cannot be written (read-only home) is skipped."""
    from qth_disclosure.files import write_atomically  # only a miss writes; a hit need not load it

    directory = cache_dir()
    with suppress(OSError):
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # left 0600 as made, and not synced: a pickle torn by a crash fails to load, is rebuilt
        write_atomically(directory / f"registry-{cache_key}.pickle",
                         lambda target: _dump(registry, target), sync=False)


def _dump(registry: Registry, target: Path) -> None:
    with target.open("wb") as f:
        pickle.dump(registry, f, protocol=pickle.HIGHEST_PROTOCOL)

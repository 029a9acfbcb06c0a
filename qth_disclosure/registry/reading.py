"""Reading a registry file's bytes: only a regular file, and only so many bytes.

A path in a registry directory can name anything: a FIFO that blocks an `open` until
someone writes to it, /dev/zero that never ends, a directory, a file of gigabytes. Each is
refused with a problem before a byte is parsed. Imports nothing heavy: every run reads the
files, to key the cache, before it knows whether it needs the parser.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from qth_disclosure.errors import Problem

# The shipped plan is 41 KB; the largest registry benchmarked (4,000 tasks, 3,000 units)
# is under 0.5 MB per file. 4 MiB leaves room for any city's plan while keeping a parse
# to about a second and a mistaken or hostile file from filling memory.
MAX_FILE_MIB = 4
MAX_FILE_BYTES = MAX_FILE_MIB * 1024 * 1024

# O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused right after);
# O_NOCTTY: a terminal named as a registry file must not become ours
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(
    os, "O_CLOEXEC", 0)


def read_file(path: Path) -> bytes | Problem:
    """The bytes of one registry file, or the one problem that stops it being read."""
    try:
        # stat first, following links: a device or FIFO is refused without being opened
        problem = _refused(path, os.stat(path))
        if problem is not None:
            return problem
        fd = os.open(path, _OPEN_FLAGS)
        with open(fd, "rb") as f:
            # the path may name something else by now; what counts is what was opened
            problem = _refused(path, os.fstat(fd))
            if problem is not None:
                return problem
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return Problem(str(path), None, "file_missing")
    except OSError as exc:
        return Problem(str(path), None, "file_unreadable", {"reason": exc.strerror or str(exc)})
    if len(data) > MAX_FILE_BYTES:  # it grew after the stat
        return _too_large(path, len(data))
    return data


def _refused(path: Path, found: os.stat_result) -> Problem | None:
    if stat.S_ISDIR(found.st_mode):
        return Problem(str(path), None, "file_is_directory")
    if not stat.S_ISREG(found.st_mode):
        return Problem(str(path), None, "file_is_special")
    if found.st_size > MAX_FILE_BYTES:
        return _too_large(path, found.st_size)
    return None


def _too_large(path: Path, size: int) -> Problem:
    return Problem(str(path), None, "file_too_large", {"size": size, "limit": MAX_FILE_MIB})

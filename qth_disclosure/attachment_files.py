"""The files `submit --attach` stores: each read whole, and checked, before the write.

A file is refused in one line, naming it, when it is missing, unreadable, not a regular
file (a directory, a device, a FIFO that would block the command), larger than the
registry's cap (plan.attachments.max_bytes), or named with characters no file listing
should carry (control characters). Only its base name is kept: the directory it came from
is the submitter's machine's, not the ledger's business.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from qth_disclosure.errors import InputError
from qth_disclosure.ledger import NewAttachment
from qth_disclosure.ledger.attached import digest

MAX_NAME_CHARS = 255  # what a file system gives a name


def read_attachments(paths: list[Path], max_bytes: int) -> list[NewAttachment]:
    """Each file at `paths`, in order, with its base name, size and SHA-256."""
    return [read_attachment(path, max_bytes) for path in paths]


def read_attachment(path: Path, max_bytes: int) -> NewAttachment:
    name = safe_name(path)
    try:
        # O_NONBLOCK: a FIFO named here is refused below, not waited on
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError("attach_unreadable", file=str(path),
                         reason=exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("attach_not_a_file", file=str(path))
        if info.st_size > max_bytes:
            raise InputError("attach_too_large", file=str(path), size=info.st_size,
                             limit=max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as f:
            # one byte past the cap: a file that grew since fstat is still refused
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise InputError("attach_unreadable", file=str(path),
                         reason=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InputError("attach_too_large", file=str(path), size=len(data), limit=max_bytes)
    return NewAttachment(name=name, size=len(data), sha256=digest(data), data=data)


def safe_name(path: Path) -> str:
    """The file's base name, as it will be listed and offered back; refused when empty,
    too long, or holding a control character (NUL included) or a lone surrogate (bytes
    that were not UTF-8)."""
    name = path.name
    bad = next((c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")),
               None)
    if not name or name in (".", "..") or bad is not None or len(name) > MAX_NAME_CHARS:
        raise InputError("attach_bad_name", file=str(path), limit=MAX_NAME_CHARS)
    return name

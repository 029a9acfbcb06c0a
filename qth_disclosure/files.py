"""Replacing a file so that it holds either its old bytes or all of the new ones, never half.

Exports replace a file in place, and doing that safely (a temporary name beside the
target, flushed, renamed over it, removed on any failure) is worth writing once; a failure
is raised for the caller to report. (The registry cache writes its entries itself, relative
to the directory it has checked and holds open, so that no path can be swapped under it.)
Imports nothing heavy; `tempfile` is imported only when a file is actually written.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def write_atomically(path: Path, write: Callable[[Path], None], *, mode: int | None = None,
                     sync: bool = True, replace: bool = True) -> None:
    """Have `write` fill a temporary file beside `path`, then rename it over `path`.

    `mode` gives the file its permission bits; without it the file keeps the 0600 its
    temporary was made with. `sync` puts the bytes on disk before the rename, or a crash
    could leave an empty file under the name. Without `replace` an existing `path` is
    never overwritten, even one that appears while `write` runs: FileExistsError. On any
    failure the temporary is removed and the exception raised as it came; `path` itself
    is untouched.
    """
    import tempfile  # it pulls in random; only a command that writes a file pays for it

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        if sync:
            fd = os.open(temporary, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        if mode is not None:
            os.chmod(temporary, mode)
        if replace:
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise


def _place_new(temporary: Path, path: Path) -> None:
    """Give `temporary` the name `path`, which must not exist: a hard link, which the
    system refuses to put over an existing name, then the temporary name removed."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # a filesystem without hard links: a look first, then the rename
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from exc
        os.rename(temporary, path)
        return
    temporary.unlink()


def mode_for(path: Path) -> int:
    """An overwritten file keeps its permissions; a new one gets what the umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)  # the only way to read it is to set it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask

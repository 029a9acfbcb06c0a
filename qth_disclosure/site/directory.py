"""The directory a site is published to: made by publish, and holding nothing else.

`publish --out DIR` creates DIR (its parent must exist). An existing DIR is taken only when
it is empty or publish made it: publish keeps the list of the files it wrote in DIR/MARKER,
and refuses a DIR holding anything that list does not name (a file, a subdirectory, a
link), so it never overwrites or removes a file someone else put there. Within such a DIR
it replaces its own files, each atomically (`files.write_atomically`), and removes those
of the last publish the new site no longer has. The list is written first as the union of
the old and new names, so a publish broken off half-way leaves a DIR the next one accepts.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from qth_disclosure.errors import InputError
from qth_disclosure.files import mode_for, write_atomically

MARKER = ".disclose-publish"
HEADER = "# disclose publish: the files of this site; publish replaces these and no others"


def write_site(out: Path, site: Mapping[str, bytes], previous: Sequence[str]) -> list[str]:
    """Write `site` (file name → bytes) into `out`, which `claim` took with the files of
    its `previous` publish; the names of those that were removed, in order."""
    names = sorted(site)
    try:
        out.mkdir(exist_ok=True)
        _write_marker(out, sorted({*previous, *names}))
        for name in names:
            _write_file(out / name, site[name])
        stale = [name for name in previous if name not in site]
        for name in stale:
            (out / name).unlink(missing_ok=True)
        _write_marker(out, names)
    except OSError as exc:
        raise InputError("publish_write_failed", value=str(out),
                         reason=exc.strerror or str(exc)) from None
    return stale


def claim(out: Path) -> list[str]:
    """The files of the last publish into `out` (none for a new or empty directory);
    a directory publish may not write refused, and one that does not exist where its
    parent does not either. Asked before anything is read or written, so a wrong DIR
    costs nothing and leaves nothing behind."""
    try:
        info = out.stat()
    except FileNotFoundError:
        if not out.absolute().parent.is_dir():
            raise InputError("publish_dir_missing", value=str(out)) from None
        return []  # made by write_site
    except OSError as exc:
        raise InputError("publish_write_failed", value=str(out),
                         reason=exc.strerror or str(exc)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise InputError("publish_not_directory", value=str(out))
    try:
        entries = sorted(os.listdir(out))
    except OSError as exc:
        raise InputError("publish_write_failed", value=str(out),
                         reason=exc.strerror or str(exc)) from None
    previous = _listed(out) if MARKER in entries else []
    ours = {MARKER, *previous}
    leftovers = [e for e in entries if _temporary_of(e, ours) and _regular(out / e)]
    foreign = [e for e in entries if e != MARKER and e not in leftovers
               and (e not in previous or not _regular(out / e))]
    if foreign:
        shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
        raise InputError("publish_foreign", value=str(out), files=shown)
    for name in leftovers:  # a publish broken off while it wrote one of its own files
        (out / name).unlink(missing_ok=True)
    return previous


def _temporary_of(entry: str, ours: set[str]) -> bool:
    """Whether `entry` is a temporary file publish makes while writing one of `ours`
    (files.write_atomically: .NAME.XXXXXXXX.part)."""
    if not (entry.startswith(".") and entry.endswith(".part")):
        return False
    return any(entry.startswith(f".{name}.") for name in ours)


def _listed(out: Path) -> list[str]:
    """The names the marker lists; a marker publish did not write is refused."""
    marker = out / MARKER
    try:
        if not _regular(marker):
            raise ValueError
        lines = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        raise InputError("publish_marker_unreadable", value=str(out), marker=MARKER) from None
    names = lines[1:]
    if not lines or lines[0] != HEADER or not all(_plain_name(n) for n in names):
        raise InputError("publish_marker_unreadable", value=str(out), marker=MARKER)
    return names


def _plain_name(name: str) -> bool:
    """A file name directly in the directory: no path, not hidden, not the marker."""
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def _regular(path: Path) -> bool:
    """A regular file itself, not a link to one."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _write_marker(out: Path, names: list[str]) -> None:
    _write_file(out / MARKER, ("\n".join([HEADER, *names]) + "\n").encode("utf-8"))


def _write_file(target: Path, data: bytes) -> None:
    """One file replaced whole; a new one readable as the umask allows (a web server
    serves it), an existing one keeping its permissions."""
    def fill(path: Path) -> None:
        path.write_bytes(data)

    write_atomically(target, fill, mode=mode_for(target) & 0o666)

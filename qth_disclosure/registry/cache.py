"""A cache of validated registries, keyed by the exact bytes of the files.

Parsing and validating a large registry (thousands of tasks and units) costs far more
than reading back what it gave. The key covers both files' bytes, their directory, the
tool's version, Python's, and the source of the model the records are made of, so an
edit, a move, an upgrade or a changed record shape can never be served a stale registry.

An entry is JSON of plain values (text, numbers, lists), rebuilt into the records on a
hit. JSON can describe nothing but data: a planted or damaged file can at worst fail to
rebuild, and is then ignored. A pickle runs whatever code its bytes name; keeping one
safe would need a secret key (an HMAC over it) stored where no one else can write, which
is the very guarantee in doubt when the cache directory is, and a key to create, guard
and lose. JSON costs no more: on the 4,000-task, 3,000-unit benchmark registry a hit's
whole process took 65 ms of CPU against 67 ms with the pickle (715 ms to parse and
validate instead). A digest of the body catches a torn or damaged entry that would
still parse.

Only what is certainly the user's own is used: the cache directory and each entry must be
owned by the user and writable by no one else, and an entry must be a regular file (not a
link, FIFO or device), opened without following links or waiting on a FIFO. Anything
else is passed over, never trusted, never written into: the run parses the YAML instead.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import stat
import sys
from collections.abc import Sequence
from contextlib import suppress
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qth_disclosure import __version__

if TYPE_CHECKING:
    from qth_disclosure.registry.model import Registry


# read, not imported: a cache hit must not pay for the model before it needs it
_MODEL_SOURCE = Path(__file__).with_name("model.py")
# a registry file is at most 4 MiB (reading.MAX_FILE_BYTES); its entry is of that order
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_NOCTTY", 0))
_WRITE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0))


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


def entry_name(cache_key: str) -> str:
    return f"registry-{cache_key}.json"


def get(cache_key: str) -> Registry | None:
    """The registry cached under `cache_key`, or None: missing, untrusted or damaged."""
    data = _read_trusted(entry_name(cache_key))
    if data is None:
        return None
    digest, _, body = data.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != digest:
        return None  # torn by a crash, or damaged: rebuilt from the YAML
    # Decoding makes some 100,000 objects that all live as long as the run: the collector
    # would scan them again and again for nothing (a fifth of a large registry's hit)
    collecting = gc.isenabled()
    gc.disable()
    try:
        plain = json.loads(body)
        if plain["key"] != cache_key:  # an entry copied under another's name
            return None
        return _rebuild(plain["registry"])
    # what JSON that is not one of our entries makes the rebuild raise: a missing field
    # (KeyError), a wrong count or type (TypeError, IndexError, ValueError on a date),
    # nesting deeper than the decoder goes (RecursionError)
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None
    finally:
        if collecting:
            gc.enable()


def put(cache_key: str, registry: Registry) -> None:
    """Store atomically; a cache that cannot be written or is not trusted is skipped."""
    directory = cache_dir()
    # UnicodeEncodeError: a text holding a lone surrogate (only PyYAML's pure-Python
    # parser lets one through, from a "\ud800" escape) has no UTF-8; it goes uncached
    with suppress(OSError, UnicodeEncodeError):
        if not directory.exists():
            directory.parent.mkdir(parents=True, exist_ok=True)
            directory.mkdir(mode=0o700)
        dir_fd = _open_trusted_dir(directory)
        if dir_fd is None:
            return
        try:
            body = json.dumps({"key": cache_key, "registry": _plain(registry)},
                              ensure_ascii=False, separators=(",", ":")).encode()
            data = hashlib.sha256(body).hexdigest().encode() + b"\n" + body
            _write_in(dir_fd, entry_name(cache_key), data)
        finally:
            os.close(dir_fd)


# ---------------------------------------------------------------- trusted files only


def _trusted(info: os.stat_result) -> bool:
    """The user's own, and writable by no one else."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_trusted_dir(directory: Path) -> int | None:
    try:
        fd = os.open(directory, _DIR_FLAGS)  # a symlink in its place is refused (ELOOP)
    except OSError:
        return None
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode) and _trusted(info):
        return fd
    os.close(fd)
    return None


def _read_trusted(name: str) -> bytes | None:
    dir_fd = _open_trusted_dir(cache_dir())
    if dir_fd is None:
        return None
    try:
        # look before opening: a FIFO or device is passed over without being opened
        found = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        if not stat.S_ISREG(found.st_mode):
            return None
        fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
        with open(fd, "rb") as f:
            info = os.fstat(fd)
            if (not stat.S_ISREG(info.st_mode) or not _trusted(info)
                    or info.st_size > MAX_ENTRY_BYTES):
                return None
            return f.read(MAX_ENTRY_BYTES)
    except OSError:
        return None  # missing, unreadable, or swapped for a link since the stat
    finally:
        os.close(dir_fd)


def _write_in(dir_fd: int, name: str, data: bytes) -> None:
    """Write beside `name` in the directory held open, then rename over it: a reader sees
    the old entry or the whole new one. Not synced: a torn entry fails its digest.

    Not files.write_atomically, which works by path: here every step is relative to the
    directory whose owner and mode were checked, so nothing can be swapped in between."""
    part = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.part"
    fd = os.open(part, _WRITE_FLAGS, 0o600, dir_fd=dir_fd)
    try:
        with open(fd, "wb") as f:
            f.write(data)
        os.replace(part, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with suppress(OSError):
            os.unlink(part, dir_fd=dir_fd)
        raise


# ---------------------------------------------------------------- records as plain data
# A list of records is stored by columns, one per field, with which columns hold dates (as
# ISO text) and which tuples (as lists): rebuilding is then a few C-level passes (`map`,
# `zip`) per column rather than Python code per record, and needs no knowledge of the
# model beyond the record classes.


def _plain(registry: Registry) -> dict[str, Any]:
    return {
        "source": str(registry.source), "plan": _columns([registry.plan]),
        "phases": _columns(registry.phases), "monthly": _columns([registry.monthly]),
        "sections": _columns(registry.sections), "tasks": _columns(registry.tasks),
        "agencies": _columns(registry.agencies), "law_profiles": _columns(registry.law_profiles),
        "day_overrides": _columns(registry.day_overrides),
        "coordinators": list(registry.coordinators),
        "documents": None if registry.documents is None else _columns([registry.documents]),
        "contacts": _columns(registry.contacts),
        "scoring": None if registry.scoring is None else _plain_scoring(registry.scoring),
    }


# the scoring rules' lists of records, each stored as a table of its own
_SCORING_LISTS = ("points", "caps", "vetoes", "grades")


def _plain_scoring(rules: Any) -> dict[str, Any]:
    head = rules._replace(**dict.fromkeys(_SCORING_LISTS, ()))
    return {"rules": _columns([head]),
            **{name: _columns(getattr(rules, name)) for name in _SCORING_LISTS}}


def _columns(records: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
    columns = [list(column) for column in zip(*records, strict=True)]  # none for no records
    dates = [i for i, c in enumerate(columns) if any(isinstance(v, date) for v in c)]
    tuples = [i for i, c in enumerate(columns) if any(isinstance(v, tuple) for v in c)]
    decimals = [i for i, c in enumerate(columns) if any(isinstance(v, Decimal) for v in c)]
    for i in dates:
        columns[i] = [None if v is None else v.isoformat() for v in columns[i]]
    for i in tuples:
        columns[i] = [list(v) for v in columns[i]]
    for i in decimals:  # points (考核): exact, as text
        columns[i] = [None if v is None else str(v) for v in columns[i]]
    return {"dates": dates, "tuples": tuples, "decimals": decimals, "columns": columns}


def _rebuild(plain: dict[str, Any]) -> Registry:
    from qth_disclosure.registry import model

    def records(kind: Any, table: dict[str, Any]) -> tuple[Any, ...]:
        columns = table["columns"]
        if not columns:
            return ()
        if len(columns) != len(kind._fields):
            raise ValueError("an entry's columns do not fit its records")
        for i in table["dates"]:
            columns[i] = [None if v is None else date.fromisoformat(v) for v in columns[i]]
        for i in table["tuples"]:
            columns[i] = list(map(tuple, columns[i]))
        for i in table.get("decimals", ()):
            columns[i] = [None if v is None else Decimal(v) for v in columns[i]]
        # each row has exactly the record's fields (checked above; zip refuses columns of
        # unequal length), so a record is made as NamedTuple._make makes it, without a
        # Python call per record
        return tuple(map(partial(tuple.__new__, kind), zip(*columns, strict=True)))

    def scoring(tables: dict[str, Any]) -> model.ScoringRules:
        kinds = {"points": model.PointRule, "caps": model.ScoreCap, "vetoes": model.Veto,
                 "grades": model.Grade}
        head: model.ScoringRules = records(model.ScoringRules, tables["rules"])[0]
        lists: dict[str, Any] = {name: records(kind, tables[name])
                                 for name, kind in kinds.items()}
        return head._replace(**lists)

    return model.Registry(
        source=Path(plain["source"]), plan=records(model.Plan, plain["plan"])[0],
        phases=records(model.Phase, plain["phases"]),
        monthly=records(model.MonthlyRule, plain["monthly"])[0],
        sections=records(model.Section, plain["sections"]),
        tasks=records(model.Task, plain["tasks"]),
        agencies=records(model.Agency, plain["agencies"]),
        law_profiles=records(model.LawProfile, plain["law_profiles"]),
        day_overrides=records(model.DayOverride, plain["day_overrides"]),
        coordinators=tuple(plain["coordinators"]),
        documents=(None if plain.get("documents") is None
                   else records(model.DocumentRules, plain["documents"])[0]),
        contacts=records(model.Contact, plain["contacts"]),
        scoring=None if plain.get("scoring") is None else scoring(plain["scoring"]),
    )

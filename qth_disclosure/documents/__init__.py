"""The documents the office and the units send out (通报, 答复书, 催报通知): their parts as
values (`model`), printed as text and markdown, or written as .docx (`docx`)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from qth_disclosure.documents.model import Document
from qth_disclosure.errors import InputError
from qth_disclosure.files import mode_for, write_atomically


def check_docx_target(path: Path) -> None:
    """A .docx name in a directory that exists, not yet taken; else an InputError (before
    anything is read or recorded)."""
    if path.suffix.lower() != ".docx":
        raise InputError("bad_document_suffix", value=str(path))
    if not path.parent.is_dir():
        raise InputError("export_dir_missing", value=str(path.parent))
    check_free(path)


def check_free(path: Path) -> None:
    """No file at `path`, and a name the directory can hold together with the temporary
    name it is written under; an OSError where the name cannot even be looked up."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        raise InputError("export_exists", value=str(path))
    # files.write_atomically writes `.NAME.XXXXXXXX.part` first
    room = os.pathconf(path.parent, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    if len(os.fsencode(path.name)) + 15 > room:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))


def write_docx(path: Path, doc: Document) -> None:
    """Write `doc` as a .docx at `path`: a new file only, all of it or nothing."""
    from qth_disclosure.documents.docx import write  # python-docx, only when one is written

    try:
        check_docx_target(path)
    except OSError as exc:  # a name too long to look up, a directory that cannot be read
        raise InputError("export_write_failed", value=str(path),
                         reason=exc.strerror or str(exc)) from None
    _write_new(path, write(doc))


def write_report(path: Path, data: bytes) -> None:
    """Write a composed document's bytes (an annual report's .docx) at `path`: a new file
    only, all of it or nothing."""
    _write_new(path, data)


def write_text(path: Path, text: str) -> None:
    """Write a document's text (or markdown, or JSON record) at `path`: a new file only."""
    _write_new(path, text.encode("utf-8"))


def _write_new(path: Path, data: bytes) -> None:
    """`data` as the new file `path`, all of it or nothing; refused in one line."""
    def fill(target: Path) -> None:
        target.write_bytes(data)

    try:
        write_atomically(path, fill, mode=mode_for(path), replace=False)
    except FileExistsError as exc:
        raise InputError("export_exists", value=str(path)) from exc
    except OSError as exc:
        raise InputError("export_write_failed", value=str(path),
                         reason=exc.strerror or str(exc)) from exc

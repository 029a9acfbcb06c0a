"""How a command prints or writes a document (a bulletin, a letter): the formats it
takes and the new file it may write to, shared by `bulletin` and `request letter`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qth_disclosure.commands.common import UsageProblem
from qth_disclosure.output.render import Format, Verbatim, emit

if TYPE_CHECKING:
    from qth_disclosure.documents.model import Document
    from qth_disclosure.session import Session


class DocumentFormat(str, Enum):
    """A bulletin is a document: printed as text or markdown, its record as JSON, or
    written as the office's .docx (with --out)."""

    table = "table"
    text = "text"
    markdown = "markdown"
    json = "json"
    docx = "docx"
    csv = "csv"  # only its --list has rows


DocumentFormatOption = Annotated[DocumentFormat, typer.Option(
    "--format", "-f")]
OutOption = Annotated[str | None, typer.Option(
    "--out", "-o", metavar="FILE")]


def document_format(fmt: DocumentFormat, out: str | None) -> DocumentFormat:
    """The format a document is written in: a .docx name under the default format is the
    office's .docx, as `annual-report` and `export` read a format from the name; another
    format named for a .docx file is refused rather than written as text under that name."""
    if out is None or Path(out).suffix.lower() != ".docx" or fmt is DocumentFormat.docx:
        return fmt
    if fmt is DocumentFormat.table:
        return DocumentFormat.docx
    raise UsageProblem("options_docx_name_other_format", value=out, format=fmt.value)


def document_target(fmt: DocumentFormat, out: str | None) -> Path | None:
    """Where the document goes: a new file checked before anything is read or recorded,
    or None for standard output."""
    from qth_disclosure.documents import check_docx_target, check_free
    from qth_disclosure.errors import InputError

    if fmt is DocumentFormat.docx and out is None:
        raise UsageProblem("options_docx_needs_out")
    if out is None:
        return None
    path = Path(out)
    try:
        if fmt is DocumentFormat.docx:
            check_docx_target(path)
        elif not path.parent.is_dir():
            raise InputError("export_dir_missing", value=str(path.parent))
        else:
            check_free(path)
    except OSError as exc:  # a name too long to look up, a directory that cannot be read
        raise InputError("export_write_failed", value=str(path),
                         reason=exc.strerror or str(exc)) from None
    return path


@contextmanager
def written_first(s: Session, fmt: DocumentFormat, target: Path | None, doc: Document,
                  text: str) -> Iterator[bool]:
    """Write the document's file before it is recorded (every format but json, whose
    record names the row), and remove the file again when recording fails: the file and
    the record come both or neither."""
    early = target is not None and fmt is not DocumentFormat.json
    if early:
        emit_document(s, fmt, target, doc, text, {}, quiet=True)
    try:
        yield early  # whether the file is written: emit_document(..., written=True) then
    except BaseException:
        if early and target is not None:
            target.unlink(missing_ok=True)
        raise


def emit_document(s: Session, fmt: DocumentFormat, target: Path | None, doc: Document | None,
                  text: str, data: dict[str, object], *, quiet: bool = False,
                  written: bool = False) -> None:
    """The document to standard output or to the new file `target`: its text exactly as
    issued, markdown or docx from its parts, or its record as JSON."""
    import json

    from qth_disclosure.documents import write_docx, write_text
    from qth_disclosure.documents.model import render

    if target is None:
        emit(Format.json if fmt is DocumentFormat.json else Format.table, data,
             lambda: [Verbatim(render(doc, "markdown") if doc is not None
                               and fmt is DocumentFormat.markdown else text)])
        return
    if written:
        pass  # written before it was recorded (`written_first`): only said now
    elif fmt is DocumentFormat.docx:
        assert doc is not None
        write_docx(target, doc)
    elif fmt is DocumentFormat.json:
        write_text(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        write_text(target, render(doc, "markdown") if doc is not None
                   and fmt is DocumentFormat.markdown else text)
    if not quiet:
        typer.echo(s.t("document.wrote", path=str(target), format=fmt.value), err=True)

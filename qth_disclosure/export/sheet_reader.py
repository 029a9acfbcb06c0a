"""Reading the office's sheet of reports (`disclose import`): .xlsx through openpyxl, .csv
as Excel and WPS save it (UTF-8 with or without its byte-order mark, else GB18030, which
WPS writes on a Chinese desktop). The header and the cells as the file holds them; what
they mean is `core.sheet_import`'s."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from qth_disclosure.errors import InputError

SUFFIXES = (".xlsx", ".csv")
MAX_FILE_BYTES = 32 * 1024 * 1024
TEMPLATE_SHEET = "报送记录导入"


def read_sheet(path: Path) -> tuple[list[Any], list[list[Any]]]:
    """(header, rows) of the file's first sheet (the template's, if it has one)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError("bad_import_suffix", value=str(path), valid=", ".join(SUFFIXES))
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError("import_unreadable", path=str(path), reason="not a regular file")
        if size > MAX_FILE_BYTES:
            raise InputError("import_unreadable", path=str(path),
                             reason=f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("import_unreadable", path=str(path),
                         reason=exc.strerror or str(exc)) from exc
    rows = _xlsx(path, data) if suffix == ".xlsx" else _csv(data)
    if not rows:
        raise InputError("import_empty", path=str(path))
    return rows[0], rows[1:]


def _xlsx(path: Path, data: bytes) -> list[list[Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError("import_unreadable", path=str(path),
                         reason="not an .xlsx workbook") from exc
    try:
        sheet = book[TEMPLATE_SHEET] if TEMPLATE_SHEET in book.sheetnames else book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]

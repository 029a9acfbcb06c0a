"""A unit's plan items (部门方案) as a file gives them: rows of column name to cell.

YAML (a list of mappings, or a mapping with `items:`), CSV (a header row; UTF-8, with or
without a byte-order mark, as Excel saves it) or .xlsx (the first sheet, a header row).
What the columns mean and whether the cells are valid is `core.intake.plan_items`'s to
say; here a file is only read, safely: YAML by the safe loader, cells as text.
"""

from __future__ import annotations

from pathlib import Path

from qth_disclosure.errors import InputError

Rows = list[dict[str, object]]
MAX_BYTES = 10 * 1024 * 1024  # a plan's items fit in far less


def read_items(path: Path) -> Rows:
    """The rows of the file at `path`; an InputError naming the file when it cannot be read."""
    suffix = path.suffix.lower()
    readers = {".yaml": _yaml, ".yml": _yaml, ".csv": _csv, ".xlsx": _xlsx}
    if suffix not in readers:
        raise InputError("plan_items_suffix", file=str(path))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError("plan_items_file", file=str(path), reason="larger than 10 MB")
        return readers[suffix](path)
    except OSError as exc:
        raise InputError("plan_items_file", file=str(path),
                         reason=exc.strerror or str(exc)) from None
    except (ValueError, KeyError) as exc:  # undecodable text, a damaged workbook
        raise InputError("plan_items_file", file=str(path), reason=str(exc)) from None


def _yaml(path: Path) -> Rows:
    import yaml

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"not YAML: {str(exc).splitlines()[0]}") from None
    if isinstance(doc, dict) and set(doc) == {"items"}:
        doc = doc["items"]
    if not isinstance(doc, list) or not all(isinstance(row, dict) for row in doc):
        raise ValueError("not a list of items, each a mapping of column to text")
    return [{str(k): v for k, v in row.items()} for row in doc]


def _csv(path: Path) -> Rows:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k: v for k, v in row.items() if k is not None}
                for row in csv.DictReader(f) if any((v or "").strip() for v in row.values()
                                                    if isinstance(v, str))]


def _xlsx(path: Path) -> Rows:
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import (  # type: ignore[import-untyped]
        InvalidFileException,
    )

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError) as exc:  # a file that is no workbook
        raise ValueError(f"not an .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    out = []
    for row in rows[1:]:
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        out.append({h: v for h, v in zip(header, row, strict=False) if h})
    return out

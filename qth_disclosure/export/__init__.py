"""The plan as known on a day, written to a file: .xlsx for the office, .csv and .json.

The entry points the `export` command calls, and what every format shares: no Typer, no
printing, no clock (callers pass the registry, the assessed status and the ledger rows),
the rows cut to what was known on the status's as-of day (`known`), and every file written
under a temporary name beside the target and then given its name, so a failed export never
leaves half a file; an existing file is never overwritten. The writers live apart: `plain`
for .json and .csv, `xlsx` (with the sheets' contents in `sheets`) for the office's
workbook, imported only when one is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from qth_disclosure.core.compliance import Status
from qth_disclosure.core.scoring import Ranked
from qth_disclosure.errors import InputError
from qth_disclosure.export import plain
from qth_disclosure.export.known import Known, Rows, known_on
from qth_disclosure.files import mode_for, write_atomically
from qth_disclosure.ledger import Attachment, Bulletin, Review, Submission
from qth_disclosure.output.render import neutralise  # re-exported: the CSV's formula guard
from qth_disclosure.registry import Registry

__all__ = ["SUFFIXES", "export_format", "neutralise", "write_export"]

SUFFIXES = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}


def export_format(path: Path) -> str:
    """The format a path's suffix asks for, its directory exists and the file does not;
    else an InputError."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError("bad_export_suffix", value=str(path), valid=", ".join(SUFFIXES))
    if not path.parent.is_dir():
        raise InputError("export_dir_missing", value=str(path.parent))
    if os.path.lexists(path):
        raise InputError("export_exists", value=str(path))
    return fmt


def write_export(path: Path, *, registry: Registry, status: Status,
                 submissions: Sequence[Submission] | Rows, reviews: Sequence[Review],
                 bulletins: Sequence[Bulletin], attachments: Sequence[Attachment] = (),
                 ranked: Sequence[Ranked] | None = None) -> str:
    """Write the plan as known on `status.as_of` to `path`; returns the format written.

    `submissions` may be a function reading them afresh at each call (`known.Rows`, from
    `queries.live_submissions`): the file is then written as they are read, and holds
    only a page of them in memory. `ranked` is the ranking where it has been read."""
    fmt = export_format(path)
    known = known_on(registry, status, submissions, reviews, bulletins, attachments,
                     ranked=ranked)
    write = _writer(fmt)
    try:
        # an export is meant to be shared: it gets the umask's mode, not the 0600 of a
        # temporary file; and it never replaces a file, even one made while it was written
        write_atomically(path, lambda target: write(target, known), mode=mode_for(path),
                         replace=False)
    except FileExistsError as exc:
        raise InputError("export_exists", value=str(path)) from exc
    except OSError as exc:
        raise InputError("export_write_failed", value=str(path),
                         reason=exc.strerror or str(exc)) from exc
    return fmt


def _writer(fmt: str) -> Callable[[Path, Known], None]:
    if fmt == "xlsx":
        # openpyxl takes a noticeable share of start-up time; only an .xlsx export pays for it
        from qth_disclosure.export import xlsx

        return xlsx.write_xlsx
    return {"csv": plain.write_csv, "json": plain.write_json}[fmt]

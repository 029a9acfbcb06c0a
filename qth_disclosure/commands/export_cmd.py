"""`disclose export`: the plan as known on a day, to a spreadsheet, CSV or JSON file."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import session


def export(
    ctx: typer.Context,
    # text, made a Path here: Typer's own Path type looks the name up while parsing, and a
    # name no file can have (a NUL in it) would fail there before it could be refused
    out: Annotated[str, typer.Option(
        "--out", "-o", metavar="FILE")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD")] = None,
) -> None:
    """Write every deliverable's state, the submissions and the bulletins to a file."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.errors import InputError
    from qth_disclosure.export import export_format, write_export
    from qth_disclosure.export.sheets import XLSX_MAX_ROWS

    s = session(ctx)
    registry = s.registry
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    path = Path(out)
    try:
        wanted = export_format(path)  # a bad suffix or directory fails before the ledger is read
    except OSError as exc:  # the directory cannot even be looked at: a name too long, no access
        raise InputError("export_write_failed", value=str(path),
                         reason=exc.strerror or str(exc)) from None
    plan = registry.plan.id
    # one snapshot: the rows are read twice for a workbook (its columns are sized first),
    # and written as they are read, so the file is written before the ledger is closed
    with s.ledger() as ledger, ledger.snapshot():
        if wanted == "xlsx" and ledger.submissions_bound() >= XLSX_MAX_ROWS:
            # refused before millions of rows are read: a sheet could not hold them
            rows = ledger.count_submissions(plan, received_by=day)
            if rows >= XLSX_MAX_ROWS:
                raise InputError("export_too_many_rows", value=str(path),
                                 limit=f"{XLSX_MAX_ROWS:,}", rows=f"{rows:,}",
                                 as_of=day.isoformat())
        result = queries.status(registry, ledger, day)  # as `disclose status` reads it
        ranked = (queries.ranking(registry, ledger, day, result)
                  if registry.scoring is not None else None)
        fmt = write_export(
            path, registry=registry, status=result,
            # a voided one counts nowhere; read a page at a time, never all at once
            submissions=queries.live_submissions(registry, ledger, day),
            reviews=ledger.reviews(plan, effective_by=day),
            # all of them: a reissue names its original by number even when filtered out
            bulletins=ledger.bulletins(plan),
            # the files' names and digests (not their bytes), as `history --format json`
            # lists them: only the JSON shows them
            attachments=ledger.attachments_received_by(plan, day) if wanted == "json" else (),
            ranked=ranked)
    typer.echo(s.t("export.wrote", path=str(path), format=fmt, as_of=day.isoformat()))


def register(app: typer.Typer) -> None:
    app.command()(export)

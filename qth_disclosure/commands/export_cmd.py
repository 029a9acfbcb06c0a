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
    from qth_disclosure.core.compliance import assess
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
    with s.ledger() as ledger:
        if wanted == "xlsx" and ledger.submissions_bound() >= XLSX_MAX_ROWS:
            # refused before millions of rows are read: a sheet could not hold them
            rows = ledger.count_submissions(plan, received_by=day)
            if rows >= XLSX_MAX_ROWS:
                raise InputError("export_too_many_rows", value=str(path),
                                 limit=f"{XLSX_MAX_ROWS:,}", rows=f"{rows:,}",
                                 as_of=day.isoformat())
        submissions = queries.submissions(registry, ledger, day)  # a voided one counts nowhere
        reviews = ledger.reviews(plan, effective_by=day)
        result = assess(registry, day, submissions, reviews,
                        ledger.inspections(plan, inspected_by=day))
        # all of them: a reissue names its original by number even when filtered out
        bulletins = ledger.bulletins(plan)
        # the files' names and digests (not their bytes), as `history --format json` lists them
        attachments = ledger.attachments_of([r.id for r in submissions])
    fmt = write_export(path, registry=registry, status=result, submissions=submissions,
                       reviews=reviews, bulletins=bulletins, attachments=attachments)
    typer.echo(s.t("export.wrote", path=str(path), format=fmt, as_of=day.isoformat()))


def register(app: typer.Typer) -> None:
    app.command()(export)

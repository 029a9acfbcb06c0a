"""`disclose export`: the plan as known on a day, to a spreadsheet, CSV or JSON file."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import session


def export(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE",
        help="File to write; its suffix picks the format: .xlsx (the office's workbook, "
        "in Chinese), .csv (deliverables) or .json (everything)")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Export what was known on this day "
        "[default: today in Asia/Shanghai]")] = None,
) -> None:
    """Write every deliverable's state, the submissions and the bulletins to a file."""
    from qth_disclosure.core import intake
    from qth_disclosure.core.compliance import assess
    from qth_disclosure.export import export_format, write_export

    s = session(ctx)
    registry = s.registry
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    export_format(out)  # a bad suffix or directory fails before the ledger is read
    plan = registry.plan.id
    with s.ledger() as ledger:
        submissions = ledger.submissions(plan, received_by=day)
        reviews = ledger.reviews(plan, effective_by=day)
        result = assess(registry, day, submissions, reviews,
                        ledger.inspections(plan, inspected_by=day))
        # all of them: a reissue names its original by number even when filtered out
        bulletins = ledger.bulletins(plan)
    fmt = write_export(out, registry=registry, status=result, submissions=submissions,
                       reviews=reviews, bulletins=bulletins)
    typer.echo(s.t("export.wrote", path=str(out), format=fmt, as_of=day.isoformat()))


def register(app: typer.Typer) -> None:
    app.command()(export)

"""`disclose annual-report`: the 年度报告 draft of a unit, or of the city, as .docx or .md."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import complete_agency, session
from qth_disclosure.commands.office import AsOf, _as_of

# the file's suffix chooses its format
SUFFIXES = {".docx": "docx", ".md": "markdown"}


def annual_report(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", "-y", metavar="YYYY")],
    # text, made a Path below: Typer's Path type would look a NUL-holding name up and fail
    out: Annotated[str, typer.Option("--out", "-o", metavar="FILE")],
    agency: Annotated[str | None, typer.Option(
        "--agency", "-a", autocompletion=complete_agency)] = None,
    as_of: AsOf = None,
) -> None:
    """Draft the annual disclosure report (年度报告) of a unit, or of the city: the year's
    sections, every table of the year's form filled from the ledger, the plan's progress,
    and prompts where the unit writes its own words. Reads the ledger, records nothing."""
    from qth_disclosure import queries
    from qth_disclosure.core.annual_report import compose_report
    from qth_disclosure.core.fees import processing_fees_in_year
    from qth_disclosure.core.stats import (
        check_year,
        default_template,
        load_template,
        template_path,
    )
    from qth_disclosure.documents import check_free, write_report, write_text
    from qth_disclosure.documents.report import markdown, write
    from qth_disclosure.errors import InputError

    s = session(ctx)
    path = Path(out)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError("annual_report_bad_suffix", value=str(path),
                         valid=", ".join(SUFFIXES))
    try:  # a name taken or a directory missing fails before the ledger is read
        if not path.parent.is_dir():
            raise InputError("export_dir_missing", value=str(path.parent))
        check_free(path)
    except OSError as exc:
        raise InputError("export_write_failed", value=str(path),
                         reason=exc.strerror or str(exc)) from None
    check_year(s.registry, year, s.today())
    code = None if agency is None else s.registry.agency(agency).code
    day = _as_of(s, as_of)
    # counted exactly as `disclose stats --year Y [--agency A]` counts it
    spec = load_template(template_path(default_template(year)))
    with s.ledger() as ledger:
        statistics, proactive = queries.statistics(s.registry, ledger, spec, year, code)
        status = queries.status(s.registry, ledger, day, code)
        processing = processing_fees_in_year(ledger.fees(),
                                             ledger.applications(s.registry.plan.id), year,
                                             code)
    report = compose_report(s.registry, statistics, proactive, status, code, day, processing)
    if fmt == "docx":
        write_report(path, write(report))
    else:
        write_text(path, markdown(report))
    typer.echo(s.t("annual_report.wrote", path=str(path), year=year,
                   unit=s.registry.units(code) if code else s.t("stats.city"),
                   as_of=day.isoformat()), err=True)


def register(app: typer.Typer) -> None:
    app.command("annual-report")(annual_report)

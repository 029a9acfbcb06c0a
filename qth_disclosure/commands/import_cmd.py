"""`disclose import`: the office's sheet of reports received by other channels, recorded
all at once or not at all; `--template` writes the sheet to fill."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from qth_disclosure.commands.common import FormatOption, UsageProblem, recorder, session
from qth_disclosure.output.render import Format, emit

if TYPE_CHECKING:
    from qth_disclosure.core.sheet_import import RowProblem
    from qth_disclosure.ledger import NewSubmission, Submission
    from qth_disclosure.session import Session

MAX_PROBLEMS_SHOWN = 50


def import_(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(metavar="FILE.xlsx|FILE.csv")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    template: Annotated[Path | None, typer.Option("--template", metavar="FILE.xlsx")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the reports in a sheet (.xlsx or .csv), every row or none."""
    s = session(ctx)
    if template is not None:
        if file is not None or dry_run:
            raise UsageProblem("options_template_alone")
        _template(s, template)
        return
    if file is None:
        raise UsageProblem("options_import_file")
    from qth_disclosure.core.sheet_import import RowProblem, check
    from qth_disclosure.export.sheet_reader import read_sheet
    from qth_disclosure.views.imports import import_blocks, import_data

    header, rows = read_sheet(file)
    checked = check(s.registry, header, rows, s.today())
    if checked.problems:
        _refuse(s, checked.problems)
    news = [new for _, new in checked.rows]
    # what only the ledger can say (a revision received before the report it revises),
    # checked in the transaction for every row, and named by row like the rest
    row_of = {id(new): number for number, new in checked.rows}
    late: list[RowProblem] = []

    def revision_checked(new: NewSubmission, latest: Submission | None) -> None:
        from qth_disclosure.core import intake
        from qth_disclosure.errors import InputError

        try:
            intake.check_revision(new, latest)
        except InputError as exc:
            late.append(RowProblem(row_of[id(new)], "received", exc))

    def none_late() -> None:
        if late:
            raise _Refused  # the transaction rolls back: nothing recorded

    try:
        with s.ledger(for_writing=not dry_run) as ledger:
            def may_write() -> None:
                for unit in dict.fromkeys(n.agency for n in news):
                    s.may_write_for(unit, ledger)

            if dry_run:
                may_write()
                done: list[object] = [ledger.same_submission(n) or None for n in news]
            else:
                done = list(ledger.add_submissions(news, recorder(s, by, ledger),
                                                   check=may_write,
                                                   check_each=revision_checked,
                                                   finish=none_late))
    except _Refused:
        _refuse(s, late)
    data = import_data(checked.rows, done, dry_run)
    skipped = [d for d in data if d["status"] == "already_recorded"]
    for d in skipped:
        typer.echo(s.t("import.skipped", row=d["row"], id=d["id"]), err=True)
    typer.echo(s.t("import.would" if dry_run else "import.done",
                   count=len(data) - len(skipped), skipped=len(skipped), file=str(file)),
               err=True)
    emit(fmt, data, lambda: import_blocks(data, s.registry, s.t))


class _Refused(Exception):
    """Rows the ledger refused inside the import's transaction (listed as it ran)."""


def _refuse(s: Session, problems: Sequence[RowProblem]) -> NoReturn:
    """Every problem on stderr by row and column (at most MAX_PROBLEMS_SHOWN), then the
    count, in the interface language; exit 1, nothing recorded."""
    from qth_disclosure.core.sheet_import import HEADERS_ZH

    for p in problems[:MAX_PROBLEMS_SHOWN]:
        # a column by the name the template heads it with in Chinese, else its own
        column = HEADERS_ZH[p.column] if p.column and s.lang == "zh" else p.column
        where = s.t("import.where_column", row=p.row, column=column) if column \
            else s.t("import.where_row", row=p.row)
        typer.echo(s.t("import.problem", where=where, problem=p.error.message(s.lang)),
                   err=True)
    more = len(problems) - MAX_PROBLEMS_SHOWN
    typer.echo(s.t("import.refused", count=len(problems))
               + (s.t("import.more", more=more) if more > 0 else ""), err=True)
    raise typer.Exit(1)


def _template(s: Session, target: Path) -> None:
    from qth_disclosure.errors import InputError
    from qth_disclosure.export.template import write_template
    from qth_disclosure.files import write_atomically

    if target.suffix.lower() != ".xlsx":
        raise InputError("bad_import_suffix", value=str(target), valid=".xlsx")
    try:
        write_atomically(target, lambda part: write_template(part, s.registry), replace=False)
    except FileExistsError as exc:
        raise InputError("file_exists", path=str(target)) from exc
    except OSError as exc:
        raise InputError("import_unreadable", path=str(target),
                         reason=exc.strerror or str(exc)) from exc
    typer.echo(s.t("document.wrote", path=str(target), format="xlsx"), err=True)


def register(app: typer.Typer) -> None:
    app.command(name="import")(import_)

"""Options and helpers shared by the command modules."""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import TYPE_CHECKING, Annotated, Any

import typer

from qth_disclosure.errors import DiscloseError
from qth_disclosure.output.render import Format
from qth_disclosure.session import Session

if TYPE_CHECKING:
    from datetime import date

    from qth_disclosure.ledger import Ledger, Stamp
    from qth_disclosure.registry import Registry


# ---- shell completion: what the shell offers after --agency, --task, --month. The root
# callback has not run when the shell asks (Click parses resiliently), so the registry is
# found here from the words typed so far; a registry that fails to load offers nothing.


def _completion_registry(ctx: typer.Context) -> Registry | None:
    from qth_disclosure.errors import DiscloseError
    from qth_disclosure.paths import resolve_registry_dir
    from qth_disclosure.registry import load_registry

    try:
        return load_registry(resolve_registry_dir(ctx.find_root().params.get("registry")))
    except (DiscloseError, OSError):
        return None


def complete_agency(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Units by code or by the plan's name (市财 → 市财政局), each with the other as help."""
    registry = _completion_registry(ctx)
    if registry is None:
        return []
    found = [(a.code, a.name) for a in registry.agencies if a.code.startswith(incomplete)]
    found += [(a.name, a.code) for a in registry.agencies if a.name.startswith(incomplete)]
    return found


def complete_task(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    registry = _completion_registry(ctx)
    if registry is None:
        return []
    return [(t.id, t.title) for t in registry.tasks if t.id.upper().startswith(incomplete.upper())]


def complete_month(ctx: typer.Context, incomplete: str) -> list[str]:
    """The months of the reporting window."""
    registry = _completion_registry(ctx)
    if registry is None:
        return []
    return [m for m in registry.monthly.months if m.startswith(incomplete)]


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f")]
AgencyFilter = Annotated[str | None, typer.Option(
    "--agency", "-a", autocompletion=complete_agency)]

# The largest row id either backend can hold: keys are 32-bit INTEGERs on PostgreSQL (SQLite
# goes to 63 bits, and overflows when asked about more). A larger number names no row; it
# must not reach a query. Numbers the office chooses (a bulletin's) are kept within it too,
# so that every SQLite ledger can be copied to PostgreSQL.
MAX_ROW_ID = 2**31 - 1
# the largest id of an application's event: those a fee row makes are numbered after
# every recorded one's (core.fees.FEE_EVENT_IDS, not imported: --help reads no core)
MAX_EVENT_ID = 10**12 + MAX_ROW_ID


class UsageProblem(DiscloseError):
    """Options that do not fit together: exit 2, like any other usage error."""

    exit_code = 2


def session(ctx: typer.Context) -> Session:
    """The run's session, once every argument given to the command has been found to be
    text a ledger can hold (each command's first call, so nothing has been read or written
    yet when an argument is refused)."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Session)
    _check_arguments(ctx)
    return obj


def _check_arguments(ctx: typer.Context) -> None:
    """Refuse NUL and bytes that are not UTF-8 in any argument of the command, its group or
    the global options, naming the option: no value with them is valid anywhere (a file
    name, a date and a summary alike), and each would otherwise fail in its own way later."""
    from qth_disclosure.core.intake import check_characters

    context: Any = ctx  # Typer's Context, then its parents, the vendored Click's
    while context is not None:
        for param in context.command.params:
            for value in _texts(context.params.get(param.name or "")):
                check_characters(value, _option_name(param))
        context = context.parent


def _texts(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, str | PurePath):
        return [os.fspath(value)]
    return []


def _option_name(param: Any) -> str:
    """How the user wrote the parameter: its long option (--summary), else its metavar."""
    longs = [o for o in param.opts if o.startswith("--")]
    return longs[0] if longs else (param.metavar or (param.name or "").upper())


def is_row_id(value: int) -> bool:
    """Whether a number can be a ledger row's id at all."""
    return 1 <= value <= MAX_ROW_ID


def agency_code(s: Session, agency: str | None) -> str | None:
    """An --agency filter's unit code; None only when the option was not given (an empty
    value is a unit that does not exist, not "every unit")."""
    return None if agency is None else s.registry.agency(agency).code


def recorder(s: Session, by: str | None, ledger: Ledger) -> Stamp:
    """Who writes a row and when, --by checked as a name first (an empty --by is refused,
    not taken for the login), then against the ledger's roster."""
    from qth_disclosure.core import intake

    return s.stamp(None if by is None else intake.name(by, "--by"), ledger)



def note_backdated(s: Session, ledger: Ledger, day: date, kind: str,
                   period: str | None = None) -> None:
    """Say on stderr which issued bulletins a write dated `day` overtakes: what their day
    shows now differs from what they say, and they stay as issued."""
    from qth_disclosure.core.backdating import overtaken

    for b in overtaken(ledger.bulletins(s.registry.plan.id), day, kind, period):
        typer.echo(s.t("backdated_before_bulletin", day=day.isoformat(), number=b.number,
                       month=b.month, as_of=b.as_of.isoformat()), err=True)

"""Options and helpers shared by the command modules."""

from __future__ import annotations

from typing import Annotated

import typer

from qth_disclosure.errors import DiscloseError
from qth_disclosure.output.render import Format
from qth_disclosure.session import Session

FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", help="table (colour on a terminal, plain text in a pipe; `text` is the "
    "same), json, csv, markdown")]
AgencyFilter = Annotated[str | None, typer.Option(
    "--agency", "-a", help="Only this unit: code (czj) or name as the plan writes it (市财政局)")]


class UsageProblem(DiscloseError):
    """Options that do not fit together: exit 2, like any other usage error."""

    exit_code = 2


def session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    assert isinstance(obj, Session)
    return obj

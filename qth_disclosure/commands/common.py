"""Options and output shared by the command modules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Annotated, Any

import typer

from qth_disclosure.errors import DiscloseError
from qth_disclosure.render import Block, dump_csv, dump_json, render_document
from qth_disclosure.session import Session


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", help="table (colour on a terminal, plain text in a pipe), json, csv, "
    "markdown")]
AgencyFilter = Annotated[str | None, typer.Option(
    "--agency", "-a", help="Only this unit: code (czj) or name as the plan writes it (市财政局)")]


class UsageProblem(DiscloseError):
    """Options that do not fit together: exit 2, like any other usage error."""

    exit_code = 2


def session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    assert isinstance(obj, Session)
    return obj


def emit(
    fmt: Format,
    data: Any,
    blocks: Callable[[], Sequence[Block]],
    csv_rows: Sequence[dict[str, Any]] | None = None,
) -> None:
    """Write a command's result in the chosen format: data for json/csv, blocks otherwise."""
    if fmt is Format.json:
        dump_json(data)
    elif fmt is Format.csv:
        dump_csv(csv_rows if csv_rows is not None else data)
    else:
        render_document(blocks(), fmt.value)

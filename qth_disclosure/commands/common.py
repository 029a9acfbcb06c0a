"""Options and output shared by the command modules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from qth_disclosure.errors import DiscloseError
from qth_disclosure.output.render import Block, dump_csv, dump_json, render_document
from qth_disclosure.session import Session

if TYPE_CHECKING:
    from qth_disclosure.core.compliance import Status
    from qth_disclosure.ledger import Ledger


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


# Below this many submission rows per deliverable one scan of the ledger is cheaper than
# a few indexed probes per deliverable; above it, probes keep status independent of size.
SCAN_ROWS_PER_DELIVERABLE = 20


def ledger_status(s: Session, ledger: Ledger, day: date, agency: str | None) -> Status:
    """Every deliverable's state as the ledger knew it on `day`."""
    from qth_disclosure.core.compliance import assess, assess_from, deliverables

    registry, plan = s.registry, s.registry.plan.id
    inspections = ledger.inspections(plan, agency=agency, inspected_by=day)
    owed = deliverables(registry, agency)
    if ledger.submissions_bound() <= SCAN_ROWS_PER_DELIVERABLE * len(owed):
        return assess(registry, day, ledger.submissions(plan, agency=agency, received_by=day),
                      ledger.reviews(plan, effective_by=day), inspections, agency, owed)
    return assess_from(registry, day, lambda d, when: ledger.receipts(plan, d.key, when),
                       inspections, agency, owed)


def emit(
    fmt: Format,
    data: Any,
    blocks: Callable[[], Sequence[Block]],
    csv_rows: Sequence[dict[str, Any]] | Callable[[], Sequence[dict[str, Any]]] | None = None,
) -> None:
    """Write a command's result in the chosen format: data for json/csv, blocks otherwise.

    `data` and `csv_rows` may be callables: a large status is only turned into the form
    that is asked for.
    """
    if fmt is Format.json:
        dump_json(data() if callable(data) else data)
    elif fmt is Format.csv:
        rows = csv_rows if csv_rows is not None else data
        dump_csv(rows() if callable(rows) else rows)
    else:
        render_document(blocks(), fmt.value)

"""What `import` shows: each row of the sheet, what it recorded (or would), or the
submission it repeats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qth_disclosure.ledger import NewSubmission, Submission
from qth_disclosure.output.render import Block, Cell, Table
from qth_disclosure.registry import Registry
from qth_disclosure.views.labels import Translate


def import_data(rows: Sequence[tuple[int, NewSubmission]], done: Sequence[object],
                dry_run: bool) -> list[dict[str, Any]]:
    """One entry a row: `recorded` (its new id), `would_record` (--dry-run), or
    `already_recorded` (the id of the submission it repeats)."""
    out = []
    for (number, new), result in zip(rows, done, strict=True):
        if isinstance(result, Submission):
            status, row_id = "recorded", result.id
        elif isinstance(result, int):
            status, row_id = "already_recorded", result
        else:
            status, row_id = "would_record", None
        out.append({"row": number, "status": status, "id": row_id, "kind": new.kind,
                    "agency": new.agency, "task": new.task, "period": new.period,
                    "received_on": new.received_on.isoformat()})
    return out


def import_blocks(data: Sequence[dict[str, Any]], registry: Registry,
                  t: Translate) -> list[Block]:
    table = Table([t("col.row"), t("col.id"), t("col.kind"), t("col.unit"), t("col.task"),
                   t("col.period"), t("col.received"), t("col.state")])
    for d in data:
        table.rows.append([str(d["row"]), "" if d["id"] is None else str(d["id"]),
                           t(f"kind.{d['kind']}"), registry.agency(d["agency"]).name,
                           d["task"] or "", d["period"] or "", d["received_on"],
                           Cell(t(f"import.status.{d['status']}"),
                                "muted" if d["status"] == "already_recorded" else None)])
    return [table]

"""What `db info` shows of the ledger itself."""

from __future__ import annotations

from typing import Any

from qth_disclosure.ledger import SCHEMA_VERSION, Ledger
from qth_disclosure.output.render import Block, Table
from qth_disclosure.views.labels import Translate


def info_data(ledger: Ledger) -> dict[str, Any]:
    seq, digest = ledger.chain_head()
    return {"location": ledger.location, "backend": ledger.backend,
            "schema_version": ledger.schema_version(), "tool_schema_version": SCHEMA_VERSION,
            "rows": ledger.row_counts(), "size_bytes": ledger.size_bytes(),
            "chain_length": seq, "chain_head": digest}


def info_row(data: dict[str, Any]) -> dict[str, Any]:
    """The CSV row: every fact but the per-table counts, which are no single cell."""
    return {k: v for k, v in data.items() if k != "rows"}


def info_blocks(data: dict[str, Any], t: Translate) -> list[Block]:
    table = Table([t("col.field"), t("col.value")])
    for key, value in data.items():
        shown = (", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict)
                 else str(value))
        table.rows.append([key, shown])
    return [table]

"""What `db info` shows of the ledger itself."""

from __future__ import annotations

from typing import Any

from qth_disclosure.core.roles import Roster
from qth_disclosure.ledger import SCHEMA_VERSION, Ledger, PinnedRoster
from qth_disclosure.output.render import Block, Cell, Line, Table
from qth_disclosure.registry import Registry
from qth_disclosure.views.labels import Translate, unit_label


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
        shown = counts_text(t, value) if isinstance(value, dict) else str(value)
        table.rows.append([_worded(t, f"info.{key}", key), shown])
    return [table]


def counts_text(t: Translate, counts: dict[str, int]) -> str:
    """Rows per ledger table, in words: 报送 44，审核 1 / submissions 44, reviews 1."""
    return t("info.sep").join(t("info.count", table=table_name(t, k), count=v)
                              for k, v in counts.items())


def table_name(t: Translate, table: str) -> str:
    """A ledger table as people call it (报送, submissions); its own name for one the
    catalogues do not know."""
    return _worded(t, f"table.{table}", table)


def _worded(t: Translate, key: str, fallback: str) -> str:
    words = t(key)
    return fallback if words == key else words


ROSTER_COLUMNS = ("role", "agency", "login")  # `db roster`'s people, as JSON and CSV


def roster_data(registry: Registry, pinned: PinnedRoster | None,
                in_force: Roster) -> dict[str, Any]:
    """`db roster`: the roster in force, where it comes from, and whether agencies.yaml
    lists the same people."""
    listed = Roster.of(registry)
    people = [{"role": "coordinator", "agency": None, "login": login}
              for login in in_force.coordinators]
    people += [{"role": "liaison", "agency": code, "login": login}
               for code, logins in in_force.liaisons for login in logins]
    return {
        "in_force": "agencies.yaml" if pinned is None else "ledger",
        "pinned": None if pinned is None else {
            "id": pinned.id, "recorded_at": pinned.recorded_at,
            "recorded_by": pinned.recorded_by},
        "agencies_yaml_matches": listed.to_text() == in_force.to_text(),
        "people": people,
    }


def roster_blocks(data: dict[str, Any], registry: Registry, t: Translate) -> list[Block]:
    pinned = data["pinned"]
    where = (t("db.roster_from_registry") if pinned is None
             else t("db.roster_from_ledger", id=pinned["id"], at=pinned["recorded_at"][:10],
                    by=pinned["recorded_by"]))
    blocks: list[Block] = [Line.of(where)]
    if data["people"]:
        table = Table([t("col.role"), t("col.unit"), t("col.login")])
        codes = {a.code for a in registry.agencies}
        for person in data["people"]:
            code = person["agency"]
            # a pinned roster may name a unit agencies.yaml no longer has
            unit = "-" if code is None else unit_label(t, registry, code) if code in codes else code
            table.rows.append([t(f"role.{person['role']}"), unit, person["login"]])
        blocks.append(table)
    else:
        blocks.append(Line.of(t("db.roster_nobody")))
    if pinned is not None and not data["agencies_yaml_matches"]:
        blocks.append(Line.of(Cell(t("db.roster_differs"), "warn")))
    return blocks

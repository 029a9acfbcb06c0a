"""A liaison's page, `disclose todo`: what one unit owes and when, what is overdue, what it
sent, what was returned, its open applications."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from qth_disclosure.core.applications import ApplicationStatus
from qth_disclosure.core.compliance import Assessed, Status
from qth_disclosure.output.render import Block, Cell, Heading, Line, Table
from qth_disclosure.registry import Registry
from qth_disclosure.views.applications import application_data
from qth_disclosure.views.contacts import contact_data, contacts_text
from qth_disclosure.views.labels import Translate, deliverable_label
from qth_disclosure.views.status import STATE_STYLE, deliverable_data

# the page's parts, in the order a liaison acts on them
PARTS = ("overdue", "owed", "returned", "sent")


def _parts(status: Status) -> dict[str, list[Assessed]]:
    """The unit's deliverables by what the liaison has to do about them; the office's
    inspections of the unit are not the unit's to do and are left out."""
    mine = [d for d in status.deliverables if d.deliverable.kind != "inspection"]
    by_due = sorted(mine, key=lambda d: (d.deliverable.due, d.deliverable.key))
    return {
        "overdue": [d for d in by_due if d.state == "missing"],
        "owed": [d for d in by_due if d.state == "pending"],
        "returned": [d for d in by_due if d.state == "returned"],
        "sent": [d for d in by_due if d.state in ("on_time", "late")],
    }


def todo_data(status: Status, agency: str, applications: Sequence[ApplicationStatus],
              registry: Registry | None = None) -> dict[str, Any]:
    parts = _parts(status)
    contacts = registry.contacts_of(agency) if registry is not None else ()
    return {"agency": agency, "as_of": status.as_of.isoformat(),
            "contacts": [contact_data(c) for c in contacts],
            **{part: [deliverable_data(d) for d in parts[part]] for part in PARTS},
            "applications": [application_data(a) for a in applications
                             if a.state in ("open", "overdue")]}


def todo_rows(status: Status) -> list[dict[str, Any]]:
    """As CSV: one row a deliverable, with the part of the page it is in."""
    return [{"part": part, **deliverable_data(d)} for part, rows in _parts(status).items()
            for d in rows]


def todo_blocks(status: Status, registry: Registry, t: Translate, agency: str,
                applications: Sequence[ApplicationStatus], within: int = 30) -> list[Block]:
    unit = registry.agency(agency)
    blocks: list[Block] = [Line.of(Cell(t("todo.title", unit=unit.name,
                                          as_of=status.as_of.isoformat()), "accent"))]
    if contacts := registry.contacts_of(agency):
        blocks.append(Line.of(Cell(t("todo.contacts", people=contacts_text(contacts)))))
    parts = _parts(status)
    for part in PARTS:
        rows = parts[part]
        blocks.append(Heading(t(f"todo.{part}", count=len(rows))))
        if not rows:
            blocks.append(Line.of(Cell(t("todo.none"), "muted")))
            continue
        table = Table([t("col.kind"), t("col.due"), t("col.state"), t("col.received")])
        for d in rows:
            item = d.deliverable
            state = t(f"state.{d.state}")
            if part == "owed":
                state = t("todo.due_in", days=(item.due - status.as_of).days)
            soon = part == "owed" and _days(item.due, status.as_of) <= within
            table.rows.append([deliverable_label(t, item.kind, item.task, item.period),
                               item.due.isoformat(),
                               Cell(state, "warn" if soon else STATE_STYLE[d.state]),
                               d.received_on.isoformat() if d.received_on else ""])
        blocks.append(table)
    open_ = [a for a in applications if a.state in ("open", "overdue")]
    blocks.append(Heading(t("todo.applications", count=len(open_))))
    if not open_:
        blocks.append(Line.of(Cell(t("todo.none"), "muted")))
    else:
        table = Table([t("col.id"), t("col.received"), t("col.due"), t("col.state"),
                       t("col.subject")])
        for a in open_:
            table.rows.append([str(a.application.id), a.application.received_on.isoformat(),
                               a.due.isoformat() if a.due else "",
                               Cell(t(f"request.state.{a.state}"),
                                    "bad" if a.state == "overdue" else None),
                               a.application.subject])
        blocks.append(table)
    return blocks


def _days(due: date, as_of: date) -> int:
    return (due - as_of).days

"""Registry and ledger listings: agencies, tasks, history."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from qth_disclosure.ledger import Attachment, Review, Submission, Void
from qth_disclosure.output.render import Block, Cell, Table
from qth_disclosure.registry import Agency, Registry, Task
from qth_disclosure.views.contacts import contact_data, contacts_text
from qth_disclosure.views.labels import Translate, attached_data, attachment_label


def agencies_data(agencies: Sequence[Agency], registry: Registry) -> list[dict[str, Any]]:
    return [
        {"code": a.code, "name": a.name, "full_name": a.full_name, "name_en": a.name_en,
         "kind": a.kind,
         "leads": list(registry.tasks_led_by(a.code)),
         "contacts": [contact_data(c) for c in registry.contacts_of(a.code)]}
        for a in agencies
    ]


def agencies_rows(agencies: Sequence[Agency], registry: Registry) -> list[dict[str, Any]]:
    """As CSV: the contacts as one cell, as the table shows them."""
    return [row | {"contacts": contacts_text(registry.contacts_of(a.code))}
            for a, row in zip(agencies, agencies_data(agencies, registry), strict=True)]


def agencies_blocks(agencies: Sequence[Agency], registry: Registry, t: Translate) -> list[Block]:
    # a registry naming nobody (the shipped one) keeps the table as narrow as it was
    with_contacts = bool(registry.contacts)
    table = Table([t("col.code"), t("col.name"), t("col.full_name"), t("col.name_en"),
                   t("col.kind"), t("col.tasks_led"), *([t("col.contacts")] * with_contacts)])
    for a, row in zip(agencies, agencies_data(agencies, registry), strict=True):
        table.rows.append([row["code"], row["name"], row["full_name"], row["name_en"],
                           t(f"agency_kind.{row['kind']}"), " ".join(row["leads"]),
                           *([contacts_text(registry.contacts_of(a.code))] * with_contacts)])
    return [table]


def tasks_data(tasks: Sequence[Task]) -> list[dict[str, Any]]:
    return [
        {"id": t.id, "section": t.section, "title": t.title, "lead": list(t.lead),
         "cooperating": list(t.cooperating), "monthly": t.monthly, "all_units": t.all_units,
         "item": t.item, "area": t.area, "title_en": t.title_en, "items": list(t.items),
         "text": t.text}
        for t in tasks
    ]


def tasks_blocks(tasks: Sequence[Task], registry: Registry, t: Translate) -> list[Block]:
    def names(codes: Sequence[str]) -> str:
        return "、".join(registry.agency(c).name for c in codes)

    table = Table([t("col.id"), t("col.section"), t("col.title"), t("col.lead"),
                   t("col.cooperating"), t("col.monthly")])
    for task in tasks:
        lead = t("all_units") if task.all_units else names(task.lead)
        table.rows.append([task.id, task.section, task.title, lead, names(task.cooperating),
                           t("yes") if task.monthly else t("no")])
    return [table]


def history_data(rows: Sequence[Submission],
                 voids: Mapping[int, Void] | None = None,
                 attachments: Mapping[int, Sequence[Attachment]] | None = None,
                 ) -> list[dict[str, Any]]:
    """Every submission; a voided one says so (`void: {reason, by, on}`, else null); with
    `attachments` given, each lists its files (`attachments: [{id, name, size, sha256}]`)."""
    return list(history_items(rows, voids, attachments))


def history_items(rows: Iterable[Submission],
                  voids: Mapping[int, Void] | None = None,
                  attachments: Mapping[int, Sequence[Attachment]] | None = None,
                  ) -> Iterator[dict[str, Any]]:
    """`history_data`, one submission at a time as `rows` gives them (an export's million)."""
    voids = voids or {}

    def voided(s: Submission) -> dict[str, str] | None:
        v = voids.get(s.id)
        return None if v is None else {"reason": v.reason, "by": v.recorded_by,
                                       "on": v.voided_on.isoformat()}

    return (
        {"id": s.id, "kind": s.kind, "agency": s.agency, "task": s.task, "period": s.period,
         "received_on": s.received_on.isoformat(), "recorded_at": s.recorded_at,
         "recorded_by": s.recorded_by, "summary": s.summary, "links": list(s.links),
         "revision_of": s.revision_of, "void": voided(s)}
        | ({} if attachments is None
           else {"attachments": attached_data(attachments.get(s.id, ()))})
        for s in rows
    )


def history_rows(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """history_data as CSV rows: a void in three columns of its own, the attachments in
    one (each `id:name`, separated by a space)."""
    rows = []
    for row in data:
        void = row["void"] or {}
        files = {} if "attachments" not in row else {"attachments": " ".join(
            f"{a['id']}:{a['name']}" for a in row["attachments"])}
        rows.append({**{k: v for k, v in row.items() if k not in ("void", "attachments")},
                     "void_on": void.get("on"), "void_by": void.get("by"),
                     "void_reason": void.get("reason"), **files})
    return rows


def history_blocks(rows: Sequence[Submission], reviews: Sequence[Review], registry: Registry,
                   t: Translate, voids: Mapping[int, Void] | None = None,
                   attachments: Mapping[int, Sequence[Attachment]] | None = None,
                   ) -> list[Block]:
    """Submissions oldest first, each followed by its attachments and the office's reviews
    of it."""
    table = Table([t("col.id"), t("col.kind"), t("col.unit"), t("col.task"), t("col.period"),
                   t("col.received"), t("col.recorded"), t("col.by"), t("col.revision_of"),
                   t("col.summary"), t("col.links")])
    by_submission: dict[int, list[Review]] = {}
    for r in reviews:
        by_submission.setdefault(r.submission, []).append(r)
    for s in rows:
        # a coordinator recording a paper or fax submission in someone's name shows as such
        by = (t("history.entered_by", by=s.recorded_by, login=s.login)
              if s.login and s.login != s.recorded_by else s.recorded_by)
        table.rows.append([
            str(s.id), t(f"kind.{s.kind}"), registry.agency(s.agency).name, s.task or "",
            s.period or "", s.received_on.isoformat(), s.recorded_at, by,
            f"#{s.revision_of}" if s.revision_of else "", s.summary, " ".join(s.links),
        ])
        for a in (attachments or {}).get(s.id, ()):
            table.rows.append(["", Cell(t("history.attachment"), "muted"), "", "", "", "",
                               a.recorded_at, a.recorded_by, "", attachment_label(t, a), ""])
        for r in by_submission.get(s.id, []):
            table.rows.append([
                "", Cell(t("history.review", verdict=t(f"verdict.{r.verdict}")),
                         "bad" if r.verdict == "return" else "ok"),
                "", "", "", r.reviewed_on.isoformat(), r.recorded_at, r.recorded_by, "",
                r.comment, "",
            ])
        v = (voids or {}).get(s.id)
        if v is not None:
            table.rows.append(["", Cell(t("history.void"), "muted"), "", "", "",
                               v.voided_on.isoformat(), v.recorded_at, v.recorded_by, "",
                               v.reason, ""])
    return [table]

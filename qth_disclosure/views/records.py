"""What a write command shows back: the row it recorded and the state it leaves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qth_disclosure.core.compliance import Assessed
from qth_disclosure.ledger import Attachment, Clearance, Inspection, Review, Submission, Void
from qth_disclosure.output.render import Block, Line
from qth_disclosure.registry import Registry
from qth_disclosure.views.labels import (
    Translate,
    attached_data,
    attachment_label,
    deliverable_label,
    unit_label,
)

Shown = tuple[dict[str, Any], list[Block]]


def submission_recorded(row: Submission, d: Assessed, registry: Registry,
                        t: Translate, attachments: Sequence[Attachment] = ()) -> Shown:
    data: dict[str, Any] = {
        "id": row.id, "kind": row.kind, "agency": row.agency, "task": row.task,
        "period": row.period, "received_on": row.received_on.isoformat(),
        "due": d.deliverable.due.isoformat(), "state": d.state}
    message = t("submit.recorded", id=row.id, unit=unit_label(t, registry, row.agency),
                what=deliverable_label(t, row.kind, row.task, row.period),
                received=data["received_on"], due=data["due"], state=t(f"state.{d.state}"))
    if row.revision_of:
        message += t("submit.revision", of=row.revision_of)
    if attachments:
        data["attachments"] = attached_data(attachments)
    return data, [Line.of(message), *(Line.of(t("submit.attached", file=attachment_label(t, a)))
                                      for a in attachments)]


def inspection_recorded(row: Inspection, d: Assessed, registry: Registry,
                        t: Translate) -> Shown:
    data = {"id": row.id, "kind": "inspection", "agency": row.agency, "verdict": row.verdict,
            "inspected_on": row.inspected_on.isoformat(), "note": row.note,
            "due": d.deliverable.due.isoformat(), "state": d.state}
    message = t("inspect.recorded", id=row.id, unit=unit_label(t, registry, row.agency),
                verdict=t(f"verdict.{row.verdict}"), date=data["inspected_on"],
                state=t(f"state.{d.state}"))
    return data, [Line.of(message)]


def review_recorded(row: Review, t: Translate) -> Shown:
    data = {"id": row.id, "submission": row.submission, "verdict": row.verdict,
            "comment": row.comment, "reviewed_on": row.reviewed_on.isoformat()}
    message = t("review.recorded", id=row.id, submission=row.submission,
                verdict=t(f"verdict.{row.verdict}"), date=data["reviewed_on"])
    return data, [Line.of(message)]


def void_recorded(row: Void, t: Translate) -> Shown:
    data = {"id": row.id, "submission": row.submission, "reason": row.reason,
            "voided_on": row.voided_on.isoformat()}
    return data, [Line.of(t("void.recorded", id=row.id, submission=row.submission,
                            date=data["voided_on"], reason=row.reason))]


def clearance_recorded(row: Clearance, t: Translate) -> Shown:
    data = {"id": row.id, "submission": row.submission, "result": row.result,
            "comment": row.comment, "cleared_on": row.cleared_on.isoformat()}
    return data, [Line.of(t("clear.recorded", id=row.id, submission=row.submission,
                            date=data["cleared_on"], result=t(f"clearance.{row.result}")))]

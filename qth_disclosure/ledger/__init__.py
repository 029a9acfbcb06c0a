"""The ledger: the append-only store of everything units hand in and the office decides."""

from qth_disclosure.ledger.rows import (
    Application,
    Attachment,
    Bulletin,
    Clearance,
    DeliverableKey,
    Document,
    Event,
    Fee,
    Inspection,
    NewApplication,
    NewAttachment,
    NewBulletin,
    NewClearance,
    NewDocument,
    NewEvent,
    NewFee,
    NewInspection,
    NewPlanItem,
    NewProactiveFigure,
    NewReminder,
    NewReview,
    NewRoster,
    NewSubmission,
    NewVoid,
    PinnedRoster,
    PlanItem,
    ProactiveFigure,
    Reminder,
    Review,
    Stamp,
    Submission,
    Void,
)
from qth_disclosure.ledger.schema import MIGRATIONS, SCHEMA_VERSION
from qth_disclosure.ledger.store import Ledger

__all__ = [
    "MIGRATIONS", "SCHEMA_VERSION", "Application", "Attachment", "Bulletin", "Clearance",
    "DeliverableKey", "Document", "Event", "Fee", "Inspection", "Ledger",
    "NewApplication", "NewAttachment", "NewBulletin", "NewClearance", "NewDocument", "NewEvent",
    "NewFee",
    "NewInspection", "NewPlanItem", "NewProactiveFigure", "NewReminder", "NewReview",
    "NewRoster", "NewSubmission", "NewVoid", "PinnedRoster", "PlanItem", "ProactiveFigure",
    "Reminder", "Review", "Stamp", "Submission", "Void",
]

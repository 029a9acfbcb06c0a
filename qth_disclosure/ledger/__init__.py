"""The ledger: the append-only store of everything units hand in and the office decides."""

from qth_disclosure.ledger.rows import (
    Application,
    Bulletin,
    DeliverableKey,
    Document,
    Event,
    Inspection,
    NewApplication,
    NewBulletin,
    NewDocument,
    NewEvent,
    NewInspection,
    NewReview,
    NewRoster,
    NewSubmission,
    PinnedRoster,
    Review,
    Stamp,
    Submission,
)
from qth_disclosure.ledger.schema import MIGRATIONS, SCHEMA_VERSION
from qth_disclosure.ledger.store import Ledger

__all__ = [
    "MIGRATIONS", "SCHEMA_VERSION", "Application", "Bulletin", "DeliverableKey", "Document",
    "Event", "Inspection", "Ledger",
    "NewApplication", "NewBulletin", "NewDocument", "NewEvent", "NewInspection", "NewReview",
    "NewRoster", "NewSubmission", "PinnedRoster", "Review", "Stamp", "Submission",
]

"""What an export shows: the status and the ledger rows known on its as-of day.

Every format is written from one `Known`, so the workbook, the CSV and the JSON cannot
disagree about what was known. Like `compliance.assess`, rows dated after the status's
as-of day are dropped here too, so a file never shows what was not yet known on its day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from qth_disclosure.core.compliance import Status
from qth_disclosure.core.scoring import Ranked, rank, reviewed_from, score_units
from qth_disclosure.ledger import Attachment, Bulletin, Review, Submission
from qth_disclosure.registry import Registry


@dataclass(frozen=True)
class Known:
    """What an export shows: the status and the rows known on its as-of day."""

    registry: Registry
    status: Status
    submissions: list[Submission]
    reviews: list[Review]
    bulletins: list[Bulletin]
    bulletin_numbers: dict[int, int]  # bulletin id -> number, for 重发自
    # each scored unit's 考核 score, best first (报送排行); None when the registry has no
    # scoring rules
    ranked: tuple[Ranked, ...] | None = None
    # each shown submission's files (names and digests), by submission id
    attachments: dict[int, list[Attachment]] = field(default_factory=dict)


def known_on(registry: Registry, status: Status, submissions: Sequence[Submission],
             reviews: Sequence[Review], bulletins: Sequence[Bulletin],
             attachments: Sequence[Attachment] = ()) -> Known:
    """The rows dated on or before `status.as_of`; every bulletin's number, for reissues."""
    day = status.as_of
    shown = [s for s in submissions if s.received_on <= day]
    known_reviews = [r for r in reviews if r.reviewed_on <= day]
    ranked = None
    if registry.scoring is not None:  # the same scores as `disclose score` on that day
        scores = score_units(registry, status, reviewed_from(shown, known_reviews, day))
        ranked = tuple(rank(scores))
    return Known(
        registry, status, shown, known_reviews,
        [b for b in bulletins if b.as_of <= day],
        {b.id: b.number for b in bulletins},
        ranked,
        _by_submission(attachments, {s.id for s in shown}),
    )


def _by_submission(attachments: Sequence[Attachment], shown: set[int]
                   ) -> dict[int, list[Attachment]]:
    files: dict[int, list[Attachment]] = {}
    for a in attachments:
        if a.submission in shown:
            files.setdefault(a.submission, []).append(a)
    return files


def iso(day: date | None) -> str | None:
    """A day as every file writes it, YYYY-MM-DD; none stays none."""
    return day.isoformat() if day else None

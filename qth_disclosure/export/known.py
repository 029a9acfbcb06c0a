"""What an export shows: the status and the ledger rows known on its as-of day.

Every format is written from one `Known`, so the workbook, the CSV and the JSON cannot
disagree about what was known. Like `compliance.assess`, rows dated after the status's
as-of day are dropped here too, so a file never shows what was not yet known on its day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from qth_disclosure.core.compliance import Status
from qth_disclosure.core.scoring import Ranked, rank, reviewed_from, score_units
from qth_disclosure.ledger import Attachment, Bulletin, Review, Submission
from qth_disclosure.registry import Registry

# the submissions, each call a fresh pass over them, oldest recorded first: a ledger's
# millions are read a page at a time (`queries.live_submissions`), never held at once
Rows = Callable[[], Iterator[Submission]]


@dataclass(frozen=True)
class Known:
    """What an export shows: the status and the rows known on its as-of day."""

    registry: Registry
    status: Status
    submissions: Rows
    reviews: list[Review]
    bulletins: list[Bulletin]
    bulletin_numbers: dict[int, int]  # bulletin id -> number, for 重发自
    # each scored unit's 考核 score, best first (报送排行); None when the registry has no
    # scoring rules
    ranked: tuple[Ranked, ...] | None = None
    # the submissions' files (names and digests), by submission id
    attachments: dict[int, list[Attachment]] = field(default_factory=dict)


def known_on(registry: Registry, status: Status, submissions: Sequence[Submission] | Rows,
             reviews: Sequence[Review], bulletins: Sequence[Bulletin],
             attachments: Sequence[Attachment] = (), *,
             ranked: Sequence[Ranked] | None = None) -> Known:
    """The rows dated on or before `status.as_of`; every bulletin's number, for reissues.

    `submissions` are rows in memory, or a function reading them afresh at each call
    (`Rows`). `ranked` is the ranking where the caller has read it (`queries.ranking`);
    without it the scores are made here, from one pass over the submissions."""
    day = status.as_of
    read: Rows = submissions if callable(submissions) else (lambda: iter(submissions))

    def shown() -> Iterator[Submission]:
        return (s for s in read() if s.received_on <= day)

    known_reviews = [r for r in reviews if r.reviewed_on <= day]
    if registry.scoring is None:
        ranked = None
    elif ranked is None:  # the same scores as `disclose score` on that day
        reviewed = {r.submission for r in known_reviews}  # the only receipts a score reads
        receipts = [s for s in shown() if s.id in reviewed]
        ranked = rank(score_units(registry, status, reviewed_from(receipts, known_reviews,
                                                                  day)))
    return Known(
        registry, status, shown, known_reviews,
        [b for b in bulletins if b.as_of <= day],
        {b.id: b.number for b in bulletins},
        None if ranked is None else tuple(ranked),
        _by_submission(attachments),
    )


def _by_submission(attachments: Sequence[Attachment]) -> dict[int, list[Attachment]]:
    files: dict[int, list[Attachment]] = {}
    for a in attachments:
        files.setdefault(a.submission, []).append(a)
    return files


def iso(day: date | None) -> str | None:
    """A day as every file writes it, YYYY-MM-DD; none stays none."""
    return day.isoformat() if day else None

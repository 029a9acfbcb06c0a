"""The .json and .csv files: the plan as known on a day, for other programs to read.

The JSON holds everything, its `status` exactly `disclose status --format json` and its
`submissions` exactly `disclose history`; the CSV holds the deliverables, one a row, in a
form Excel and WPS open as they are. Both come from the views the commands print, so a file
and the terminal never disagree.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from qth_disclosure.export.known import Known, iso
from qth_disclosure.ledger import Bulletin, Review
from qth_disclosure.output.jsonstream import Streamed, chunks
from qth_disclosure.output.render import neutralise
from qth_disclosure.views.contacts import contact_data
from qth_disclosure.views.listings import history_items
from qth_disclosure.views.status import deliverable_data, status_data

CSV_COLUMNS = ("kind", "agency", "task", "period", "due", "state", "received_on", "submission")


def review_data(r: Review) -> dict[str, Any]:
    return {"id": r.id, "submission": r.submission, "verdict": r.verdict, "comment": r.comment,
            "reviewed_on": r.reviewed_on.isoformat(), "recorded_at": r.recorded_at,
            "recorded_by": r.recorded_by}


def bulletin_data(b: Bulletin) -> dict[str, Any]:
    return {"id": b.id, "number": b.number, "month": b.month, "as_of": b.as_of.isoformat(),
            "text": b.text, "reissue_of": b.reissue_of, "recorded_at": b.recorded_at,
            "recorded_by": b.recorded_by}


def write_json(target: Path, known: Known) -> None:
    """The text `json.dumps(…, indent=2)` gives, the deliverables and the submissions
    written as they are made: however many there are, a batch of them is in memory at a
    time."""
    document: dict[str, Any] = {
        "plan": known.status.plan,
        "as_of": known.status.as_of.isoformat(),
        "status": status_data(known.status, known.registry),
        "submissions": Streamed(history_items(known.submissions(),
                                              attachments=known.attachments)),
        "reviews": [review_data(r) for r in known.reviews],
        "bulletins": [bulletin_data(b) for b in known.bulletins],
        "contacts": [{"agency": c.agency, **contact_data(c)} for c in known.registry.contacts],
    }
    with target.open("w", encoding="utf-8") as out:
        for piece in chunks(document):
            out.write(piece)
        out.write("\n")


def write_csv(target: Path, known: Known) -> None:
    # utf-8-sig: without the byte-order mark Excel and WPS read the Chinese as GBK mojibake
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)  # \r\n line ends, as RFC 4180 and Excel itself write
        writer.writerow(CSV_COLUMNS)
        for d in known.status.deliverables:
            row = deliverable_data(d) | {"received_on": iso(d.received_on)}
            writer.writerow(["" if row[c] is None else neutralise(str(row[c]))
                             for c in CSV_COLUMNS])

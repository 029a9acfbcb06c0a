"""What `remind` shows: the notices due (to whom, about what, the text), the notices
mailed (`--list`, `--send`), and the daily report's line on yesterday's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qth_disclosure.core.reminder_mail import Mail
from qth_disclosure.core.reminders import Notice
from qth_disclosure.ledger import Reminder
from qth_disclosure.output.render import Block, Cell, Heading, Line, Table, Verbatim
from qth_disclosure.registry import Registry
from qth_disclosure.views.labels import Translate

SENT = "sent"


def notices_data(notices: Sequence[tuple[Notice, Mail, str]]) -> list[dict[str, Any]]:
    return [{"agency": n.agency, "recipients": list(m.recipients), "subject": m.subject,
             "overdue": len(n.overdue), "due_soon": len(n.due_soon), "items": list(m.items),
             "text": text}
            for n, m, text in notices]


def notices_rows(notices: Sequence[tuple[Notice, Mail, str]]) -> list[dict[str, Any]]:
    return [{"agency": n.agency, "recipients": " ".join(m.recipients), "subject": m.subject,
             "overdue": len(n.overdue), "due_soon": len(n.due_soon)}
            for n, m, _ in notices]


def notices_blocks(notices: Sequence[tuple[Notice, Mail, str]], registry: Registry,
                   t: Translate) -> list[Block]:
    if not notices:
        return [Line.of(Cell(t("remind.none"), "muted"))]
    blocks: list[Block] = []
    for n, m, text in notices:
        to = ", ".join(m.recipients) or t("remind.no_address")
        blocks.append(Heading(t("remind.heading", unit=registry.units(n.agency), to=to)))
        blocks.append(Verbatim(text))
    return blocks


def reminder_data(r: Reminder) -> dict[str, Any]:
    return {"id": r.id, "agency": r.agency, "as_of": r.as_of.isoformat(),
            "sent_on": r.sent_on.isoformat(), "sent_at": r.sent_at,
            "recipients": list(r.recipients), "subject": r.subject, "items": list(r.items),
            "body_sha256": r.body_sha256, "result": r.result, "recorded_by": r.recorded_by}


def reminder_rows(rows: Sequence[Reminder]) -> list[dict[str, Any]]:
    return [reminder_data(r) | {"recipients": " ".join(r.recipients),
                                "items": "; ".join(r.items),
                                "result": "; ".join(f"{a}: {v}" for a, v in r.result.items())}
            for r in rows]


def reminders_blocks(rows: Sequence[Reminder], registry: Registry, t: Translate) -> list[Block]:
    if not rows:
        return [Line.of(Cell(t("remind.none_sent"), "muted"))]
    table = Table([t("col.id"), t("col.sent_at"), t("col.unit"), t("col.recipients"),
                   t("col.items"), t("col.result")])
    for r in rows:
        failed = [a for a, v in r.result.items() if v != SENT]
        # the minute is enough to read; json and csv keep the whole time with its offset
        table.rows.append([str(r.id), r.sent_at[:16].replace("T", " "),
                           registry.agency(r.agency).name,
                           " ".join(r.recipients), str(len(r.items)),
                           Cell(t("remind.result_ok") if not failed else
                                "; ".join(f"{a}: {r.result[a]}" for a in failed),
                                None if not failed else "bad")])
    return [table]


def sent_yesterday_data(rows: Sequence[Reminder]) -> list[dict[str, Any]]:
    return [{"agency": r.agency, "recipients": list(r.recipients),
             "delivered": [a for a, v in r.result.items() if v == SENT],
             "refused": {a: v for a, v in r.result.items() if v != SENT}} for r in rows]


def sent_yesterday_blocks(rows: Sequence[Reminder], registry: Registry,
                          t: Translate) -> list[Block]:
    """The daily report's part on the notices mailed the day before."""
    blocks: list[Block] = [Heading(t("report.reminders", count=len(rows)))]
    if not rows:
        return [*blocks, Line.of(Cell(t("todo.none"), "muted"))]
    for r in rows:
        refused = [a for a, v in r.result.items() if v != SENT]
        line = t("report.reminder", unit=registry.agency(r.agency).name,
                 to=" ".join(r.recipients))
        blocks.append(Line.of(line, *([Cell("; " + t("report.reminder_refused",
                                                       addresses=" ".join(refused)), "bad")]
                                      if refused else [])))
    return blocks

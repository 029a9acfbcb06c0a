"""Views of applications for disclosure: rows, one application, the day-by-day deadline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from qth_disclosure.core.applications import ApplicationStatus, Step, pause_bound
from qth_disclosure.core.fees import fee_event_id
from qth_disclosure.ledger import Event, Fee
from qth_disclosure.output.render import Block, Cell, Heading, Line, Table
from qth_disclosure.registry import Registry
from qth_disclosure.views.labels import Translate, law_name, unit_label

STATE_STYLE = {"open": None, "overdue": "bad", "answered_on_time": "ok",
               "answered_late": "warn", "closed": None}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def application_data(status: ApplicationStatus) -> dict[str, Any]:
    """The row contract of `request list`: {id, agency, received_on, due, state, outcome}."""
    app = status.application
    return {"id": app.id, "agency": app.agency, "received_on": app.received_on.isoformat(),
            "due": status.due.isoformat() if status.due else None, "state": status.state,
            "outcome": status.outcome}


def list_data(status: ApplicationStatus) -> dict[str, Any]:
    """A row of `request list`: the application's, and the consultation that ended by
    itself when its bound passed without a resume (2019 arts. 32, 34; None under 2008)."""
    lapsed = status.consultation_lapsed
    return {**application_data(status),
            "consultation_ended": lapsed[0].details["why"] if lapsed else None,
            "consultation_ended_on": lapsed[1].isoformat() if lapsed else None}


def lapsed_text(status: ApplicationStatus, registry: Registry, t: Translate) -> str | None:
    """The consultation that ended by itself, in words, or None."""
    lapsed = status.consultation_lapsed
    if lapsed is None:
        return None
    pause, ended = lapsed
    why = pause.details["why"]
    days = pause_bound(registry.law_for(status.application.received_on), why)
    return t("request.consultation_lapsed", what=t(f"consultation.{why}"),
             paused=pause.occurred_on.isoformat(), ended=ended.isoformat(), days=days)


def applications_blocks(rows: Sequence[ApplicationStatus], registry: Registry, t: Translate,
                        as_of: date) -> list[Block]:
    if not rows:
        return [Line.of(t("request.none", as_of=as_of.isoformat()))]
    table = Table([t("col.id"), t("col.unit"), t("col.received"), t("col.due"),
                   t("col.state"), t("col.outcome"), t("col.subject")])
    for r in rows:
        due = (r.due.isoformat() if r.due
               else t("request.paused_since", since=str(r.clock.paused_since)))
        table.rows.append([
            str(r.application.id), registry.agency(r.application.agency).name,
            r.application.received_on.isoformat(), due,
            Cell(t(f"request.state.{r.state}"), STATE_STYLE[r.state]),
            t(f"outcome.{r.outcome}") if r.outcome else "", r.application.subject,
        ])
    blocks: list[Block] = [table]
    for r in rows:  # said under the table: a consultation the office did not end itself
        if (text := lapsed_text(r, registry, t)) is not None:
            blocks.append(Line.of(Cell(t("request.lapsed_line", id=r.application.id,
                                         text=text), "warn")))
    return blocks


def application_recorded(status: ApplicationStatus, registry: Registry, t: Translate,
                         message: str, *, with_outcome: bool = True, **details: str
                         ) -> tuple[dict[str, Any], list[Block]]:
    """What a write on an application shows back: its row, and `message` in words (with
    `details`, such as a fee's amount, for the message to state)."""
    data = application_data(status)
    if not with_outcome:
        del data["outcome"]
    line = t(message, id=status.application.id,
             unit=unit_label(t, registry, status.application.agency),
             received=data["received_on"], due=data["due"] or t("request.paused_due"),
             state=t(f"request.state.{status.state}"), **details)
    return data, [Line.of(line)]


def event_data(e: Event) -> dict[str, Any]:
    return {"id": e.id, "kind": e.kind, "occurred_on": e.occurred_on.isoformat(),
            "details": e.details, "recorded_at": e.recorded_at, "recorded_by": e.recorded_by}


def fee_data(f: Fee) -> dict[str, Any]:
    # `event`: the id the clock knows a notice or payment by; a notice's letter is chosen
    # by it (`request letter --event N`); a cost charged makes no event
    return {"id": f.id, "kind": f.kind, "occurred_on": f.occurred_on.isoformat(),
            "amount": f.amount, "items": list(f.items), "recorded_at": f.recorded_at,
            "recorded_by": f.recorded_by,
            "event": fee_event_id(f) if f.kind in ("notice", "paid") else None}


def fee_items_label(t: Translate, items: Sequence[str]) -> str:
    """A fee's items in words: 复制费、邮寄费."""
    return t("list_sep").join(t(f"fee.item.{i}") for i in items)


def show_data(status: ApplicationStatus, events: Sequence[Event],
              fees: Sequence[Fee] = ()) -> dict[str, Any]:
    app = status.application
    return {
        **list_data(status),
        "subject": app.subject, "applicant": app.applicant,
        "applicant_kind": app.applicant_kind, "channel": app.channel,
        "receipt_basis": app.receipt_basis,
        "law_profile": app.law_profile, "working_days": status.clock.needed,
        "paused_since": (status.clock.paused_since.isoformat()
                         if status.clock.paused_since else None),
        "recorded_at": app.recorded_at, "recorded_by": app.recorded_by,
        "events": [event_data(e) for e in events],
        "fees": [fee_data(f) for f in fees],  # 元
    }


def show_blocks(status: ApplicationStatus, events: Sequence[Event], registry: Registry,
                t: Translate, fees: Sequence[Fee] = ()) -> list[Block]:
    data = show_data(status, events, fees)
    facts = Table([t("col.field"), t("col.value")])
    for key, value in (
        ("col.id", str(data["id"])), ("col.unit", unit_label(t, registry, data["agency"])),
        ("col.subject", data["subject"]), ("col.applicant", data["applicant"]),
        ("col.applicant_kind", t(f"applicant.{data['applicant_kind']}")),
        ("col.channel", t(f"channel.{data['channel']}")),
        ("col.receipt_basis", t(f"receipt.{data['receipt_basis']}")
         if data["receipt_basis"] else ""),
        ("col.received", data["received_on"]),
        ("col.law", law_name(registry, data["law_profile"])),
        ("col.due", data["due"] or t("request.paused_since", since=data["paused_since"])),
        ("col.state", t(f"request.state.{data['state']}")),
        ("col.outcome", t(f"outcome.{data['outcome']}") if data["outcome"] else ""),
        ("col.consultation_ended", lapsed_text(status, registry, t) or ""),
        ("col.recorded", f"{data['recorded_at']} {data['recorded_by']}"),
    ):
        facts.rows.append([t(key), value])
    blocks: list[Block] = [facts]
    if events:
        table = Table([t("col.id"), t("col.event"), t("col.on"), t("col.details"),
                       t("col.recorded"), t("col.by")])
        for e in events:
            table.rows.append([str(e.id), t(f"event.{e.kind}"), e.occurred_on.isoformat(),
                               event_details(e, t), e.recorded_at, e.recorded_by])
        blocks += [Heading(t("request.events")), table]
    if fees:
        table = Table([t("col.id"), t("col.fee"), t("col.on"), t("col.amount"),
                       t("col.fee_items"), t("col.recorded"), t("col.by")],
                      align=["left", "left", "left", "right", "left", "left", "left"])
        for f in fees:
            table.rows.append([str(f.id), t(f"fee.{f.kind}"), f.occurred_on.isoformat(),
                               f.amount, fee_items_label(t, f.items),
                               f.recorded_at, f.recorded_by])
        blocks += [Heading(t("request.fees")), table]
    return blocks


def event_details(e: Event, t: Translate) -> str:
    """What an event records, in words: who approved an extension and for how long, why the
    clock stopped, what the answer was and on what grounds."""
    d = e.details
    if e.kind == "extend" and {"approved_by", "working_days"} <= d.keys():
        return t("explain.extend", by=d["approved_by"], days=d["working_days"])
    parts: list[str] = []
    for key, value in d.items() if e.kind != "answer" else _answer_order(d):
        if key == "why":
            parts.append(_worded(t, f"event.why.{value}", str(value)))
        elif key == "outcome":
            parts.append(t("event.outcome", value=_worded(t, f"outcome.{value}", str(value))))
        elif key == "ground":
            parts.append(t("event.ground", value=_worded(t, f"ground.{value}", str(value))))
        elif key == "kind" and e.kind == "appeal":
            parts.append(_worded(t, f"event.appeal_kind.{value}", str(value)))
        elif key == "result" and e.kind == "appeal":
            parts.append(t("event.appeal_result",
                           value=_worded(t, f"event.appeal_result.{value}", str(value))))
        elif key in ("reason", "basis", "remedies"):
            if value:
                parts.append(t(f"event.{key}", value=value))
        else:  # a detail a later version records: shown as stored
            parts.append(f"{key}={value}")
    return t("event.detail_sep").join(parts)


def _answer_order(details: dict[str, Any]) -> list[tuple[str, Any]]:
    """An answer read as it is written: the outcome, its ground, reason, basis, remedies."""
    order = ["outcome", "ground", "reason", "basis", "remedies"]
    return sorted(details.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order
                  else len(order))


def _worded(t: Translate, key: str, fallback: str) -> str:
    words = t(key)
    return fallback if words == key else words


def _step_note(step: Step, t: Translate, sep: str = "; ") -> str:
    parts = [t(key, **params) for key, params in step.notes]
    day = step.calendar_day
    if day.kind == "holiday":
        parts.append(t("explain.holiday", name=day.name or ""))
    elif day.kind == "weekend":
        parts.append(t("explain.weekend"))
    elif day.kind == "adjusted_workday" and step.counted:
        parts.append(t("explain.adjusted", name=day.name or ""))
    elif day.kind == "override":
        parts.append(t("explain.override", name=day.name or ""))
    # json keeps "; " between the notes (its values stay as they were); tables punctuate
    # as the language does
    return sep.join(parts)


def explain_data(status: ApplicationStatus, t: Translate) -> dict[str, Any]:
    c = status.clock
    return {
        "id": status.application.id,
        "law_profile": status.application.law_profile,
        "received_on": status.application.received_on.isoformat(),
        "start": c.start.isoformat(),
        "working_days": c.needed,
        "due": c.due.isoformat() if c.due else None,
        "paused_since": c.paused_since.isoformat() if c.paused_since else None,
        "days": [{"day": d.day.isoformat(), "weekday": WEEKDAYS[d.day.weekday()],
                  "kind": d.kind, "name": d.name, "counted": s.counted, "note": _step_note(s, t)}
                 for s in c.steps for d in (s.calendar_day,)],
    }


def explain_blocks(status: ApplicationStatus, registry: Registry, t: Translate) -> list[Block]:
    data = explain_data(status, t)
    app = status.application
    header = t("explain.title", id=app.id, unit=registry.agency(app.agency).name,
               received=data["received_on"], law=law_name(registry, data["law_profile"]),
               days=data["working_days"],
               due=data["due"] or t("request.paused_since", since=data["paused_since"]))
    table = Table([t("col.day"), t("col.weekday"), t("col.working_day"), t("col.note")],
                  align=["left", "left", "right", "left"])
    sep = t("explain.note_sep")
    notes = [_step_note(s, t, sep) for s in status.clock.steps]
    for row, note in zip(data["days"], notes, strict=True):
        count = str(row["counted"]) if row["counted"] else ""
        if row["day"] == data["due"]:
            table.rows.append([Cell(row["day"], "accent"), t(f"weekday.{row['weekday']}"),
                               Cell(count, "accent"),
                               Cell(sep.join(x for x in (note, t("explain.due_day")) if x),
                                    "accent")])
        else:
            table.rows.append([row["day"], t(f"weekday.{row['weekday']}"), count, note])
    return [Line.of(Cell(header, "accent")), table]

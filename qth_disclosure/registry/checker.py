"""Field-by-field checks that collect problems with file and line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from qth_disclosure.calendar import ROLLS, check_rule
from qth_disclosure.errors import Problem
from qth_disclosure.registry.model import (
    AGENCY_KINDS,
    ALL_UNITS,
    COUNTED_FROM,
    MAX_ATTACHMENT_BYTES,
    MONTH_END,
    SET_BY,
)
from qth_disclosure.registry.yamlfile import LineMap, Unreadable, shown

# What the registry's text may be: checked when the YAML is read (a cache miss), so a
# run that reads the registry from its cache compiles none of them.
MONTH_PATTERN = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
CODE_PATTERN = re.compile(r"[a-z][a-z0-9_-]*")
TASK_ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
# one address as any SMTP server takes it (RFC 5321's local@domain in ASCII, no display
# name, no spaces): the 催报 goes there
EMAIL_PATTERN = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
                           r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                           r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
PHONE_PATTERN = re.compile(r"\+?[(]?[0-9][0-9 ()-]{3,30}(?:(?:转|ext\.?|x)\s*[0-9]{1,6})?")

# ---------------------------------------------------------------- validation


@dataclass
class Checker:
    """Collects problems for one file; each check returns a usable value or None."""

    file: str
    problems: list[Problem]

    def add(self, line: int | None, msg: str, **params: Any) -> None:
        # every value may come from the file: shown escaped and cut, never raw
        self.problems.append(Problem(self.file, line, msg,
                                     {k: shown(v) for k, v in params.items()}))

    def mapping(self, value: Any, line: int | None, where: str) -> LineMap | None:
        if isinstance(value, LineMap):
            for key, kline in value.repeated:
                self.add(kline, "key_repeated", key=key, where=where)
            return value
        self.add(line, "not_mapping", where=where)
        return None

    def fields(
        self, m: LineMap, where: str, spec: dict[str, tuple[Callable[..., Any], bool]]
    ) -> dict[str, Any]:
        """Check a mapping against {key: (checker, required)}; unknown keys are errors."""
        out: dict[str, Any] = {}
        for key in m:
            if key not in spec:
                self.add(m.lines.get(key, m.line), "unknown_key", key=key, where=where,
                         valid=", ".join(spec))
        for key, (check, required) in spec.items():
            if key not in m or m[key] is None:
                if required:
                    self.add(m.line, "missing_key", key=key, where=where)
                out[key] = None
                continue
            out[key] = check(self, m[key], m.lines.get(key, m.line), f"{where}.{key}")
        return out

    def text(self, value: Any, line: int, where: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.add(line, "not_text", where=where)
        return None

    def day(self, value: Any, line: int, where: str) -> date | None:
        # YAML reads 2015-07-24 10:00 as a datetime, which is a date to isinstance, and
        # could not be compared with the plan's dates
        if isinstance(value, datetime):
            self.add(line, "date_with_time", where=where, value=value.isoformat(" "))
        elif isinstance(value, date):
            return value
        elif isinstance(value, Unreadable) and value.is_day:
            self.add(line, "no_such_day", where=where, value=value.text)
        else:
            self.add(line, "not_date", where=where, value=value)
        return None

    def count(self, value: Any, line: int, where: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 366:
            return value
        self.add(line, "not_count", where=where, value=value)
        return None

    def byte_count(self, value: Any, line: int, where: str) -> int | None:
        """A size in bytes, 1 to MAX_ATTACHMENT_BYTES (256 MiB)."""
        if (isinstance(value, int) and not isinstance(value, bool)
                and 0 < value <= MAX_ATTACHMENT_BYTES):
            return value
        self.add(line, "not_byte_count", where=where, value=value,
                 limit=MAX_ATTACHMENT_BYTES)
        return None

    def attachments(self, value: Any, line: int, where: str) -> int | None:
        """plan.attachments: `{max_bytes: N}`, the largest file `submit --attach` keeps."""
        m = self.mapping(value, line, where)
        if m is None:
            return None
        return self.fields(m, where, ATTACHMENTS_SPEC)["max_bytes"]  # type: ignore[no-any-return]

    def points(self, value: Any, line: int, where: str) -> Decimal | None:
        """A number of points (考核 分): whole or with at most two decimals (2.5, -0.25),
        from -10000 to 10000."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # a YAML float is read through its shortest text: 0.1 is 0.1, not its binary
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if (number.is_finite() and abs(number) <= MAX_POINTS
                    and number == number.quantize(Decimal("0.01"))):
                return number.quantize(Decimal("0.01")).normalize() + 0
        self.add(line, "not_points", where=where, value=value)
        return None

    def flag(self, value: Any, line: int, where: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.add(line, "not_flag", where=where, value=value)
        return None

    def month(self, value: Any, line: int, where: str) -> str | None:
        if isinstance(value, str) and MONTH_PATTERN.fullmatch(value):
            return value
        self.add(line, "not_month", where=where, value=value)
        return None

    def texts(self, value: Any, line: int, where: str) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.add(line, "not_text_list", where=where)
        return None

    def text_map(self, value: Any, line: int, where: str) -> dict[str, str] | None:
        """A mapping of names to texts (one line each)."""
        if isinstance(value, LineMap) and value and all(
                isinstance(k, str) and isinstance(v, str) and v.strip()
                for k, v in value.items()):
            return {k: v.strip() for k, v in value.items()}
        self.add(line, "not_text_map", where=where)
        return None

    def phone(self, value: Any, line: int, where: str) -> str | None:
        # an office number as people write it: 0464-8290000, (0464) 829 0000, +86 ...
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and PHONE_PATTERN.fullmatch(value.strip()):
            return value.strip()
        self.add(line, "not_phone", where=where, value=value)
        return None

    def email(self, value: Any, line: int, where: str) -> str | None:
        if isinstance(value, str) and EMAIL_PATTERN.fullmatch(value.strip()):
            return value.strip()
        self.add(line, "not_email", where=where, value=value)
        return None

    def contacts(self, value: Any, line: int, where: str) -> tuple[dict[str, Any], ...] | None:
        """A list of {name, phone, email, login}; each entry checked field by field."""
        if not isinstance(value, list):
            self.add(line, "not_list", where=where)
            return None
        found = []
        for i, entry in enumerate(value):
            m = self.mapping(entry, line, f"{where}[{i + 1}]")
            if m is None:
                continue
            f = self.fields(m, f"{where}[{i + 1}]", CONTACT_SPEC)
            if f["name"] is not None:
                found.append(f)
        return tuple(found)

    def lead(self, value: Any, line: int, where: str) -> tuple[str, ...] | None:
        # `lead: all` names a duty of every unit (section 三 of the plan)
        if value == ALL_UNITS:
            return (ALL_UNITS,)
        return self.texts(value, line, where)

    def one_of(self, choices: Iterable[str]) -> Callable[..., str | None]:
        options = tuple(choices)

        def check(_: Checker, value: Any, line: int, where: str) -> str | None:
            if value in options:
                return str(value)
            self.add(line, "not_one_of", where=where, value=value, valid=", ".join(options))
            return None

        return check

    def rule(self, value: Any, line: int, where: str) -> str | None:
        """A recurrence rule (RFC 5545 RRULE, as python-dateutil reads it)."""
        if isinstance(value, str):
            try:
                return check_rule(value)
            except ValueError:
                pass
        self.add(line, "bad_rule", where=where, value=value)
        return None

    def due_rule(self, value: Any, line: int, where: str) -> dict[str, Any] | None:
        """A periodic report's due rule: `month_end` and `{next_month_day: N}` as before,
        or a mapping of DUE_SPEC's keys."""
        if value == "month_end":
            return {"due_rule": MONTH_END, "counted_from": "period_end"}
        if isinstance(value, LineMap) and set(value) == {"next_month_day"}:
            day = value["next_month_day"]
            if isinstance(day, int) and 1 <= day <= 28:
                return {"due_rule": f"FREQ=MONTHLY;BYMONTHDAY={day}",
                        "counted_from": "after_period"}
        elif isinstance(value, LineMap):
            f = self.fields(value, where, DUE_SPEC)
            if f["rule"] is None:
                return None
            return {"due_rule": f["rule"], "counted_from": f["counted_from"] or "period_end",
                    "roll": f["roll"] or "none", "set_by": f["set_by"] or "office",
                    "due_text": f["text"] or ""}
        self.add(line, "bad_due_rule", where=where, value=value)
        return None

    def entries(self, doc: LineMap, key: str, *, optional: bool = False) -> list[LineMap]:
        value = doc.get(key)
        if optional and value is None:
            return []
        if not isinstance(value, list) or not value:
            self.add(doc.lines.get(key, doc.line), "not_list", where=key)
            return []
        out = []
        for i, entry in enumerate(value):
            m = self.mapping(entry, doc.lines.get(key), f"{key}[{i + 1}]")
            if m is not None:
                out.append(m)
        return out


T = Checker  # short alias for the field specs below
MAX_POINTS = 10000


def _choices(options: tuple[str, ...]) -> Callable[..., str | None]:
    def check(c: Checker, value: Any, line: int, where: str) -> str | None:
        return c.one_of(options)(c, value, line, where)

    return check


def _given(c: Checker, value: Any, line: int, where: str) -> Any:
    """The value as written: a part its loader checks piece by piece."""
    return value


def _kinds(c: Checker, value: Any, line: int, where: str) -> tuple[str, ...] | None:
    found = c.texts(value, line, where)
    for kind in found or ():
        if kind not in AGENCY_KINDS:
            c.add(line, "not_one_of", where=where, value=kind, valid=", ".join(AGENCY_KINDS))
            return None
    return found


DUE_SPEC = {
    "rule": (T.rule, True),
    "counted_from": (_choices(COUNTED_FROM), False),
    "roll": (_choices(ROLLS), False),
    "set_by": (_choices(SET_BY), False),
    "text": (T.text, False),
}
ROLL = (_choices(ROLLS), False)
UNITS = (_kinds, False)
PLAN_SPEC = {
    "id": (T.text, True),
    "title": (T.text, True),
    "notice": (T.text, False),
    "document_number": (T.text, True),
    "issued_on": (T.day, True),
    "office": (T.text, True),
    "timezone": (T.text, True),
    "attachments": (T.attachments, False),
}
ATTACHMENTS_SPEC = {"max_bytes": (T.byte_count, True)}
SECTION_SPEC = {"id": (T.text, True), "title": (T.text, True), "title_en": (T.text, False)}
MONTHLY_SPEC = {
    "sections": (T.texts, True),
    "first_month": (T.month, True),
    "last_month": (T.month, True),
    "every": (T.rule, False),
    "due": (T.due_rule, True),
    "text": (T.text, False),
}
TASK_SPEC = {
    "id": (T.text, True),
    "section": (T.text, True),
    "item": (T.text, False),
    "area": (T.text, False),
    "title": (T.text, True),
    "title_en": (T.text, False),
    "text": (T.text, True),
    "items": (T.texts, False),
    "lead": (T.lead, True),
    "cooperating": (T.texts, False),
}
AGENCY_SPEC = {
    "code": (T.text, True),
    "name": (T.text, True),
    "full_name": (T.text, True),
    "name_en": (T.text, True),
    "liaisons": (T.texts, False),
    "contacts": (T.contacts, False),
}
CONTACT_SPEC = {
    "name": (T.text, True),
    "phone": (T.phone, False),
    "email": (T.email, False),
    "login": (T.text, False),
}
LAW_SPEC = {
    "id": (T.text, True),
    "name": (T.text, True),
    "effective_from": (T.day, True),
    "effective_to": (T.day, False),
    "answer_working_days": (T.count, True),
    "extension_max_working_days": (T.count, True),
    "clarify": (T.text, True),
    "third_party": (T.text, True),
    "remedies": (T.text, True),
    "annual_report_due": (T.rule, False),
    "clarify_notice_working_days": (T.count, False),
    "clarify_notice_late": (T.text, False),
    "clarify_repeated": (T.text, False),
    "third_party_max_working_days": (T.count, False),
    "other_agency": (T.text, False),
    "other_agency_max_working_days": (T.count, False),
    "extension_notice_missing": (T.text, False),
    "third_party_refusal_unconsulted": (T.text, False),
    "email_receipt": (T.text, False),
    "fee_items": (T.texts, False),
    "fee_notice_working_days": (T.count, False),
}
DOCUMENTS_SPEC = {
    "form": (T.text, True),
    "issuer_mark": (T.text, True),
    "prefix": (T.text, True),
    "brief_name": (T.text, True),
    "addressees": (T.text, True),
    "copy_to": (T.texts, False),
    "printed_by": (T.text, True),
    "make_up_working_days": (T.count, True),
    "letter_prefix": (T.text, True),
    "reconsideration": (T.text_map, True),
    "reconsideration_days": (T.count, True),
    "lawsuit_months": (T.count, True),
    "remind_within_days": (T.count, True),
}
DAY_OVERRIDE_SPEC = {
    "date": (T.day, True),
    "working": (T.flag, True),
    "name": (T.text, True),
    "source": (T.text, True),
}
SCORING_SPEC = {
    "name": (T.text, True),
    "name_en": (T.text, False),
    "example": (T.flag, False),
    "text": (T.text, False),
    "base": (T.points, True),
    "floor": (T.points, False),
    "ceiling": (T.points, False),
    # a mapping and lists, checked key by key and entry by entry by the loader
    "points": (_given, False),
    "caps": (_given, False),
    "vetoes": (_given, False),
    "grades": (_given, False),
}
SCORE_CAP_SPEC = {
    "kind": (T.text, True),
    "floor": (T.points, False),
    "ceiling": (T.points, False),
}
VETO_SPEC = {
    "kind": (T.text, True),
    "state": (T.text, True),
    "at_least": (T.count, False),
    "score": (T.points, False),
    "grade": (T.text, False),
}
GRADE_SPEC = {
    "name": (T.text, True),
    "name_en": (T.text, False),
    "min": (T.points, True),
}

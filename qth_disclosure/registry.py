"""Load and validate the registry (tasks.yaml, agencies.yaml) into frozen dataclasses.

Validation collects every problem, each with file and line, instead of stopping at the
first: `disclose check` lists them all, and every other command refuses to run on a
registry that has any.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from qth_disclosure.calendar import month_end, months_between, next_month
from qth_disclosure.errors import InputError, Problem, RegistryError

TASKS_FILE = "tasks.yaml"
AGENCIES_FILE = "agencies.yaml"

AGENCY_KINDS = ("office", "bureau", "district", "county")
DELIVERABLE_KINDS = ("plan", "monthly", "summary", "inspection")
ALL_UNITS = "all"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_CODE = re.compile(r"[a-z][a-z0-9_-]*")
_TASK_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


# ---------------------------------------------------------------- the data


@dataclass(frozen=True)
class Agency:
    code: str
    name: str  # as the plan writes it, e.g. 市财政局
    full_name: str
    name_en: str
    kind: str


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    notice: str
    document_number: str
    issued_on: date
    office: str
    timezone: str


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    name_en: str
    start: date
    end: date
    deliverable: str
    text: str


@dataclass(frozen=True)
class MonthlyRule:
    sections: tuple[str, ...]
    first_month: str
    last_month: str
    # "month_end", or the day of the following month a report is due on
    due: str | int
    text: str

    @property
    def months(self) -> list[str]:
        return months_between(self.first_month, self.last_month)

    def due_on(self, month: str) -> date:
        if self.due == "month_end":
            return month_end(month)
        following = next_month(month)
        return date(int(following[:4]), int(following[5:]), int(self.due))


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    title_en: str


@dataclass(frozen=True)
class Task:
    id: str
    section: str
    item: str
    area: str
    title: str
    title_en: str
    text: str
    items: tuple[str, ...]
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]
    monthly: bool
    all_units: bool  # the registry wrote `lead: all`: a duty of every unit


@dataclass(frozen=True)
class Registry:
    source: Path
    plan: Plan
    phases: tuple[Phase, ...]
    monthly: MonthlyRule
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    agencies: tuple[Agency, ...]
    _by_ref: dict[str, Agency] = field(default_factory=dict, compare=False, repr=False)
    _tasks_by_id: dict[str, Task] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for a in self.agencies:
            for ref in (a.code, a.name, a.full_name):
                self._by_ref.setdefault(ref, a)
        for t in self.tasks:
            self._tasks_by_id[t.id] = t

    @cached_property
    def office(self) -> Agency:
        return self._by_ref[self.plan.office]

    @cached_property
    def monthly_tasks(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.monthly)

    @cached_property
    def reporting_units(self) -> tuple[Agency, ...]:
        """Units that owe a plan and a summary and are inspected: every unit but the office,
        which receives them and does the inspecting."""
        return tuple(a for a in self.agencies if a.code != self.plan.office)

    def phase_for(self, deliverable: str) -> Phase:
        return next(p for p in self.phases if p.deliverable == deliverable)

    def agency(self, ref: str) -> Agency:
        """Find a unit by code, by the plan's name or by full name."""
        found = self._by_ref.get(ref.strip()) or self._by_ref.get(ref.strip().lower())
        if found:
            return found
        raise InputError("unknown_agency", value=ref, hint=self._agency_hint(ref))

    def task(self, task_id: str) -> Task:
        found = self._tasks_by_id.get(task_id.strip()) or self._tasks_by_id.get(
            task_id.strip().upper()
        )
        if found:
            return found
        close = difflib.get_close_matches(task_id.upper(), list(self._tasks_by_id), n=3)
        hint = ", ".join(close) if close else ", ".join(t.id for t in self.tasks[:6]) + ", ..."
        raise InputError("unknown_task", value=task_id, hint=hint)

    def label(self, code: str) -> str:
        return f"{code} ({self._by_ref[code].name})"

    def _agency_hint(self, ref: str) -> str:
        refs = list(self._by_ref)
        close = difflib.get_close_matches(ref.strip(), refs, n=3, cutoff=0.5)
        seen: list[str] = []
        for c in close:
            label = self.label(self._by_ref[c].code)
            if label not in seen:
                seen.append(label)
        if seen:
            return ", ".join(seen)
        return ", ".join(self.label(a.code) for a in self.agencies[:4]) + ", ..."


# ---------------------------------------------------------------- locating


def shipped_registry_dir() -> Path:
    """The 2015 registry that ships with the tool.

    An installed wheel carries it inside the package; a source checkout (or an editable
    install) reads the two files at the top of the repository, where they are maintained.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "registry_data"
    if (packaged / TASKS_FILE).is_file():
        return packaged
    return here.parent


def resolve_registry_dir(flag: str | None) -> Path:
    """--registry, then DISCLOSE_REGISTRY, then the shipped registry."""
    chosen = flag or os.environ.get("DISCLOSE_REGISTRY")
    return Path(chosen).expanduser() if chosen else shipped_registry_dir()


# ---------------------------------------------------------------- YAML with line numbers


class _LineMap(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key, and repeated keys."""

    line: int = 0
    lines: dict[str, int]
    repeated: list[tuple[str, int]]


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> _LineMap:
    loader.flatten_mapping(node)
    result = _LineMap()
    result.line = node.start_mark.line + 1
    result.lines = {}
    result.repeated = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            result.repeated.append((str(key), line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(str(path), None, "file_missing"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), None, "file_unreadable", {"reason": str(exc)}))
        return None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader subclass
    except yaml.MarkedYAMLError as exc:
        # the context ("while parsing a flow sequence") starts where the mistake usually is;
        # the problem mark is where the parser gave up, often the line after
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        reason = ", ".join(x for x in (exc.context, exc.problem) if x)
        if exc.problem_mark and exc.context_mark:
            reason += f" (line {exc.problem_mark.line + 1})"
        problems.append(Problem(str(path), line, "yaml_syntax", {"reason": reason}))
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), None, "yaml_syntax", {"reason": str(exc)}))
    return None


# ---------------------------------------------------------------- validation


@dataclass
class _Checker:
    """Collects problems for one file; each check returns a usable value or None."""

    file: str
    problems: list[Problem]

    def add(self, line: int | None, msg: str, **params: Any) -> None:
        self.problems.append(Problem(self.file, line, msg, params))

    def mapping(self, value: Any, line: int | None, where: str) -> _LineMap | None:
        if isinstance(value, _LineMap):
            for key, kline in value.repeated:
                self.add(kline, "key_repeated", key=key, where=where)
            return value
        self.add(line, "not_mapping", where=where)
        return None

    def fields(
        self, m: _LineMap, where: str, spec: dict[str, tuple[Callable[..., Any], bool]]
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
        if isinstance(value, date):
            return value
        self.add(line, "not_date", where=where, value=value)
        return None

    def month(self, value: Any, line: int, where: str) -> str | None:
        if isinstance(value, str) and _MONTH.fullmatch(value):
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

    def lead(self, value: Any, line: int, where: str) -> tuple[str, ...] | None:
        # `lead: all` names a duty of every unit (section 三 of the plan)
        if value == ALL_UNITS:
            return (ALL_UNITS,)
        return self.texts(value, line, where)

    def one_of(self, choices: Iterable[str]) -> Callable[..., str | None]:
        options = tuple(choices)

        def check(_: _Checker, value: Any, line: int, where: str) -> str | None:
            if value in options:
                return str(value)
            self.add(line, "not_one_of", where=where, value=value, valid=", ".join(options))
            return None

        return check

    def due_rule(self, value: Any, line: int, where: str) -> str | int | None:
        if value == "month_end":
            return "month_end"
        if isinstance(value, _LineMap) and set(value) == {"next_month_day"}:
            day = value["next_month_day"]
            if isinstance(day, int) and 1 <= day <= 28:
                return day
        self.add(line, "bad_due_rule", where=where, value=value)
        return None

    def entries(self, doc: _LineMap, key: str) -> list[_LineMap]:
        value = doc.get(key)
        if not isinstance(value, list) or not value:
            self.add(doc.lines.get(key, doc.line), "not_list", where=key)
            return []
        out = []
        for i, entry in enumerate(value):
            m = self.mapping(entry, doc.lines.get(key), f"{key}[{i + 1}]")
            if m is not None:
                out.append(m)
        return out


T = _Checker  # short alias for the field specs below
_PLAN_SPEC = {
    "id": (T.text, True),
    "title": (T.text, True),
    "notice": (T.text, False),
    "document_number": (T.text, True),
    "issued_on": (T.day, True),
    "office": (T.text, True),
    "timezone": (T.text, True),
}
_SECTION_SPEC = {"id": (T.text, True), "title": (T.text, True), "title_en": (T.text, False)}
_MONTHLY_SPEC = {
    "sections": (T.texts, True),
    "first_month": (T.month, True),
    "last_month": (T.month, True),
    "due": (T.due_rule, True),
    "text": (T.text, False),
}
_TASK_SPEC = {
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
_AGENCY_SPEC = {
    "code": (T.text, True),
    "name": (T.text, True),
    "full_name": (T.text, True),
    "name_en": (T.text, True),
}


def load_registry(directory: Path) -> Registry:
    """Load and validate; raise RegistryError listing every problem."""
    registry, problems = check_registry(directory)
    if problems or registry is None:
        raise RegistryError(problems)
    return registry


def check_registry(directory: Path) -> tuple[Registry | None, list[Problem]]:
    """Validate both files; return the registry (when sound) and every problem found."""
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(str(directory), None, "registry_dir_missing"))
        return None, problems
    agencies = _load_agencies(directory / AGENCIES_FILE, problems)
    parts = _load_tasks(directory / TASKS_FILE, agencies, problems)
    if problems or parts is None or not agencies:
        return None, problems
    return Registry(source=directory, agencies=tuple(agencies.values()), **parts), problems


def _load_agencies(path: Path, problems: list[Problem]) -> dict[str, Agency]:
    c = _Checker(str(path), problems)
    doc = _read_yaml(path, problems)
    if doc is None:
        return {}
    top = c.mapping(doc, 1, "agencies.yaml")
    if top is None:
        return {}
    for key in top:
        if key != "agencies":
            c.add(top.lines[key], "unknown_key", key=key, where="agencies.yaml", valid="agencies")
    agencies: dict[str, Agency] = {}
    names: dict[str, str] = {}
    spec = dict(_AGENCY_SPEC, kind=(c.one_of(AGENCY_KINDS), True))
    for i, entry in enumerate(c.entries(top, "agencies")):
        f = c.fields(entry, f"agencies[{i + 1}]", spec)
        code = f["code"]
        if code is None or any(f[k] is None for k in spec):
            continue
        if not _CODE.fullmatch(code):
            c.add(entry.lines["code"], "bad_code", value=code)
            continue
        if code in agencies:
            c.add(entry.lines["code"], "duplicate_code", value=code)
            continue
        for ref in {f["name"], f["full_name"]}:
            if ref in names:
                c.add(entry.line, "duplicate_name", value=ref, other=names[ref])
            names[ref] = code
        agencies[code] = Agency(code, f["name"], f["full_name"], f["name_en"], f["kind"])
    return agencies


def _load_tasks(
    path: Path, agencies: dict[str, Agency], problems: list[Problem]
) -> dict[str, Any] | None:
    c = _Checker(str(path), problems)
    doc = _read_yaml(path, problems)
    if doc is None:
        return None
    top = c.mapping(doc, 1, "tasks.yaml")
    if top is None:
        return None
    known = ("plan", "phases", "monthly_reporting", "sections", "tasks")
    for key in top:
        if key not in known:
            c.add(top.lines[key], "unknown_key", key=key, where="tasks.yaml",
                  valid=", ".join(known))

    def known_agency(code: str, line: int) -> bool:
        if code in agencies or not agencies:
            return True
        close = difflib.get_close_matches(code, list(agencies), n=1)
        c.add(line, "unknown_agency_code", value=code,
              hint=f"; did you mean {close[0]}?" if close else "")
        return False

    plan = _load_plan(c, top, known_agency)
    phases = _load_phases(c, top)
    sections = _load_sections(c, top)
    monthly = _load_monthly(c, top, {s.id for s in sections})
    tasks = _load_tasks_list(c, top, agencies, {s.id for s in sections}, monthly, known_agency)
    if plan is None or phases is None or monthly is None:
        return None
    return {"plan": plan, "phases": phases, "monthly": monthly,
            "sections": tuple(sections), "tasks": tuple(tasks)}


def _load_plan(
    c: _Checker, top: _LineMap, known_agency: Callable[[str, int], bool]
) -> Plan | None:
    m = c.mapping(top.get("plan"), top.lines.get("plan", top.line), "plan")
    if m is None:
        return None
    f = c.fields(m, "plan", _PLAN_SPEC)
    if f["office"] is not None:
        known_agency(f["office"], m.lines["office"])
    if f["timezone"] is not None:
        try:
            ZoneInfo(f["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            c.add(m.lines["timezone"], "bad_timezone", value=f["timezone"])
            return None
    if any(f[k] is None for k in _PLAN_SPEC if _PLAN_SPEC[k][1]):
        return None
    return Plan(notice=f["notice"] or f["title"], **{k: f[k] for k in _PLAN_SPEC if k != "notice"})


def _load_phases(c: _Checker, top: _LineMap) -> tuple[Phase, ...] | None:
    spec = {
        "id": (T.text, True),
        "name": (T.text, True),
        "name_en": (T.text, False),
        "start": (T.day, True),
        "end": (T.day, True),
        "deliverable": (c.one_of(DELIVERABLE_KINDS), True),
        "text": (T.text, False),
    }
    phases: list[Phase] = []
    seen_ids: set[str] = set()
    seen_kinds: set[str] = set()
    ok = True
    for i, entry in enumerate(c.entries(top, "phases")):
        f = c.fields(entry, f"phases[{i + 1}]", spec)
        if any(f[k] is None for k in spec if spec[k][1]):
            ok = False
            continue
        if f["start"] > f["end"]:
            c.add(entry.lines["end"], "phase_dates_reversed", id=f["id"],
                  start=f["start"].isoformat(), end=f["end"].isoformat())
            ok = False
        if f["id"] in seen_ids:
            c.add(entry.lines["id"], "duplicate_id", value=f["id"])
            ok = False
        if f["deliverable"] in seen_kinds:
            c.add(entry.lines["deliverable"], "duplicate_phase_deliverable", value=f["deliverable"])
            ok = False
        seen_ids.add(f["id"])
        seen_kinds.add(f["deliverable"])
        phases.append(Phase(name_en=f["name_en"] or f["id"], text=f["text"] or "",
                            **{k: f[k] for k in ("id", "name", "start", "end", "deliverable")}))
    # phases are listed in the plan's order; their due dates must follow that order too
    for before, after in zip(phases, phases[1:], strict=False):
        if before.end > after.end:
            line = _entry_line(top, "phases", phases.index(after))
            c.add(line, "phases_out_of_order", first=before.id, second=after.id)
            ok = False
    missing = [k for k in DELIVERABLE_KINDS if k not in seen_kinds]
    if ok and missing:
        c.add(top.lines.get("phases"), "phase_deliverable_missing", kinds=", ".join(missing))
        ok = False
    return tuple(phases) if ok and phases else None


def _entry_line(top: _LineMap, key: str, index: int) -> int | None:
    entry = top[key][index]
    return entry.line if isinstance(entry, _LineMap) else top.lines.get(key)


def _load_sections(c: _Checker, top: _LineMap) -> list[Section]:
    sections: list[Section] = []
    for i, entry in enumerate(c.entries(top, "sections")):
        f = c.fields(entry, f"sections[{i + 1}]", _SECTION_SPEC)
        if f["id"] is None or f["title"] is None:
            continue
        if any(s.id == f["id"] for s in sections):
            c.add(entry.lines["id"], "duplicate_id", value=f["id"])
            continue
        sections.append(Section(f["id"], f["title"], f["title_en"] or f["title"]))
    return sections


def _load_monthly(c: _Checker, top: _LineMap, section_ids: set[str]) -> MonthlyRule | None:
    m = c.mapping(top.get("monthly_reporting"), top.lines.get("monthly_reporting", top.line),
                  "monthly_reporting")
    if m is None:
        return None
    f = c.fields(m, "monthly_reporting", _MONTHLY_SPEC)
    if any(f[k] is None for k in _MONTHLY_SPEC if _MONTHLY_SPEC[k][1]):
        return None
    for s in f["sections"]:
        if s not in section_ids and section_ids:
            c.add(m.lines["sections"], "unknown_section", value=s,
                  valid=", ".join(sorted(section_ids)))
    if f["first_month"] > f["last_month"]:
        c.add(m.lines["last_month"], "months_reversed", first=f["first_month"],
              last=f["last_month"])
        return None
    return MonthlyRule(f["sections"], f["first_month"], f["last_month"], f["due"], f["text"] or "")


def _load_tasks_list(
    c: _Checker,
    top: _LineMap,
    agencies: dict[str, Agency],
    section_ids: set[str],
    monthly: MonthlyRule | None,
    known_agency: Callable[[str, int], bool],
) -> list[Task]:
    tasks: list[Task] = []
    seen: set[str] = set()
    monthly_sections = set(monthly.sections) if monthly else set()
    for i, entry in enumerate(c.entries(top, "tasks")):
        f = c.fields(entry, f"tasks[{i + 1}]", _TASK_SPEC)
        tid = f["id"]
        if tid is not None:
            if not _TASK_ID.fullmatch(tid):
                c.add(entry.lines["id"], "bad_task_id", value=tid)
            elif tid in seen:
                c.add(entry.lines["id"], "duplicate_id", value=tid)
            seen.add(tid)
        if f["section"] is not None and section_ids and f["section"] not in section_ids:
            c.add(entry.lines["section"], "unknown_section", value=f["section"],
                  valid=", ".join(sorted(section_ids)))
        lead, cooperating = f["lead"], f["cooperating"] or ()
        all_units = lead == (ALL_UNITS,)
        if all_units:
            lead = tuple(agencies)
        elif lead is not None:
            lead = _checked_codes(c, lead, entry.lines["lead"], tid, known_agency)
            if not lead:
                c.add(entry.lines["lead"], "no_lead", id=tid)
        if cooperating:
            cooperating = _checked_codes(c, cooperating, entry.lines["cooperating"], tid,
                                         known_agency)
            both = sorted(set(cooperating) & set(lead or ()))
            if both:
                c.add(entry.lines["cooperating"], "lead_and_cooperating", id=tid,
                      codes=", ".join(both))
        if any(f[k] is None for k in _TASK_SPEC if _TASK_SPEC[k][1]) or not lead:
            continue
        tasks.append(Task(
            id=tid, section=f["section"], item=f["item"] or "", area=f["area"] or "",
            title=f["title"], title_en=f["title_en"] or f["title"], text=f["text"],
            items=f["items"] or (), lead=tuple(lead), cooperating=tuple(cooperating),
            monthly=f["section"] in monthly_sections, all_units=all_units,
        ))
    return tasks


def _checked_codes(
    c: _Checker, codes: tuple[str, ...], line: int, tid: str | None,
    known_agency: Callable[[str, int], bool],
) -> tuple[str, ...]:
    out: list[str] = []
    for code in codes:
        if code in out:
            c.add(line, "code_repeated", value=code, id=tid)
        elif known_agency(code, line):
            out.append(code)
    return tuple(out)

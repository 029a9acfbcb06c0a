"""Load and validate the registry (tasks.yaml, agencies.yaml) into frozen dataclasses.

Validation collects every problem, each with file and line, instead of stopping at the
first: `disclose check` lists them all, and every other command refuses to run on a
registry that has any.
"""


from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from qth_disclosure.calendar import WorkCalendar, first_on_or_after, month_first, occurrences
from qth_disclosure.errors import InputError, Problem
from qth_disclosure.registry.checker import (
    AGENCY_SPEC,
    CODE_PATTERN,
    DAY_OVERRIDE_SPEC,
    DOCUMENTS_SPEC,
    GRADE_SPEC,
    LAW_SPEC,
    MONTHLY_SPEC,
    PLAN_SPEC,
    ROLL,
    SCORE_CAP_SPEC,
    SCORING_SPEC,
    SECTION_SPEC,
    TASK_ID_PATTERN,
    TASK_SPEC,
    UNITS,
    VETO_SPEC,
    Checker,
    T,
)
from qth_disclosure.registry.model import (
    AGENCIES_FILE,
    AGENCY_KINDS,
    ALL_UNITS,
    CLOCK_RULES,
    DELIVERABLE_KINDS,
    DOCUMENT_FORMS,
    FEE_ITEMS,
    MONTHLY,
    RULE_ACTIONS,
    SCORED_KINDS,
    SCORED_STATES,
    TASKS_FILE,
    Agency,
    Contact,
    DayOverride,
    DocumentRules,
    Grade,
    LawProfile,
    MonthlyRule,
    Phase,
    Plan,
    PointRule,
    Registry,
    ScoreCap,
    ScoringRules,
    Section,
    Task,
    Veto,
)
from qth_disclosure.registry.reading import read_file
from qth_disclosure.registry.yamlfile import LineMap, read_yaml

# ---------------------------------------------------------------- locating


# unknown agency codes that get a "did you mean" (see known_agency)
MAX_SUGGESTIONS = 50
# what an empty file is told it needs
AGENCIES_REQUIRED = ("agencies",)
TASKS_REQUIRED = ("plan", "phases", "monthly_reporting", "sections", "tasks")


def check_registry(directory: Path, files: Mapping[str, bytes | Problem] | None = None
                   ) -> tuple[Registry | None, list[Problem]]:
    """Validate both files (or what reading them gave); the registry and every problem.

    The registry is None exactly when there is at least one problem.
    """
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(str(directory), None, "registry_dir_missing"))
        return None, problems
    if files is None:
        files = {name: read_file(directory / name) for name in (AGENCIES_FILE, TASKS_FILE)}
    agencies, coordinators, contacts = _load_agencies(directory / AGENCIES_FILE, problems,
                                            files[AGENCIES_FILE])
    parts = _load_tasks(directory / TASKS_FILE, agencies, problems, files[TASKS_FILE])
    if problems or parts is None or not agencies:
        return None, problems
    return Registry(source=directory, agencies=tuple(agencies.values()),
                    coordinators=coordinators, contacts=contacts, **parts), problems


def _load_agencies(path: Path, problems: list[Problem], data: bytes | Problem
                   ) -> tuple[dict[str, Agency], tuple[str, ...], tuple[Contact, ...]]:
    """The units, the office's coordinators (login names), if any are listed, and the
    units' contacts."""
    c = Checker(str(path), problems)
    doc = read_yaml(path, problems, data, required=AGENCIES_REQUIRED)
    if doc is None:
        return {}, (), ()
    top = c.mapping(doc, 1, "agencies.yaml")
    if top is None:
        return {}, (), ()
    for key in top:
        if key not in ("agencies", "coordinators"):
            c.add(top.lines[key], "unknown_key", key=key, where="agencies.yaml",
                  valid="agencies, coordinators")
    coordinators: tuple[str, ...] = ()
    if top.get("coordinators") is not None:
        coordinators = c.texts(top["coordinators"], top.lines["coordinators"],
                               "coordinators") or ()
    agencies: dict[str, Agency] = {}
    contacts: list[Contact] = []
    names: dict[str, str] = {}
    spec = dict(AGENCY_SPEC, kind=(c.one_of(AGENCY_KINDS), True))
    for i, entry in enumerate(c.entries(top, "agencies")):
        f = c.fields(entry, f"agencies[{i + 1}]", spec)
        code = f["code"]
        if code is None or any(f[k] is None for k in spec if spec[k][1]):
            continue
        if not CODE_PATTERN.fullmatch(code):
            c.add(entry.lines["code"], "bad_code", value=code)
            continue
        if code in agencies:
            c.add(entry.lines["code"], "duplicate_code", value=code)
            continue
        for ref in {f["name"], f["full_name"]}:
            if ref in names:
                c.add(entry.line, "duplicate_name", value=ref, other=names[ref])
            names[ref] = code
        agencies[code] = Agency(code, f["name"], f["full_name"], f["name_en"], f["kind"],
                                f["liaisons"] or ())
        contacts += [Contact(code, p["name"], p["phone"], p["email"], p["login"])
                     for p in f["contacts"] or ()]
    return agencies, coordinators, tuple(contacts)


def _load_tasks(
    path: Path, agencies: dict[str, Agency], problems: list[Problem], data: bytes | Problem
) -> dict[str, Any] | None:
    c = Checker(str(path), problems)
    doc = read_yaml(path, problems, data, required=TASKS_REQUIRED)
    if doc is None:
        return None
    top = c.mapping(doc, 1, "tasks.yaml")
    if top is None:
        return None
    known = ("plan", "phases", "monthly_reporting", "sections", "tasks", "law_profiles",
             "working_calendar", "documents", "scoring")
    for key in top:
        if key not in known:
            c.add(top.lines[key], "unknown_key", key=key, where="tasks.yaml",
                  valid=", ".join(known))

    hints: dict[str, str] = {}

    def known_agency(code: str, line: int) -> bool:
        if code in agencies or not agencies:
            return True
        # a suggestion compares the code with every unit's: worth it for the few typos a
        # person makes, not for thousands of codes (each made once, remembered)
        if code not in hints and len(hints) < MAX_SUGGESTIONS:
            close = difflib.get_close_matches(code, list(agencies), n=1)
            hints[code] = f"; did you mean {close[0]}?" if close else ""
        c.add(line, "unknown_agency_code", value=code, hint=hints.get(code, ""))
        return False

    plan = _load_plan(c, top, known_agency)
    phases = _load_phases(c, top)
    sections = _load_sections(c, top)
    monthly = _load_monthly(c, top, {s.id for s in sections})
    tasks = _load_tasks_list(c, top, agencies, {s.id for s in sections}, monthly, known_agency)
    law_profiles = _load_law_profiles(c, top)
    day_overrides = _load_day_overrides(c, top)
    documents = _load_documents(c, top)
    scoring = _load_scoring(c, top)
    if plan is None or phases is None or monthly is None:
        return None
    rolled = _rolled(c, top, phases, monthly, day_overrides)
    if rolled is None:
        return None
    phases, monthly = rolled
    return {"plan": plan, "phases": phases, "monthly": monthly,
            "sections": tuple(sections), "tasks": tuple(tasks),
            "law_profiles": law_profiles, "day_overrides": day_overrides,
            "documents": documents, "scoring": scoring}


def _load_scoring(c: Checker, top: LineMap) -> ScoringRules | None:
    """The 考核 rules (optional: without them `score` and `rank` say the registry has
    none). Every kind, state and number is checked where it is written."""
    if top.get("scoring") is None:
        return None
    m = c.mapping(top["scoring"], top.lines.get("scoring"), "scoring")
    if m is None:
        return None
    before = len(c.problems)
    f = c.fields(m, "scoring", SCORING_SPEC)
    _check_bounds(c, m, "scoring", f["floor"], f["ceiling"])
    points = _scoring_points(c, m)
    caps: list[ScoreCap] = []
    for i, entry in enumerate(c.entries(m, "caps", optional=True)):
        where = f"scoring.caps[{i + 1}]"
        g = c.fields(entry, where, SCORE_CAP_SPEC)
        if g["kind"] is not None and g["kind"] not in SCORED_KINDS:
            c.add(entry.lines["kind"], "not_one_of", where=f"{where}.kind", value=g["kind"],
                  valid=", ".join(SCORED_KINDS))
        elif g["floor"] is None and g["ceiling"] is None:
            c.add(entry.line, "cap_without_bound", where=where)
        elif any(cap.kind == g["kind"] for cap in caps):
            c.add(entry.lines["kind"], "cap_repeated", where=where, value=g["kind"])
        elif g["kind"] is not None and _check_bounds(c, entry, where, g["floor"], g["ceiling"]):
            caps.append(ScoreCap(g["kind"], g["floor"], g["ceiling"]))
    grades: list[Grade] = []
    for i, entry in enumerate(c.entries(m, "grades", optional=True)):
        g = c.fields(entry, f"scoring.grades[{i + 1}]", GRADE_SPEC)
        if g["name"] is None or g["min"] is None:
            continue
        if any(grade.name == g["name"] for grade in grades):
            c.add(entry.lines["name"], "duplicate_id", value=g["name"])
        elif any(grade.min == g["min"] for grade in grades):
            c.add(entry.lines["min"], "grade_min_repeated", value=str(g["min"]))
        else:
            grades.append(Grade(g["name"], g["name_en"] or g["name"], g["min"]))
    vetoes: list[Veto] = []
    for i, entry in enumerate(c.entries(m, "vetoes", optional=True)):
        where = f"scoring.vetoes[{i + 1}]"
        g = c.fields(entry, where, VETO_SPEC)
        if g["kind"] is None or g["state"] is None:
            continue
        if g["kind"] not in SCORED_KINDS:
            c.add(entry.lines["kind"], "not_one_of", where=f"{where}.kind", value=g["kind"],
                  valid=", ".join(SCORED_KINDS))
        elif g["state"] not in SCORED_STATES[g["kind"]]:
            c.add(entry.lines["state"], "not_one_of", where=f"{where}.state",
                  value=g["state"], valid=", ".join(SCORED_STATES[g["kind"]]))
        elif g["score"] is None and g["grade"] is None:
            c.add(entry.line, "veto_without_effect", where=where)
        elif g["grade"] is not None and grades and g["grade"] not in {x.name for x in grades}:
            c.add(entry.lines["grade"], "not_one_of", where=f"{where}.grade",
                  value=g["grade"], valid=", ".join(x.name for x in grades))
        else:
            vetoes.append(Veto(g["kind"], g["state"], g["at_least"] or 1, g["score"],
                               g["grade"]))
    if len(c.problems) > before or f["name"] is None or f["base"] is None:
        return None
    return ScoringRules(
        name=f["name"], name_en=f["name_en"] or f["name"], example=bool(f["example"]),
        base=f["base"], floor=f["floor"], ceiling=f["ceiling"], text=f["text"] or "",
        points=tuple(points), caps=tuple(caps), vetoes=tuple(vetoes),
        grades=tuple(sorted(grades, key=lambda g: -g.min)))


def _check_bounds(c: Checker, m: LineMap, where: str, floor: Decimal | None,
                  ceiling: Decimal | None) -> bool:
    if floor is not None and ceiling is not None and floor > ceiling:
        c.add(m.lines["ceiling"], "floor_above_ceiling", where=where, floor=str(floor),
              ceiling=str(ceiling))
        return False
    return True


def _scoring_points(c: Checker, m: LineMap) -> list[PointRule]:
    """`points:` a mapping of kinds, each a mapping of states (or verdicts) to points."""
    if m.get("points") is None:
        return []
    kinds = c.mapping(m["points"], m.lines["points"], "scoring.points")
    if kinds is None:
        return []
    out = []
    for kind in kinds:
        line = kinds.lines.get(kind, kinds.line)
        if kind not in SCORED_KINDS:
            c.add(line, "unknown_key", key=kind, where="scoring.points",
                  valid=", ".join(SCORED_KINDS))
            continue
        states = c.mapping(kinds[kind], line, f"scoring.points.{kind}")
        if states is None:
            continue
        for state in states:
            where = f"scoring.points.{kind}.{state}"
            state_line = states.lines.get(state, states.line)
            if state not in SCORED_STATES[kind]:
                c.add(state_line, "unknown_key", key=state, where=f"scoring.points.{kind}",
                      valid=", ".join(SCORED_STATES[kind]))
                continue
            value = c.points(states[state], state_line, where)
            if value is not None:
                out.append(PointRule(kind, state, value))
    return out


def _load_documents(c: Checker, top: LineMap) -> DocumentRules | None:
    """How the office's documents look and are numbered (optional: without it the tool
    still prints its bulletins, but writes no documents)."""
    if top.get("documents") is None:
        return None
    m = c.mapping(top["documents"], top.lines.get("documents"), "documents")
    if m is None:
        return None
    f = c.fields(m, "documents", DOCUMENTS_SPEC)
    if f["form"] is not None and f["form"] not in DOCUMENT_FORMS:
        c.add(m.lines["form"], "not_one_of", where="documents.form", value=f["form"],
              valid=", ".join(DOCUMENT_FORMS))
        f["form"] = None
    bodies = f.pop("reconsideration")
    for kind in bodies or {}:
        if kind not in ("default", *AGENCY_KINDS):
            c.add(m.lines["reconsideration"], "unknown_key", key=kind,
                  where="documents.reconsideration", valid=", ".join(("default", *AGENCY_KINDS)))
            bodies = None
            break
    if bodies is not None and "default" not in bodies:
        c.add(m.lines["reconsideration"], "missing_key", key="default",
              where="documents.reconsideration")
        bodies = None
    if bodies is None or any(f[k] is None for k in DOCUMENTS_SPEC if DOCUMENTS_SPEC[k][1]
                             and k in f):
        return None
    return DocumentRules(**{**f, "copy_to": f["copy_to"] or ()},
                         reconsideration_kinds=tuple(bodies),
                         reconsideration_bodies=tuple(bodies.values()))


def _rolled(c: Checker, top: LineMap, phases: tuple[Phase, ...], monthly: MonthlyRule,
            overrides: tuple[DayOverride, ...],
            ) -> tuple[tuple[Phase, ...], MonthlyRule] | None:
    """The phases' and the periods' due days, rolled off rest days on the official calendar
    (and the registry's overrides) where the registry asks for it; once, here, so a cached
    registry's readers never load the calendar. A day the calendar does not cover is a
    problem of the registry's."""
    calendar = WorkCalendar({o.day: (o.working, o.name) for o in overrides})
    try:
        phases = tuple(p._replace(due=calendar.rolled(p.end, p.roll)) for p in phases)
        dues = []
        for month in monthly.months:
            day = monthly.due_unrolled(month)
            assert day is not None  # _load_monthly refused a rule giving none
            dues.append(calendar.rolled(day, monthly.roll).isoformat())
    except InputError as exc:
        c.add(top.lines.get("monthly_reporting"), "roll_not_covered", **exc.params)
        return None
    return phases, monthly._replace(dues=tuple(dues))


# the rules a profile may leave out: no limit, or a warning (model.LawProfile's defaults)
LAW_DEFAULTED = ("clarify_notice_late", "clarify_repeated", "extension_notice_missing",
                 "third_party_refusal_unconsulted", "email_receipt", "fee_items")


def _load_law_profiles(c: Checker, top: LineMap) -> tuple[LawProfile, ...]:
    """The Regulations' deadlines, in force one after another (2008, then 2019)."""
    profiles: list[LawProfile] = []
    for i, entry in enumerate(c.entries(top, "law_profiles", optional=True)):
        where = f"law_profiles[{i + 1}]"
        f = c.fields(entry, where, LAW_SPEC)
        for rule in ("clarify", "third_party"):
            if f[rule] is not None and f[rule] not in CLOCK_RULES:
                c.add(entry.lines[rule], "not_one_of", where=f"{where}.{rule}", value=f[rule],
                      valid=", ".join(CLOCK_RULES))
                f[rule] = None
        for rule, valid in (("other_agency", ("pause",)),
                            ("clarify_notice_late", RULE_ACTIONS),
                            ("clarify_repeated", RULE_ACTIONS),
                            ("extension_notice_missing", RULE_ACTIONS),
                            ("third_party_refusal_unconsulted", RULE_ACTIONS),
                            ("email_receipt", ("system_received", "confirmed"))):
            if f[rule] is not None and f[rule] not in valid:
                c.add(entry.lines[rule], "not_one_of", where=f"{where}.{rule}", value=f[rule],
                      valid=", ".join(valid))
                f[rule] = None
        for item in f["fee_items"] or ():
            if item not in FEE_ITEMS:
                c.add(entry.lines["fee_items"], "not_one_of", where=f"{where}.fee_items",
                      value=item, valid=", ".join(FEE_ITEMS))
                f["fee_items"] = None
                break
        if any(f[k] is None for k in LAW_SPEC if LAW_SPEC[k][1]):
            continue
        f["annual_report_due"] = f["annual_report_due"] or ""
        if f["annual_report_due"] and first_on_or_after(
                f["annual_report_due"], date(f["effective_from"].year, 12, 31)) is None:
            c.add(entry.lines["annual_report_due"], "rule_gives_no_day",
                  where=f"{where}.annual_report_due", value=f["annual_report_due"])
            continue
        # a rule left out keeps the profile's default (no limit, warn)
        profile = LawProfile(**{k: v for k, v in f.items()
                                if v is not None or k not in LAW_DEFAULTED})
        if profile.effective_to and profile.effective_to < profile.effective_from:
            c.add(entry.lines["effective_to"], "law_dates_reversed", id=profile.id)
        elif profiles and (profiles[-1].effective_to is None
                           or profiles[-1].effective_to >= profile.effective_from):
            c.add(entry.line, "law_profiles_overlap", first=profiles[-1].id, second=profile.id)
        else:
            profiles.append(profile)
    return tuple(profiles)


def _load_day_overrides(c: Checker, top: LineMap) -> tuple[DayOverride, ...]:
    calendar = top.get("working_calendar")
    if calendar is None:
        return ()
    m = c.mapping(calendar, top.lines.get("working_calendar"), "working_calendar")
    if m is None:
        return ()
    for key in m:
        if key != "overrides":
            c.add(m.lines[key], "unknown_key", key=key, where="working_calendar",
                  valid="overrides")
    overrides: dict[date, DayOverride] = {}
    for i, entry in enumerate(c.entries(m, "overrides", optional=True)):
        f = c.fields(entry, f"working_calendar.overrides[{i + 1}]", DAY_OVERRIDE_SPEC)
        if any(f[k] is None for k in DAY_OVERRIDE_SPEC):
            continue
        if f["date"] in overrides:
            c.add(entry.lines["date"], "duplicate_id", value=f["date"].isoformat())
            continue
        overrides[f["date"]] = DayOverride(f["date"], f["working"], f["name"], f["source"])
    return tuple(overrides.values())


def _load_plan(
    c: Checker, top: LineMap, known_agency: Callable[[str, int], bool]
) -> Plan | None:
    m = c.mapping(top.get("plan"), top.lines.get("plan", top.line), "plan")
    if m is None:
        return None
    f = c.fields(m, "plan", PLAN_SPEC)
    if f["office"] is not None:
        known_agency(f["office"], m.lines["office"])
    if f["timezone"] is not None:
        try:
            ZoneInfo(f["timezone"])
        # OSError: a name too long for a file name (ENAMETOOLONG), or one naming a directory
        except (ZoneInfoNotFoundError, ValueError, OSError):
            c.add(m.lines["timezone"], "bad_timezone", value=f["timezone"])
            return None
    if any(f[k] is None for k in PLAN_SPEC if PLAN_SPEC[k][1]):
        return None
    if "attachments" in m and f["attachments"] is None:  # given, and refused
        return None
    sizes = {} if f["attachments"] is None else {"attachments_max_bytes": f["attachments"]}
    return Plan(notice=f["notice"] or f["title"], **sizes,
                **{k: f[k] for k in PLAN_SPEC if k not in ("notice", "attachments")})


def _load_phases(c: Checker, top: LineMap) -> tuple[Phase, ...] | None:
    spec = {
        "id": (T.text, True),
        "name": (T.text, True),
        "name_en": (T.text, False),
        "start": (T.day, True),
        "end": (T.day, True),
        "deliverable": (c.one_of(DELIVERABLE_KINDS), True),
        "text": (T.text, False),
        "units": UNITS,
        "roll": ROLL,
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
                            units=f["units"] or (), roll=f["roll"] or "none",
                            **{k: f[k] for k in ("id", "name", "start", "end", "deliverable")}))
    # phases are listed in the plan's order; their due dates must follow that order too
    for index, (before, after) in enumerate(itertools.pairwise(phases), 1):
        if before.end > after.end:
            line = _entry_line(top, "phases", index)
            c.add(line, "phases_out_of_order", first=before.id, second=after.id)
            ok = False
    missing = [k for k in DELIVERABLE_KINDS if k not in seen_kinds]
    if ok and missing:
        c.add(top.lines.get("phases"), "phase_deliverable_missing", kinds=", ".join(missing))
        ok = False
    return tuple(phases) if ok and phases else None


def _entry_line(top: LineMap, key: str, index: int) -> int | None:
    entry = top[key][index]
    return entry.line if isinstance(entry, LineMap) else top.lines.get(key)


def _load_sections(c: Checker, top: LineMap) -> list[Section]:
    sections: dict[str, Section] = {}
    for i, entry in enumerate(c.entries(top, "sections")):
        f = c.fields(entry, f"sections[{i + 1}]", SECTION_SPEC)
        if f["id"] is None or f["title"] is None:
            continue
        if f["id"] in sections:
            c.add(entry.lines["id"], "duplicate_id", value=f["id"])
            continue
        sections[f["id"]] = Section(f["id"], f["title"], f["title_en"] or f["title"])
    return list(sections.values())


def _load_monthly(c: Checker, top: LineMap, section_ids: set[str]) -> MonthlyRule | None:
    m = c.mapping(top.get("monthly_reporting"), top.lines.get("monthly_reporting", top.line),
                  "monthly_reporting")
    if m is None:
        return None
    f = c.fields(m, "monthly_reporting", MONTHLY_SPEC)
    if any(f[k] is None for k in MONTHLY_SPEC if MONTHLY_SPEC[k][1]):
        return None
    for s in f["sections"]:
        if s not in section_ids and section_ids:
            c.add(m.lines["sections"], "unknown_section", value=s,
                  valid=", ".join(sorted(section_ids)))
    if f["first_month"] > f["last_month"]:
        c.add(m.lines["last_month"], "months_reversed", first=f["first_month"],
              last=f["last_month"])
        return None
    rule = MonthlyRule(f["sections"], f["first_month"], f["last_month"],
                       text=f["text"] or "", every=f["every"] or MONTHLY, **f["due"])
    starts = occurrences(rule.every, month_first(rule.first_month),
                         month_first(rule.last_month))
    # periods are named by their first month: each must start on a month's first day
    if not starts or any(day.day != 1 for day in starts):
        c.add(m.lines.get("every", m.line), "periods_not_months", value=rule.every)
        return None
    for month in rule.months:
        if rule.due_unrolled(month) is None:
            c.add(m.lines["due"], "rule_gives_no_day", where="monthly_reporting.due",
                  value=rule.due_rule)
            return None
    return rule


def _load_tasks_list(
    c: Checker,
    top: LineMap,
    agencies: dict[str, Agency],
    section_ids: set[str],
    monthly: MonthlyRule | None,
    known_agency: Callable[[str, int], bool],
) -> list[Task]:
    tasks: list[Task] = []
    seen: set[str] = set()
    monthly_sections = set(monthly.sections) if monthly else set()
    for i, entry in enumerate(c.entries(top, "tasks")):
        f = c.fields(entry, f"tasks[{i + 1}]", TASK_SPEC)
        tid = f["id"]
        if tid is not None:
            if not TASK_ID_PATTERN.fullmatch(tid):
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
        if any(f[k] is None for k in TASK_SPEC if TASK_SPEC[k][1]) or not lead:
            continue
        tasks.append(Task(
            id=tid, section=f["section"], item=f["item"] or "", area=f["area"] or "",
            title=f["title"], title_en=f["title_en"] or f["title"], text=f["text"],
            items=f["items"] or (), lead=tuple(lead), cooperating=tuple(cooperating),
            monthly=f["section"] in monthly_sections, all_units=all_units,
        ))
    return tasks


def _checked_codes(
    c: Checker, codes: tuple[str, ...], line: int, tid: str | None,
    known_agency: Callable[[str, int], bool],
) -> tuple[str, ...]:
    out: dict[str, None] = {}  # ordered, and a fast `in` for a list of thousands
    for code in codes:
        if code in out:
            c.add(line, "code_repeated", value=code, id=tid)
        elif known_agency(code, line):
            out[code] = None
    return tuple(out)


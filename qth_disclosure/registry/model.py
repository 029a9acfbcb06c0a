"""The registry as immutable records, and lookups by code, name and id."""

# No `from __future__ import annotations`: a NamedTuple turns each string annotation into
# a typing.ForwardRef, compiling it, on every run that loads a registry (some 120 fields).
import difflib
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from qth_disclosure.calendar import (
    WorkCalendar,
    first_on_or_after,
    month_first,
    month_of,
    next_occurrence,
    occurrences,
)
from qth_disclosure.errors import InputError, Listed
from qth_disclosure.paths import AGENCIES_FILE as AGENCIES_FILE
from qth_disclosure.paths import TASKS_FILE as TASKS_FILE

AGENCY_KINDS = ("office", "bureau", "district", "county")
DELIVERABLE_KINDS = ("plan", "monthly", "summary", "inspection")  # each a phase's
# every kind of deliverable: the phases' and the annual report (年度报告), which the law owes
ALL_KINDS = (*DELIVERABLE_KINDS, "annual_report")
# the day a periodic report's due rule is counted from: the period's first day, its last
# day, or the day after it (the next period's first)
COUNTED_FROM = ("period_start", "period_end", "after_period")
# who set a due rule: the plan's own words, or the office's rule where the plan names no day
SET_BY = ("plan", "office")
MONTHLY = "FREQ=MONTHLY"
MONTH_END = "FREQ=MONTHLY;BYMONTHDAY=-1"
CLOCK_RULES = ("restart", "pause")
# what a law profile's rule does to a write breaking it: refuse it, or record it and warn
RULE_ACTIONS = ("refuse", "warn")
# the fees a law profile may allow (vocab.FeeItem)
FEE_ITEMS = ("search", "copy", "post", "processing")
ALL_UNITS = "all"


# ---------------------------------------------------------------- the data


class Agency(NamedTuple):
    code: str
    name: str  # as the plan writes it, e.g. 市财政局
    full_name: str
    name_en: str
    kind: str
    liaisons: tuple[str, ...] = ()  # login names allowed to write for this unit


class Contact(NamedTuple):
    """Someone to reach at a unit (agencies.yaml `contacts`): the 催报 goes to its email."""

    agency: str  # the unit's code
    name: str
    phone: str | None
    email: str | None
    login: str | None  # the login name they write under, if they do


class Plan(NamedTuple):
    id: str
    title: str
    notice: str
    document_number: str
    issued_on: date
    office: str
    timezone: str
    # the largest file `submit --attach` stores (plan.attachments.max_bytes): every byte of
    # it stays in the ledger, and in every backup and copy of it, for good
    attachments_max_bytes: int = 20 * 1024 * 1024


# what plan.attachments.max_bytes may be: a file PostgreSQL's bytea holds in one value,
# and that a client holds in memory while it writes it
MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024


class Phase(NamedTuple):
    id: str
    name: str
    name_en: str
    start: date
    end: date
    deliverable: str
    text: str
    # the kinds of unit owing the phase's deliverable (or inspected); empty: every unit
    # but the office
    units: tuple[str, ...] = ()
    roll: str = "none"  # the plan's own dates stay as written unless the registry says
    due: date | None = None  # `end` rolled as `roll` says, when the registry was loaded


class MonthlyRule(NamedTuple):
    """The periodic reports: which sections owe them, their periods and their due rule.

    Periods start on the days the recurrence rule `every` gives from `first_month` to
    `last_month` (monthly by default, FREQ=MONTHLY;INTERVAL=3 for quarters) and are named
    by their first month. A period's report is due on the first day `due_rule` gives on or
    after the day `counted_from` names, rolled off a rest day as `roll` says (calendar.ROLLS).
    """

    sections: tuple[str, ...]
    first_month: str
    last_month: str
    due_rule: str  # an RFC 5545 RRULE (python-dateutil), e.g. FREQ=MONTHLY;BYMONTHDAY=-1
    text: str
    every: str = MONTHLY
    counted_from: str = "period_end"
    roll: str = "none"
    set_by: str = "office"
    # the rule in words, as a bulletin cites it (每月最后一天前报送，遇休息日顺延)
    due_text: str = ""
    # each period's due day (ISO), rolled on the official calendar when the registry was
    # loaded, so that reading a cached registry never loads the calendar
    dues: tuple[str, ...] = ()

    @property
    def months(self) -> list[str]:
        """Each period, by its first month (YYYY-MM)."""
        return list(_periods(self.every, self.first_month, self.last_month))

    def period_end(self, month: str) -> date:
        """The last day of the period starting in `month`: the day before the next one."""
        return _period_end(self.every, self.first_month, month)

    def previous(self, month: str) -> str | None:
        """The period before the one of `month`, None for the first."""
        return _previous_periods(self.every, self.first_month, self.last_month).get(month)

    def due_unrolled(self, month: str) -> date | None:
        """The rule's day for the period of `month`, before any roll; None if it gives none."""
        counted = {"period_start": month_first(month), "period_end": self.period_end(month),
                   "after_period": self.period_end(month) + timedelta(days=1)}
        return first_on_or_after(self.due_rule, counted[self.counted_from])


# a period's arithmetic is a recurrence rule's (dateutil parses it each time): computed
# once per rule and month, as lint asks it of every monthly report it checks
@lru_cache(maxsize=64)
def _periods(every: str, first_month: str, last_month: str) -> tuple[str, ...]:
    starts = occurrences(every, month_first(first_month), month_first(last_month))
    return tuple(month_of(day) for day in starts)


@lru_cache(maxsize=64)
def _previous_periods(every: str, first_month: str,
                      last_month: str) -> Mapping[str, str]:
    # read-only: every caller shares the one cached mapping
    months = _periods(every, first_month, last_month)
    return MappingProxyType(dict(zip(months[1:], months, strict=False)))


@lru_cache(maxsize=4096)
def _period_end(every: str, first_month: str, month: str) -> date:
    start = month_first(month)
    following = next_occurrence(every, month_first(first_month), start)
    return (following or start + relativedelta(years=1)) - timedelta(days=1)


class Section(NamedTuple):
    id: str
    title: str
    title_en: str


class Task(NamedTuple):
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


class LawProfile(NamedTuple):
    """The Regulations' clock for answering applications, as data (2008: 15 + 15 days)."""

    id: str
    name: str
    effective_from: date
    effective_to: date | None
    answer_working_days: int
    extension_max_working_days: int
    clarify: str  # restart | pause: what asking the applicant to clarify (补正) does
    third_party: str  # restart | pause: what consulting a third party does
    remedies: str  # what a refused applicant is told they may seek
    # when a year's annual report (年度报告) is due: the first day this RRULE gives on or
    # after the year's last day (2008 art. 31: 每年3月31日前); empty: the law owes none
    annual_report_due: str = ""
    # 2019 art. 30: the 补正 notice goes out within this many working days of receipt
    # (None: no limit), and what a later one meets (refuse | warn)
    clarify_notice_working_days: int | None = None
    clarify_notice_late: str = "warn"
    # 2019 art. 30: 一次性告知 — the applicant is told once what to correct; what a second
    # 补正 on one application meets (refuse | warn)
    clarify_repeated: str = "warn"
    # 2019 art. 32: the third party answers within this many working days; the count
    # resumes by itself after them (None: no bound, 2008 art. 23)
    third_party_max_working_days: int | None = None
    # 2019 art. 33(3): consulting other agencies is not counted (pause | None: not allowed)
    other_agency: str | None = None
    other_agency_max_working_days: int | None = None  # art. 34: 15 working days
    # an extension recorded without its notice to the applicant; a refusal on third-party
    # grounds (商业秘密, 个人隐私) without a consultation before it: refuse | warn
    extension_notice_missing: str = "warn"
    third_party_refusal_unconsulted: str = "warn"
    # the receipt day of an e-mailed application: the day the mail system received it
    # (207号, 2015) or the day both sides confirmed it (2019 art. 31(三))
    email_receipt: str = "confirmed"
    # the fees the law allows an agency to take (2008 art. 27: 检索、复制、邮寄 costs; 2019
    # art. 42: 信息处理费 alone); () allows none
    fee_items: tuple[str, ...] = ()
    # 国办函〔2020〕109号: a fee is first notified (收费通知), the applicant pays within this
    # many working days, and the count stops from the notice until the payment; None: a
    # fee is a cost charged without a notice (2008)
    fee_notice_working_days: int | None = None

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None
                                               or day <= self.effective_to)


DOCUMENT_FORMS = ("official", "brief")


class DocumentRules(NamedTuple):
    """How the office's documents look (GB/T 9704-2012) and are numbered: registry data,
    so another office, or a change of its 机关代字, is an edit of tasks.yaml."""

    form: str  # official: a 公文 with a 发文字号; brief: a 简报 (工作通报 2015年第N期)
    issuer_mark: str  # 发文机关标志, printed in red above the red line
    prefix: str  # 机关代字 of the 发文字号 (七政办函): the office's sequence, per year
    brief_name: str  # the 简报's name in brief form (工作通报)
    addressees: str  # 主送机关 of the office's bulletins and notices
    copy_to: tuple[str, ...]  # 抄送机关 in the 版记
    printed_by: str  # 印发机关 in the 版记
    make_up_working_days: int  # a bulletin's 补报 deadline: working days after its day
    letter_prefix: str  # a unit's letters: {unit's 代字}{letter_prefix}〔year〕N号
    # 复议机关 named in answer letters, by the answering unit's kind (`default` for the
    # others): two columns of one table, kinds and bodies
    reconsideration_kinds: tuple[str, ...]
    reconsideration_bodies: tuple[str, ...]
    reconsideration_days: int  # 行政复议法 (1999) art. 9: sixty days
    lawsuit_months: int  # 行政诉讼法 (2014) art. 46: six months
    remind_within_days: int  # a 催报通知 names what falls due within this many days

    def reconsideration_body(self, agency_kind: str) -> str:
        bodies = dict(zip(self.reconsideration_kinds, self.reconsideration_bodies, strict=True))
        return bodies.get(agency_kind, bodies["default"])


# ---------------------------------------------------------------- 考核 (scoring)

# what earns or costs points: a deliverable of each kind in a state (an inspection by its
# verdict; an inspection not done is the office's lapse and scores nothing), and the
# office's review verdict in force on each receipt
SCORED_STATES: dict[str, tuple[str, ...]] = {
    "plan": ("on_time", "late", "missing", "returned", "pending"),
    "monthly": ("on_time", "late", "missing", "returned", "pending"),
    "summary": ("on_time", "late", "missing", "returned", "pending"),
    "annual_report": ("on_time", "late", "missing", "returned", "pending"),
    "inspection": ("pass", "rectify", "fail"),
    "review": ("accept", "return"),
}
SCORED_KINDS = tuple(SCORED_STATES)


class PointRule(NamedTuple):
    """`points` for each deliverable of `kind` in `state` (or each review verdict)."""

    kind: str  # one of SCORED_KINDS
    state: str  # one of SCORED_STATES[kind]
    points: Decimal


class ScoreCap(NamedTuple):
    """Bounds on the sum of one kind's points for a unit (扣完为止: at most -30 for the
    monthly reports)."""

    kind: str
    floor: Decimal | None
    ceiling: Decimal | None


class Veto(NamedTuple):
    """一票否决: at least `at_least` of a unit's deliverables of `kind` in `state` set its
    score and/or its grade, whatever its points."""

    kind: str
    state: str
    at_least: int
    score: Decimal | None
    grade: str | None


class Grade(NamedTuple):
    """A grade (等次) given from `min` points up; grades are kept highest first."""

    name: str
    name_en: str
    min: Decimal


class ScoringRules(NamedTuple):
    """The 考核 rules (tasks.yaml `scoring:`): a base score, points per deliverable and
    state, caps per kind and on the unit's score, vetoes and grades. The plan sets none;
    `example` says the registry's rules are an example the office has still to replace."""

    name: str  # as the office's documents name them (政务公开工作考核细则)
    name_en: str
    example: bool
    base: Decimal
    floor: Decimal | None
    ceiling: Decimal | None
    text: str
    points: tuple[PointRule, ...] = ()
    caps: tuple[ScoreCap, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    grades: tuple[Grade, ...] = ()

    def points_for(self, kind: str, state: str) -> Decimal | None:
        """The points of one deliverable of `kind` in `state`; None where no rule says."""
        for rule in self.points:
            if rule.kind == kind and rule.state == state:
                return rule.points
        return None

    def scores_kind(self, kind: str) -> bool:
        """Whether any rule gives points (or a veto looks) at `kind`."""
        return (any(r.kind == kind and r.points for r in self.points)
                or any(v.kind == kind for v in self.vetoes))

    def grade_for(self, score: Decimal) -> Grade | None:
        return next((g for g in self.grades if score >= g.min), None)


class DayOverride(NamedTuple):
    """A day the registry declares working or not, over the official calendar."""

    day: date
    working: bool
    name: str
    source: str


class Registry:
    """The whole registry: the plan, its phases, tasks and units, with lookups by code, name
    and id. A plain class, not a dataclass: it is built once per run (or rebuilt from the
    cache) and its indexes are derived, not compared."""

    def __init__(self, source: Path, plan: Plan, phases: tuple[Phase, ...],
                 monthly: MonthlyRule, sections: tuple[Section, ...], tasks: tuple[Task, ...],
                 agencies: tuple[Agency, ...], law_profiles: tuple[LawProfile, ...] = (),
                 day_overrides: tuple[DayOverride, ...] = (),
                 coordinators: tuple[str, ...] = (),
                 documents: DocumentRules | None = None,
                 contacts: tuple[Contact, ...] = (),
                 scoring: ScoringRules | None = None) -> None:
        self.source = source
        self.plan = plan
        self.phases = phases
        self.monthly = monthly
        self.sections = sections
        self.tasks = tasks
        self.agencies = agencies
        self.law_profiles = law_profiles
        self.day_overrides = day_overrides
        self.coordinators = coordinators  # the office's login names
        self.documents = documents  # the office's documents; None when tasks.yaml has none
        self.contacts = contacts  # in agencies.yaml's order, each naming its unit
        self.scoring = scoring  # the 考核 rules; None when tasks.yaml has none
        self._by_ref: dict[str, Agency] = {}
        for a in agencies:
            for ref in (a.code, a.name, a.full_name):
                self._by_ref.setdefault(ref, a)
        self._tasks_by_id = {t.id: t for t in tasks}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Registry) and self._content() == other._content()

    __hash__ = None  # type: ignore[assignment]  # mutable caches inside: not a dict key

    def _content(self) -> tuple[object, ...]:
        return (self.source, self.plan, self.phases, self.monthly, self.sections, self.tasks,
                self.agencies, self.law_profiles, self.day_overrides, self.coordinators,
                self.documents, self.contacts, self.scoring)

    @cached_property
    def office(self) -> Agency:
        return self._by_ref[self.plan.office]

    def contacts_of(self, code: str) -> tuple[Contact, ...]:
        return self._contacts_by_unit.get(code, ())

    @cached_property
    def _contacts_by_unit(self) -> dict[str, tuple[Contact, ...]]:
        # one pass over the contacts, not one per unit listed (3,000 units in a province)
        found: dict[str, list[Contact]] = {}
        for c in self.contacts:
            found.setdefault(c.agency, []).append(c)
        return {code: tuple(cs) for code, cs in found.items()}

    def tasks_led_by(self, code: str) -> tuple[str, ...]:
        """The ids of the tasks `code` leads by name, in the registry's order; a task of
        `lead: all` is every unit's and named by none."""
        return self._tasks_led.get(code, ())

    @cached_property
    def _tasks_led(self) -> dict[str, tuple[str, ...]]:
        # one pass over every task's leads, not a search of each lead list per unit: a
        # province's task names all 3,000 units, and `agencies` lists every one
        found: dict[str, list[str]] = {}
        for t in self.tasks:
            if not t.all_units:
                for code in dict.fromkeys(t.lead):
                    found.setdefault(code, []).append(t.id)
        return {code: tuple(ids) for code, ids in found.items()}

    @cached_property
    def monthly_tasks(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.monthly)

    @cached_property
    def reporting_units(self) -> tuple[Agency, ...]:
        """Units that owe a plan and a summary and are inspected: every unit but the office,
        which receives them and does the inspecting."""
        return tuple(a for a in self.agencies if a.code != self.plan.office)

    def owing(self, kind: str) -> tuple[Agency, ...]:
        """The units owing a phase's deliverable: the kinds of unit its phase names (the
        plan inspects 市直各单位, not the districts and the county), else every unit but
        the office."""
        kinds = self.phase_for(kind).units
        return tuple(a for a in self.reporting_units if not kinds or a.kind in kinds)

    @cached_property
    def counted_units(self) -> frozenset[str]:
        """The units a bulletin counts and names: all but the office, which reports K1 to
        itself (tracked in status and report, never in its own bulletins)."""
        return frozenset(a.code for a in self.agencies if a.code != self.plan.office)

    @cached_property
    def period_dues(self) -> dict[str, date]:
        """Each reporting period's due day, rolled off rest days on the official calendar
        as the rule says (the loader rolled them: `MonthlyRule.dues`)."""
        rule = self.monthly
        if rule.dues:
            return dict(zip(rule.months, map(date.fromisoformat, rule.dues), strict=True))
        dues = {}
        for month in rule.months:
            day = rule.due_unrolled(month)
            assert day is not None  # the loader refuses a rule giving no day
            dues[month] = self.work_calendar.rolled(day, rule.roll)
        return dues

    def due_on(self, month: str) -> date:
        """The due day of the periodic report for the period starting in `month`."""
        return self.period_dues[month]

    def phase_due(self, kind: str) -> date:
        """A phase deliverable's due day: its phase's last day, as the plan writes it
        unless the registry rolls it."""
        phase = self.phase_for(kind)
        return phase.due or self.work_calendar.rolled(phase.end, phase.roll)

    @property
    def annual_report_year(self) -> int:
        """The year whose annual report the plan's units owe: the plan's own year."""
        return self.plan.issued_on.year

    @cached_property
    def annual_report_due(self) -> date | None:
        """When the plan year's annual report is due, by the law in force at the year's
        end; None where no law profile owes one."""
        year_end = date(self.annual_report_year, 12, 31)
        profile = next((p for p in self.law_profiles if p.covers(year_end)), None)
        if profile is None or not profile.annual_report_due:
            return None
        return first_on_or_after(profile.annual_report_due, year_end)

    @cached_property
    def work_calendar(self) -> WorkCalendar:
        return WorkCalendar({o.day: (o.working, o.name) for o in self.day_overrides})

    def law_for(self, received_on: date) -> LawProfile:
        """The law profile in force on the day an application was received."""
        for profile in self.law_profiles:
            if profile.covers(received_on):
                return profile
        spans = ", ".join(f"{p.id} {p.effective_from}..{p.effective_to or ''}"
                          for p in self.law_profiles)
        raise InputError("no_law_profile", value=received_on.isoformat(), valid=spans or "none")

    def phase_for(self, deliverable: str) -> Phase:
        return next(p for p in self.phases if p.deliverable == deliverable)

    def agency(self, ref: str) -> Agency:
        """Find a unit by code, by the plan's name or by full name."""
        found = self._by_ref.get(ref.strip()) or self._by_ref.get(ref.strip().lower())
        if found:
            return found
        close = self._close_units(ref)
        if close:
            raise InputError("unknown_agency", value=ref, hint=self.units(*close))
        raise InputError("unknown_agency_unlike", value=ref,
                         hint=self.units(*(a.code for a in self.agencies[:4])))

    def task(self, task_id: str) -> Task:
        found = self._tasks_by_id.get(task_id.strip()) or self._tasks_by_id.get(
            task_id.strip().upper()
        )
        if found:
            return found
        close = difflib.get_close_matches(task_id.upper(), list(self._tasks_by_id), n=3)
        hint = ", ".join(close) if close else ", ".join(t.id for t in self.tasks[:6]) + ", ..."
        raise InputError("unknown_task", value=task_id, hint=hint)

    def units(self, *codes: str) -> Listed:
        """Units named in a message, labelled in its language (errors.Listed)."""
        return Listed("unit.label", tuple({"code": c, "name": self._by_ref[c].name}
                                          for c in codes))

    def _close_units(self, ref: str) -> list[str]:
        """The codes of up to three units whose code or name is like `ref`, each once."""
        close = difflib.get_close_matches(ref.strip(), list(self._by_ref), n=3, cutoff=0.5)
        return list(dict.fromkeys(self._by_ref[c].code for c in close))


"""Property-based tests of the core: states against a reference model, an append-only ledger.

The reference model below is written from the README's rules ("Deliverables and their
states", "Quality review"), not from compliance.py: only what was received or reviewed on
or before the as-of day counts; a submission is returned when its latest effective review
(by day, then id) returns it; the newest receipt returned makes the deliverable `returned`;
otherwise timeliness comes from the earliest receipt that was not returned.
"""

from __future__ import annotations

import calendar as stdcal
import random
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qth_disclosure.core import compliance, intake
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import Ledger, NewReview, NewSubmission, Review, Stamp, Submission
from qth_disclosure.registry import Registry, load_registry, shipped_registry_dir

REGISTRY = load_registry(shipped_registry_dir())
PLAN = REGISTRY.plan.id
START, END = date(2015, 7, 1), date(2016, 2, 29)
TODAY = date(2016, 3, 1)  # as in conftest: well after the plan's year
STAMP = Stamp(datetime(2016, 3, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")), "tester", "tester")

# (kind, agency, task, period): a few deliverables from the shipped registry, including
# both joint leads of K5-4 and the two reports 市人社局 owes in one month
POOL: tuple[compliance.Key, ...] = (
    ("monthly", "czj", "K2-1", "2015-07"),
    ("monthly", "czj", "K2-1", "2015-08"),
    ("monthly", "rsj", "K5-2", "2015-09"),
    ("monthly", "rsj", "K5-4", "2015-09"),
    ("monthly", "wjw", "K5-4", "2015-09"),
    ("monthly", "szfb", "K1", "2015-11"),
    ("plan", "czj", None, None),
    ("summary", "gtj", None, None),
)

# Each example opens its own ledger in its own temporary directory (no pytest fixture per
# example); no example database is written into the working tree.
# fresh_ledger is a fixture made once per test; it hands each example a ledger of its own
COMMON = settings(deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow,
                                         HealthCheck.function_scoped_fixture])


ROLLED = {"2015-10": date(2015, 11, 2)}


def due_of(key: compliance.Key) -> date:
    """Due days as the README states them, independently of the registry code."""
    kind, _, _, period = key
    if kind == "monthly":
        assert period is not None
        year, month = (int(p) for p in period.split("-"))
        # the month's last day, rolled to the next working day: of 2015-07 … 2015-11 only
        # Saturday 2015-10-31 is a rest day
        return ROLLED.get(period, date(year, month, stdcal.monthrange(year, month)[1]))
    return {"plan": date(2015, 7, 31), "summary": date(2015, 12, 20),
            "inspection": date(2016, 1, 31), "annual_report": date(2016, 3, 31)}[kind]


# Days where off-by-one mistakes hide: every due day, the day before and the day after.
EDGES = sorted({d + timedelta(k) for d in map(due_of, POOL) for k in (-1, 0, 1)}
               | {START, END})


def days(lo: date = START, hi: date = END) -> st.SearchStrategy[date]:
    """Any day in [lo, hi], often one of the edge days so that ties and boundaries occur."""
    any_day = st.integers(0, (hi - lo).days).map(lambda n: lo + timedelta(n))
    edges = [d for d in EDGES if lo <= d <= hi]
    return st.one_of(st.sampled_from(edges), any_day) if edges else any_day


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_ledger(request: pytest.FixtureRequest) -> Callable[[], ContextManager[Ledger]]:
    """A new, empty ledger for each example: an SQLite file in its own temporary
    directory, or the session's PostgreSQL schema emptied."""
    if request.param == "sqlite":
        @contextmanager
        def new_file() -> Iterator[Ledger]:
            with tempfile.TemporaryDirectory(prefix="qth-prop-") as tmp, \
                    Ledger.open(str(Path(tmp) / "ledger.sqlite3"), for_writing=True,
                                missing="create") as ledger:
                yield ledger

        return new_file
    server = request.getfixturevalue("pg_server")

    @contextmanager
    def emptied() -> Iterator[Ledger]:
        server.empty()
        with Ledger.open(server.url, for_writing=True) as ledger:
            yield ledger

    return emptied


# ---------------------------------------------------------------- reference model


@dataclass
class World:
    """What was written, as the test itself remembers it."""

    submissions: list[tuple[int, compliance.Key, date]] = field(default_factory=list)
    reviews: list[tuple[int, int, str, date]] = field(default_factory=list)  # id, sub, ...


def model_returned(world: World, as_of: date) -> set[int]:
    verdict_of: dict[int, str] = {}
    # walk the effective reviews in (day, id) order; the last one per submission stands
    for _, sub, verdict, _ in sorted((r for r in world.reviews if r[3] <= as_of),
                                     key=lambda r: (r[3], r[0])):
        verdict_of[sub] = verdict
    return {sub for sub, verdict in verdict_of.items() if verdict == "return"}


def model_state(world: World, key: compliance.Key, as_of: date
                ) -> tuple[str, int | None, date | None]:
    due = due_of(key)
    known = sorted(((day, sid) for sid, k, day in world.submissions
                    if k == key and day <= as_of))
    if not known:
        return ("missing" if as_of > due else "pending"), None, None
    returned = model_returned(world, as_of)
    newest_day, newest_id = known[-1]
    if newest_id in returned:
        return "returned", newest_id, newest_day
    standing = [(day, sid) for day, sid in known if sid not in returned]
    day, sid = standing[0]
    return ("on_time" if day <= due else "late"), sid, day


def check_against_model(registry: Registry, world: World, as_of: date,
                        subs: list[Submission], revs: list[Review]) -> None:
    status = compliance.assess(registry, as_of, subs, revs)
    assert status.as_of == as_of
    for a in status.deliverables:
        d = a.deliverable
        assert d.due == due_of(d.key), d
        if d.kind == "inspection":  # none recorded here
            assert (a.state, a.record) == ("missing" if as_of > d.due else "pending", None)
            continue
        got = (a.state, a.record, a.received_on)
        assert got == model_state(world, d.key, as_of), (as_of, d.key, world)
    totals = status.totals
    assert sum(totals.values()) == len(status.deliverables)


# ---------------------------------------------------------------- 1. states vs the model


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[tuple], list[date]]:
    """Submissions (revisions included) and reviews on a few deliverables, in write order.

    A review judges a submission already written and is dated on or after its receipt,
    as the CLI insists; receipts come in any order of days, so ids and days disagree.
    """
    keys = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=3, unique=True))
    received: list[date] = []
    ops: list[tuple] = []
    for _ in range(draw(st.integers(0, 12))):
        if received and draw(st.integers(0, 2)) == 0:
            target = draw(st.integers(0, len(received) - 1))
            ops.append(("review", target, draw(st.sampled_from(("accept", "return"))),
                        draw(days(received[target]))))
        else:
            day = draw(days())
            received.append(day)
            ops.append(("submit", draw(st.sampled_from(keys)), day))
    as_ofs = draw(st.lists(days(), min_size=1, max_size=6))
    return ops, as_ofs


def replay(ledger: Ledger, ops: list[tuple]) -> World:
    """Write `ops` through the real ledger, remembering what was written."""
    world = World()
    latest: dict[compliance.Key, int] = {}
    for op in ops:
        if op[0] == "submit":
            _, key, day = op
            kind, agency, task, period = key
            row = ledger.add_submission(NewSubmission(
                plan=PLAN, kind=kind, agency=agency, task=task, period=period,
                received_on=day, summary="本月公开了财政预决算信息"), STAMP)
            assert row.revision_of == latest.get(key)  # a later one is a revision
            latest[key] = row.id
            world.submissions.append((row.id, key, day))
        else:
            _, target, verdict, day = op
            sub = world.submissions[target][0]
            review = ledger.add_review(NewReview(submission=sub, verdict=verdict,
                                                 comment="审核意见", reviewed_on=day), STAMP)
            world.reviews.append((review.id, sub, verdict, day))
    return world


@settings(COMMON, max_examples=150)
@given(histories())
def test_property_assess_matches_reference_model(
        fresh_ledger, scenario: tuple[list[tuple], list[date]]) -> None:
    registry, (ops, as_ofs) = REGISTRY, scenario
    with fresh_ledger() as ledger:
        world = replay(ledger, ops)
        subs, revs = ledger.submissions(PLAN), ledger.reviews(PLAN)
        # what was written is what is read back
        assert [(s.id, (s.kind, s.agency, s.task, s.period), s.received_on)
                for s in subs] == world.submissions
        assert [(r.id, r.submission, r.verdict, r.reviewed_on)
                for r in revs] == world.reviews
        for as_of in as_ofs:
            check_against_model(registry, world, as_of, subs, revs)
            # the ledger's own day filters agree with assess's
            narrowed = compliance.assess(registry, as_of,
                                         ledger.submissions(PLAN, received_by=as_of),
                                         ledger.reviews(PLAN, effective_by=as_of))
            assert narrowed == compliance.assess(registry, as_of, subs, revs)


# ---------------------------------------------------------------- 2. append-only ledger

MONTHLY_PAIRS = [(lead, t.id) for t in REGISTRY.monthly_tasks for lead in t.lead]
UNITS = [a.code for a in REGISTRY.reporting_units]
INSPECTED = [a.code for a in REGISTRY.owing("inspection")]  # 市直各单位: no district, county
MONTHS = list(REGISTRY.monthly.months)
BAD_MONTHLY = {  # what intake must refuse: (agency, task, month, received, summary, links)
    "unknown_agency": ("没有这个局", "K2-1", "2015-08", date(2015, 8, 30), "x", []),
    "not_lead": ("czj", "K1", "2015-08", date(2015, 8, 30), "x", []),
    "not_monthly": ("szfb", "A1", "2015-08", date(2015, 8, 30), "x", []),
    "unknown_task": ("czj", "K99", "2015-08", date(2015, 8, 30), "x", []),
    "month_outside": ("czj", "K2-1", "2015-12", date(2015, 12, 30), "x", []),
    "month_malformed": ("czj", "K2-1", "2015-13", date(2015, 8, 30), "x", []),
    "future_day": ("czj", "K2-1", "2015-08", TODAY + timedelta(1), "x", []),
    "before_plan": ("czj", "K2-1", "2015-07", date(2015, 7, 23), "x", []),
    "before_month": ("czj", "K2-1", "2015-08", date(2015, 7, 30), "x", []),
    "empty_summary": ("czj", "K2-1", "2015-08", date(2015, 8, 30), "  \n ", []),
    "long_summary": ("czj", "K2-1", "2015-08", date(2015, 8, 30), "长" * 20_001, []),
    "bad_link": ("czj", "K2-1", "2015-08", date(2015, 8, 30), "x", ["ftp://example.org/a"]),
}


@st.composite
def operations(draw: st.DrawFn) -> list[tuple]:
    """Valid writes of every kind mixed with attempts that intake refuses."""
    valid_day = days(REGISTRY.plan.issued_on, TODAY)
    ops: list[tuple] = []
    for _ in range(draw(st.integers(1, 14))):
        choice = draw(st.sampled_from(("monthly", "phase", "review", "inspect", "bad",
                                       "bad_phase", "bad_review")))
        if choice == "monthly":
            ops.append((choice, draw(st.sampled_from(MONTHLY_PAIRS)),
                        draw(st.sampled_from(MONTHS)), draw(valid_day)))
        elif choice == "phase":
            ops.append((choice, draw(st.sampled_from(UNITS)),
                        draw(st.sampled_from(("plan", "summary"))), draw(valid_day)))
        elif choice in ("review", "bad_review"):
            ops.append((choice, draw(st.integers(0, 10_000)),
                        draw(st.sampled_from(("accept", "return"))), draw(st.integers(0, 60))))
        elif choice == "inspect":
            ops.append((choice, draw(st.sampled_from(INSPECTED)),
                        draw(st.sampled_from(("pass", "fail", "rectify"))), draw(valid_day)))
        elif choice == "bad":
            ops.append((choice, draw(st.sampled_from(sorted(BAD_MONTHLY)))))
        else:
            ops.append((choice, draw(st.sampled_from(("office", "unknown", "future")))))
    return ops


def attempt(registry: Registry, ledger: Ledger, op: tuple, written: list[Submission]
            ) -> str | None:
    """Run one operation through intake and the ledger; the table written, or None."""
    kind = op[0]
    if kind == "monthly":
        (agency, task), month, day = op[1:]
        day = max(day, date.fromisoformat(f"{month}-01"))  # one before its month is refused
        new = intake.monthly_report(registry, agency=agency, task=task, month=month,
                                    summary="公开了本月信息", received_on=day,
                                    links=["https://www.qth.gov.cn/x"], today=TODAY)
        written.append(ledger.add_submission(new, STAMP))
        return "submissions"
    if kind == "phase":
        agency, what, day = op[1:]
        new = intake.phase_deliverable(registry, agency=agency, kind=what, summary="方案",
                                       received_on=day, links=[], today=TODAY)
        written.append(ledger.add_submission(new, STAMP))
        return "submissions"
    if kind == "inspect":
        agency, verdict, day = op[1:]
        ledger.add_inspection(intake.inspection(registry, agency=agency, verdict=verdict,
                                                inspected_on=day, note=None, today=TODAY),
                              STAMP)
        return "inspections"
    if kind == "review":
        pick, verdict, offset = op[1:]
        if not written:
            return attempt(registry, ledger, ("bad_review", pick, verdict, offset), written)
        sub = written[pick % len(written)]
        day = min(sub.received_on + timedelta(offset), TODAY)
        new_review = intake.review(registry, ledger.submission(sub.id), submission_id=sub.id,
                                   verdict=verdict, comment="请补充链接", reviewed_on=day,
                                   today=TODAY)
        ledger.add_review(new_review, STAMP)
        return "reviews"
    with pytest.raises(InputError):
        if kind == "bad":
            agency, task, month, day, summary, links = BAD_MONTHLY[op[1]]
            intake.monthly_report(registry, agency=agency, task=task, month=month,
                                  summary=summary, received_on=day, links=links, today=TODAY)
        elif kind == "bad_phase":
            agency, day = {"office": ("szfb", date(2015, 7, 30)),
                           "unknown": ("nosuch", date(2015, 7, 30)),
                           "future": ("czj", TODAY + timedelta(3))}[op[1]]
            intake.phase_deliverable(registry, agency=agency, kind="plan", summary="方案",
                                     received_on=day, links=[], today=TODAY)
        else:  # bad_review: of no submission, or dated before the receipt it judges
            pick, verdict, offset = op[1:]
            later = [s for s in written if s.received_on > registry.plan.issued_on]
            if later:
                sub = later[pick % len(later)]
                day = max(sub.received_on - timedelta(offset + 1), registry.plan.issued_on)
                intake.review(registry, ledger.submission(sub.id), submission_id=sub.id,
                              verdict=verdict, comment="退回", reviewed_on=day, today=TODAY)
            else:
                missing_id = 1_000_000 + pick
                intake.review(registry, ledger.submission(missing_id),
                              submission_id=missing_id, verdict=verdict, comment="退回",
                              reviewed_on=date(2015, 9, 1), today=TODAY)
    return None


@settings(COMMON, max_examples=100)
@given(operations())
def test_property_ledger_only_grows_and_chain_holds(fresh_ledger, ops: list[tuple]) -> None:
    registry = REGISTRY
    with fresh_ledger() as ledger:
        before = ledger.row_counts()
        assert sum(before.values()) == 0
        written: list[Submission] = []
        for op in ops:
            table = attempt(registry, ledger, op, written)
            after = ledger.row_counts()
            grew = {t: after[t] - before[t] for t in after}
            assert all(n >= 0 for n in grew.values()), (op, grew)
            expected = {t: int(t == table) for t in after}
            assert grew == expected, (op, grew)
            before = after
        assert ledger.verify() is None
        assert ledger.chain_head()[0] == sum(before.values())


# ---------------------------------------------------------------- 3. order of the input


@st.composite
def in_memory_rows(draw: st.DrawFn) -> tuple[list[Submission], list[Review], date]:
    """Submissions and reviews as the ledger would hold them, without a ledger."""
    subs: list[Submission] = []
    revs: list[Review] = []
    for sid in range(1, draw(st.integers(0, 10)) + 1):
        kind, agency, task, period = draw(st.sampled_from(POOL))
        subs.append(Submission(plan=PLAN, kind=kind, agency=agency, task=task, period=period,
                               received_on=draw(days()), summary="s", id=sid))
    if subs:
        for rid in range(1, draw(st.integers(0, 10)) + 1):
            sub = draw(st.sampled_from(subs))
            revs.append(Review(submission=sub.id, verdict=draw(st.sampled_from(("accept",
                                                                                "return"))),
                               comment="c", reviewed_on=draw(days(sub.received_on)), id=rid))
    return subs, revs, draw(days())


@settings(COMMON, max_examples=200)
@given(in_memory_rows(), st.randoms(use_true_random=False))
def test_property_assess_ignores_input_order(
        rows: tuple[list[Submission], list[Review], date], rnd: random.Random) -> None:
    registry = REGISTRY
    subs, revs, as_of = rows
    expected = compliance.assess(registry, as_of, subs, revs)
    shuffled_subs, shuffled_revs = subs[:], revs[:]
    rnd.shuffle(shuffled_subs)
    rnd.shuffle(shuffled_revs)
    assert compliance.assess(registry, as_of, shuffled_subs, shuffled_revs) == expected
    world = World([(s.id, (s.kind, s.agency, s.task, s.period), s.received_on) for s in subs],
                  [(r.id, r.submission, r.verdict, r.reviewed_on) for r in revs])
    check_against_model(registry, world, as_of, shuffled_subs, shuffled_revs)

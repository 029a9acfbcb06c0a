"""`disclose lint`: each rule fires when it should and stays quiet when it should not."""

from __future__ import annotations

import pytest

GOOD = "公开了本月预算执行情况和三公经费"
LINK = "http://www.qth.gov.cn/czj/1"


def submit(disclose, month: str, received: str, summary: str = GOOD,
           link: str | None = LINK) -> None:
    args = ["submit", "--agency", "czj", "--task", "K2-1", "--month", month, "--summary",
            summary, "--received", received]
    disclose(*args, *(["--link", link] if link else []))


def rules(disclose, month: str | None = None) -> list[str]:
    args = ["lint"] + (["--month", month] if month else [])
    return [f["rule"] for f in disclose.json(*args)]


@pytest.mark.parametrize(("received", "summary", "link", "fired"), [
    ("2015-08-31", GOOD, LINK, []),
    ("2015-08-31", "已公开", LINK, ["short-summary"]),
    ("2015-08-31", GOOD, None, ["no-link"]),
    ("2015-08-24", GOOD, LINK, ["month-not-ended"]),
    ("2015-08-25", GOOD, LINK, []),
], ids=["clean", "short", "no-link", "early", "last-week"])
def test_lint_rules_on_one_report(disclose, received: str, summary: str, link: str | None,
                                  fired: list[str]) -> None:
    submit(disclose, "2015-08", received, summary, link)
    assert rules(disclose) == fired


@pytest.mark.parametrize(("august", "fired"), [
    (GOOD, ["same-as-previous-month"]),
    (GOOD.replace("本月", "8月"), ["same-as-previous-month"]),   # nearly identical
    ("发布了8月政府采购中标结果和预算公开", []),
])
def test_lint_same_as_previous_month(disclose, august: str, fired: list[str]) -> None:
    submit(disclose, "2015-07", "2015-07-31")
    submit(disclose, "2015-08", "2015-08-31", august)
    assert rules(disclose, "2015-08") == fired


def test_lint_checks_the_newest_revision_only(disclose) -> None:
    submit(disclose, "2015-08", "2015-08-31", "已公开", None)
    submit(disclose, "2015-08", "2015-09-01")
    assert rules(disclose) == []
    assert sorted(f["rule"] for f in disclose.json("lint", "--as-of", "2015-08-31")) == [
        "no-link", "short-summary"]


def written_before_the_check(ledger_location: str, month: str, received: str,
                             summary: str = GOOD) -> None:
    """A report received before its month began, as ledgers from before entry refused one
    hold it."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from qth_disclosure.ledger import Ledger, NewSubmission, Stamp

    stamp = Stamp(datetime(2015, 8, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")), "王芳", "wangf")
    with Ledger.open(ledger_location, for_writing=True) as ledger:
        ledger.add_submission(NewSubmission("qth-2015", "monthly", "czj", "K2-1", month,
                                            date.fromisoformat(received), summary, (LINK,)),
                              stamp)


def test_lint_report_before_its_month_refused_at_entry(disclose, ledger_rows) -> None:
    refused = disclose("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
                       "--summary", GOOD, "--received", "2015-07-30", code=1)
    assert "before the month 2015-08 began (2015-08-01)" in refused.stderr
    assert ledger_rows() == {}


def test_lint_still_flags_a_report_before_its_month(disclose, ledger_location) -> None:
    written_before_the_check(ledger_location, "2015-08", "2015-07-30")
    assert rules(disclose) == ["month-not-started"]


def test_lint_table_names_rule_and_severity(disclose, ledger_location) -> None:
    written_before_the_check(ledger_location, "2015-08", "2015-07-30", "已公开")
    out = disclose("lint").stdout
    assert "month-not-started  error" in out and "short-summary      warning" in out
    assert "市财政局" in out


@pytest.mark.parametrize("kind", ["plan", "summary"])
def test_lint_no_link_only_for_monthly_reports(disclose, kind: str) -> None:
    disclose("submit", "--agency", "czj", "--kind", kind, "--summary", GOOD,
             "--received", "2015-07-30")
    assert "no-link" not in rules(disclose)


def test_the_similarity_rule_answers_as_difflibs_ratio_alone() -> None:
    """Its cheap bounds first (lengths, characters in common) never change the answer."""
    import random
    from difflib import SequenceMatcher

    from qth_disclosure.core.lint import SAME_TEXT_RATIO, _same_text

    rng = random.Random(2015)
    alphabet = "公开了月信息相关第次报送ab12 "
    agreed = {True: 0, False: 0}
    for _ in range(5000):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randrange(25)))
        b = list(a)
        for _ in range(rng.randrange(5)):
            at = rng.randrange(len(b) + 1)
            b[at:at + rng.randrange(2)] = rng.choice(["", rng.choice(alphabet)])
        x, y = "".join(a.split()), "".join("".join(b).split())
        plain = x == y or SequenceMatcher(None, x, y).ratio() >= SAME_TEXT_RATIO
        assert _same_text(a, "".join(b)) == plain, (a, b)
        agreed[plain] += 1
    assert min(agreed.values()) > 500  # both answers were tried often


def test_lint_of_some_deliverables_finds_what_linting_all_finds_of_them(registry) -> None:
    """A bulletin lints its own deliverables only, the months before given to compare
    with: the same findings on those as linting everything, in the same order."""
    from datetime import date

    from qth_disclosure.core.lint import compared_with, lint
    from qth_disclosure.ledger import Submission

    def report(row_id: int, agency: str, task: str, month: str, summary: str,
               links: tuple[str, ...] = (LINK,)) -> Submission:
        return Submission(plan="p", kind="monthly", agency=agency, task=task, period=month,
                          received_on=date.fromisoformat(f"{month}-28"), summary=summary,
                          links=links, id=row_id)

    rows = [report(1, "czj", "K2-1", "2015-07", GOOD), report(2, "czj", "K2-1", "2015-08", GOOD),
            report(3, "gtj", "K3-1", "2015-07", "已公开", ()),
            report(4, "gtj", "K3-1", "2015-08", "土地出让公告", ()),
            report(5, "gtj", "K3-1", "2015-09", "土地出让公告", ())]
    day = date(2015, 10, 10)
    august = {s.key for s in rows if s.period == "2015-08"}
    everything = lint(registry, rows, day)
    some = lint(registry, rows, day, checked=lambda s: s.key in august)
    assert some == [f for f in everything if f.submission.key in august]
    assert {f.rule for f in some} == {"same-as-previous-month", "short-summary", "no-link"}
    assert compared_with(registry, ("monthly", "czj", "K2-1", "2015-08")) == (
        "monthly", "czj", "K2-1", "2015-07")
    assert compared_with(registry, ("plan", "czj", None, None)) is None


def test_the_common_subsequence_bound_is_the_longest_common_subsequence() -> None:
    """The bit-parallel length against the plain dynamic programme, short and long texts
    (past a machine word, and past the 200 characters where difflib's junk heuristic
    starts), and the rule against difflib's ratio alone on pairs near the threshold."""
    import random
    from difflib import SequenceMatcher

    from qth_disclosure.core.lint import SAME_TEXT_RATIO, _common_subsequence, _same_text

    def plain(a: str, b: str) -> int:
        row = [0] * (len(b) + 1)
        for x in a:
            diagonal, row[0] = 0, 0
            for j, y in enumerate(b, 1):
                diagonal, row[j] = row[j], (diagonal + 1 if x == y
                                            else max(row[j], row[j - 1]))
        return row[-1]

    rng = random.Random(2015)
    agreed = {True: 0, False: 0}
    for n in range(3000):
        alphabet = "公开了月信息相关第次报送ab12"[:rng.randrange(2, 17)]
        length = rng.choice([0, 5, 30, 70, 250]) if n % 10 == 0 else rng.randrange(40)
        a = "".join(rng.choice(alphabet) for _ in range(length))
        b = list(a)
        for _ in range(rng.randrange(1, 8)):
            at = rng.randrange(len(b) + 1)
            b[at:at + rng.randrange(3)] = rng.choice(["", rng.choice(alphabet)])
        y = "".join(b)
        if n % 10 == 0 or length < 40:
            assert _common_subsequence(a, y) == plain(a, y), (a, y)
        expected = a == y or SequenceMatcher(None, a, y).ratio() >= SAME_TEXT_RATIO
        assert _same_text(a, y) == expected, (a, y)
        agreed[expected] += 1
    assert min(agreed.values()) > 300  # both answers were tried often

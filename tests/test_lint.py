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
    ("2015-07-30", GOOD, LINK, ["month-not-started"]),
], ids=["clean", "short", "no-link", "early", "last-week", "before-month"])
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


def test_lint_table_names_rule_and_severity(disclose) -> None:
    submit(disclose, "2015-08", "2015-07-30", "已公开")
    out = disclose("lint").stdout
    assert "month-not-started  error" in out and "short-summary      warning" in out
    assert "市财政局" in out

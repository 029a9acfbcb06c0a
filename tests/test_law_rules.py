"""The 2019 Regulations' rules for applications, as law-profile data, on both backends.

Dates counted by hand from the State Council's holiday notices: 2019 (国办发明电〔2018〕15号:
National Day 10-01..07 off, Sun 09-29 and Sat 10-12 worked; 端午 06-07 off), 2020
(国办发明电〔2019〕16号 and 国办发明电〔2020〕1号: Spring Festival extended to 02-02, Sun 01-19
worked), 2021 (国办发明电〔2020〕27号: Labour Day 05-01..05 off, Sun 04-25 and Sat 05-08
worked). The receipt day is day 0.
"""

from __future__ import annotations

from datetime import date

import pytest

from qth_disclosure import calendar


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today well after the 2019 Regulations came into force."""
    monkeypatch.setattr(calendar, "today", lambda tz: date(2022, 6, 30))


def add(disclose, received: str, agency: str = "czj") -> dict:
    return disclose.json("request", "add", "--agency", agency, "--received", received,
                         "--subject", "部门预算")


# ---------------------------------------------------------------- 补正 within 7 working days


@pytest.mark.parametrize(("received", "last", "late"), [
    # 09-29 Sun worked (1), 09-30 (2), 10-08..11 (3-6), 10-12 Sat worked (7)
    ("2019-09-27", "2019-10-12", "2019-10-14"),
    # 01-19 Sun worked (1), 01-20..23 (2-5), the extended Spring Festival, 02-03 (6), 02-04 (7)
    ("2020-01-17", "2020-02-04", "2020-02-05"),
    # 04-29 (1), 04-30 (2), Labour Day, 05-06 (3), 05-07 (4), 05-08 Sat worked (5), 05-10 (6),
    # 05-11 (7)
    ("2021-04-28", "2021-05-11", "2021-05-12"),
])
def test_clarify_notice_within_seven_working_days_under_2019(
        disclose, later, received: str, last: str, late: str) -> None:
    add(disclose, received)
    add(disclose, received)
    refused = disclose("request", "pause", "1", "--date", late, "--why", "clarify", code=1)
    assert (f"--date {late} is after {last}, the last of the 7 working days from receipt in "
            "which gir-2019 wants the correction notice (补正) sent") in refused.stderr
    assert "Traceback" not in refused.stderr
    assert [e["kind"] for e in disclose.json("request", "show", "1")["events"]] == []
    ok = disclose("request", "pause", "2", "--date", last, "--why", "clarify")
    assert "warning" not in ok.stderr


def test_clarify_notice_late_is_only_warned_under_2008(disclose) -> None:
    add(disclose, "2015-09-25")
    # 09-28..30 (3), National Day, 10-08 (4), 10-09 (5), 10-10 Sat worked (6), 10-12 (7)
    late = disclose("request", "pause", "1", "--date", "2015-10-13", "--why", "clarify")
    assert "warning: --date 2015-10-13 is after 2015-10-12" in late.stderr
    assert [e["kind"] for e in disclose.json("request", "show", "1")["events"]] == ["pause"]


# ---------------------------------------------------------------- consultations


def test_third_party_pause_ends_by_itself_after_15_working_days(disclose, later) -> None:
    add(disclose, "2019-06-03")  # Monday
    disclose("request", "pause", "1", "--date", "2019-06-04", "--why", "third-party")
    # 06-04 counted (1); paused 06-05, 06-06, (端午 06-07), 06-10..14, 06-17..21, 06-24..26:
    # the 15th working day, 06-26, ends the consultation and does not count
    refused = disclose("request", "resume", "1", "--date", "2019-06-28", code=1)
    assert ("application #1: the third-party consultation ended by itself on 2019-06-26, "
            "after the 15 working days gir-2019 allows") in refused.stderr
    # 19 left from 06-27: 06-27, 06-28 (2), 07-01..05 (7), 07-08..12 (12), 07-15..19 (17),
    # 07-22 (18), 07-23 (19)
    (row,) = disclose.json("request", "list", "--as-of", "2019-07-01")
    assert row["due"] == "2019-07-23"
    days = {d["day"]: d for d in disclose.json("request", "explain", "1")["days"]}
    assert "15 working days are over" in days["2019-06-26"]["note"]
    assert (days["2019-06-26"]["counted"], days["2019-06-27"]["counted"]) == (None, 2)


def test_third_party_pause_resumed_within_its_bound(disclose, later) -> None:
    add(disclose, "2019-06-03")
    disclose("request", "pause", "1", "--date", "2019-06-04", "--why", "third-party")
    disclose("request", "resume", "1", "--date", "2019-06-12")
    # 06-04 (1); resume day 06-12; 19 left: 06-13, 06-14, 06-17..21 (7), 06-24..28 (12),
    # 07-01..05 (17), 07-08 (18), 07-09 (19)
    assert disclose.json("request", "list", "--as-of", "2019-06-20")[0]["due"] == "2019-07-09"


def test_third_party_pause_is_unbounded_under_2008(disclose) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "pause", "1", "--date", "2015-09-30", "--why", "third-party")
    (row,) = disclose.json("request", "list", "--as-of", "2015-12-31")
    assert (row["due"], row["state"]) == (None, "open")
    disclose("request", "resume", "1", "--date", "2015-12-01")


def test_other_agency_consultation_pauses_under_2019_only(disclose, later) -> None:
    add(disclose, "2015-09-25")
    refused = disclose("request", "pause", "1", "--date", "2015-09-30", "--why",
                       "other-agency", code=1)
    assert "--why other-agency is not a pause gir-2008 allows" in refused.stderr
    add(disclose, "2019-09-27")
    disclose("request", "pause", "2", "--date", "2019-09-30", "--why", "other-agency")
    disclose("request", "resume", "2", "--date", "2019-10-10")
    # 09-29 (1), 09-30 (2); resume day 10-10; 18 left: 10-11, 10-12 Sat worked (2),
    # 10-14..18 (7), 10-21..25 (12), 10-28..11-01 (17), 11-04 (18)
    assert disclose.json("request", "list", "--as-of", "2019-10-20")[1]["due"] == "2019-11-04"


# ---------------------------------------------------------------- the extension's notice


def test_extension_needs_its_notice_under_2019(disclose, later) -> None:
    add(disclose, "2019-09-27")
    refused = disclose("request", "extend", "1", "--date", "2019-10-14", "--approved-by",
                       "办公室主任", code=1)
    assert "the applicant must be told of the extension (gir-2019)" in refused.stderr
    disclose("request", "extend", "1", "--date", "2019-10-14", "--approved-by", "办公室主任",
             "--notified-by", "mail", "--notified-on", "2019-10-15")
    (event,) = disclose.json("request", "show", "1")["events"]
    assert {k: event["details"][k] for k in ("notified_on", "notified_by")} == {
        "notified_on": "2019-10-15", "notified_by": "mail"}
    before = add(disclose, "2019-09-27")["id"]
    early = disclose("request", "extend", str(before), "--date", "2019-10-14", "--approved-by",
                     "主任", "--notified-by", "mail", "--notified-on", "2019-10-11", code=1)
    assert "--notified-on 2019-10-11 is before the extension (2019-10-14)" in early.stderr


def test_extension_without_notice_is_warned_under_2008(disclose) -> None:
    add(disclose, "2015-09-25")
    result = disclose("request", "extend", "1", "--date", "2015-10-09", "--approved-by", "主任")
    assert "warning: application #1: the applicant must be told" in result.stderr
    assert disclose.json("request", "show", "1")["events"][0]["kind"] == "extend"


# ---------------------------------------------------------------- third-party refusals


@pytest.mark.parametrize("ground", ["commercial_secret", "privacy"])
def test_third_party_refusal_without_consultation_is_warned(disclose, ground: str) -> None:
    add(disclose, "2015-09-25")
    answer = ("--outcome", "not_disclosed", "--reason", "涉及", "--basis", "第十四条",
              "--ground", ground)
    warned = disclose("request", "answer", "1", "--date", "2015-10-09", *answer)
    assert (f"warning: application #1: refused on the ground {ground} without consulting "
            "the third party first") in warned.stderr
    add(disclose, "2015-09-25")
    disclose("request", "pause", "2", "--date", "2015-09-28", "--why", "third-party")
    disclose("request", "resume", "2", "--date", "2015-10-08")
    assert "warning" not in disclose("request", "answer", "2", "--date", "2015-10-09",
                                     *answer).stderr


# ---------------------------------------------------------------- closing


def test_close_abandoned_needs_a_pending_correction(disclose, later) -> None:
    add(disclose, "2019-09-27")
    refused = disclose("request", "close", "1", "--date", "2019-10-30", "--why", "abandoned",
                       code=1)
    assert "application #1 is not waiting for a correction" in refused.stderr
    disclose("request", "pause", "1", "--date", "2019-10-08", "--why", "clarify")
    closed = disclose.json("request", "close", "1", "--date", "2019-11-08", "--why",
                           "abandoned")
    assert closed["state"] == "closed"
    again = disclose("request", "resume", "1", "--date", "2019-11-11", code=1)
    assert "application #1 was closed on 2019-11-08 (abandoned)" in again.stderr
    answer = disclose("request", "answer", "1", "--date", "2019-11-11", "--outcome",
                      "disclosed", code=1)
    assert "was closed on 2019-11-08" in answer.stderr
    assert disclose.json("request", "list", "--as-of", "2019-12-31")[0]["state"] == "closed"


@pytest.mark.parametrize("why", ["fee_unpaid", "other"])
def test_close_other_reasons_while_open(disclose, later, why: str) -> None:
    add(disclose, "2019-09-27")
    assert disclose.json("request", "close", "1", "--date", "2019-10-14", "--why",
                         why)["state"] == "closed"
    (event,) = disclose.json("request", "show", "1")["events"]
    assert (event["kind"], event["details"]) == ("close", {"why": why})


def test_close_refuses_an_unknown_reason(disclose) -> None:
    add(disclose, "2015-09-25")
    bad = disclose("request", "close", "1", "--date", "2015-10-09", "--why", "bored", code=2)
    assert "abandoned" in bad.stderr and "Traceback" not in bad.stderr

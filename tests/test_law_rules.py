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

# the Regulations as the shipped registry names them, and so every refusal under them
ORDER_492 = "中华人民共和国政府信息公开条例（国务院令第492号）"
ORDER_711 = "中华人民共和国政府信息公开条例（国务院令第711号）"


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
            f"which {ORDER_711} wants the correction notice (补正) sent") in refused.stderr
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


def test_second_clarify_is_refused_under_2019(disclose, later, ledger_rows) -> None:
    add(disclose, "2019-09-27")
    disclose("request", "pause", "1", "--date", "2019-09-30", "--why", "clarify")
    disclose("request", "resume", "1", "--date", "2019-10-08")
    before = ledger_rows()
    # 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4): within the 7 days, but a second 补正
    refused = disclose("request", "pause", "1", "--date", "2019-10-09", "--why", "clarify",
                       code=1)
    assert refused.stderr == (
        "error: application #1 was already asked to correct (补正) on 2019-09-30: "
        f"{ORDER_711} wants what to correct told once (一次性告知)\n")
    assert ledger_rows() == before
    # a consultation after the correction is no second 补正
    disclose("request", "pause", "1", "--date", "2019-10-09", "--why", "third-party")


def test_second_clarify_is_only_warned_under_2008(disclose) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "pause", "1", "--date", "2015-09-28", "--why", "clarify")
    disclose("request", "resume", "1", "--date", "2015-10-08")
    warned = disclose("request", "pause", "1", "--date", "2015-10-09", "--why", "clarify")
    assert ("warning: application #1 was already asked to correct (补正) on 2015-09-28: "
            f"this is a second 补正; {ORDER_492} sets no rule on it, the 2019 Regulations "
            "(art. 30) have what to correct told once") in warned.stderr
    assert f"{ORDER_492} wants" not in warned.stderr  # the 2008 Regulations have no such rule
    kinds = [e["kind"] for e in disclose.json("request", "show", "1")["events"]]
    assert kinds == ["pause", "resume", "pause"]


def test_a_clarify_dated_after_the_pause_is_not_an_earlier_one(disclose, ledger_rows) -> None:
    """A 补正 recorded for a later day is not in effect on an earlier one: a pause dated
    before it is refused as out of order (events are recorded in the order they happened),
    never warned of as a second 补正 asked on a day still to come."""
    add(disclose, "2015-09-25")
    disclose("request", "pause", "1", "--date", "2015-10-09", "--why", "clarify")
    before = ledger_rows()
    refused = disclose("request", "pause", "1", "--date", "2015-10-08", "--why", "clarify",
                       code=1)
    assert refused.stderr == (
        "error: --date 2015-10-08 is before the application's latest event (2015-10-09); "
        "record events in the order they happened\n")
    assert ledger_rows() == before


# ---------------------------------------------------------------- consultations


def test_third_party_pause_ends_by_itself_after_15_working_days(disclose, later) -> None:
    add(disclose, "2019-06-03")  # Monday
    disclose("request", "pause", "1", "--date", "2019-06-04", "--why", "third-party")
    # 06-04 counted (1); paused 06-05, 06-06, (端午 06-07), 06-10..14, 06-17..21, 06-24..26:
    # the 15th working day, 06-26, ends the consultation and does not count
    refused = disclose("request", "resume", "1", "--date", "2019-06-28", code=1)
    assert ("application #1: the third-party consultation ended by itself on 2019-06-26, "
            f"after the 15 working days {ORDER_711} allows") in refused.stderr
    # 19 left from 06-27: 06-27, 06-28 (2), 07-01..05 (7), 07-08..12 (12), 07-15..19 (17),
    # 07-22 (18), 07-23 (19)
    (row,) = disclose.json("request", "list", "--as-of", "2019-07-01")
    assert row["due"] == "2019-07-23"
    days = {d["day"]: d for d in disclose.json("request", "explain", "1")["days"]}
    assert "15 working days are over" in days["2019-06-26"]["note"]
    assert (days["2019-06-26"]["counted"], days["2019-06-27"]["counted"]) == (None, 2)


def test_a_consultation_that_ended_by_itself_is_said(disclose, later) -> None:
    add(disclose, "2019-06-03")
    disclose("request", "pause", "1", "--date", "2019-06-04", "--why", "third-party")
    add(disclose, "2019-06-03")  # resumed in time: nothing to say
    disclose("request", "pause", "2", "--date", "2019-06-04", "--why", "third-party")
    disclose("request", "resume", "2", "--date", "2019-06-12")
    # on 06-26, its 15th working day, a resume is still allowed: not ended yet
    rows = disclose.json("request", "list", "--as-of", "2019-06-26")
    assert [r["consultation_ended_on"] for r in rows] == [None, None]
    rows = disclose.json("request", "list", "--as-of", "2019-06-27")
    assert [(r["consultation_ended"], r["consultation_ended_on"]) for r in rows] == [
        ("third-party", "2019-06-26"), (None, None)]
    words = ("the third-party consultation of 2019-06-04 ended by itself on 2019-06-26: its "
             "15 working days passed with no resume recorded, and the count went on from then")
    listed = disclose("request", "list", "--as-of", "2019-06-27").stdout
    assert f"#1: {words}" in listed and "#2:" not in listed
    shown = disclose.json("request", "show", "1")
    assert (shown["consultation_ended"], shown["consultation_ended_on"]) == (
        "third-party", "2019-06-26")
    assert words in disclose("request", "show", "1").stdout
    assert disclose.json("request", "show", "2")["consultation_ended"] is None
    # the daily report warns of it while the answer is owed (due 07-23, counted above)
    report = disclose.json("report", "--as-of", "2019-07-01")
    assert report["applications_consultation_ended"] == [{
        "id": 1, "agency": "czj", "name": "市财政局", "received_on": "2019-06-03",
        "why": "third-party", "paused_on": "2019-06-04", "ended_on": "2019-06-26",
        "due": "2019-07-23", "state": "open", "subject": "部门预算"}]
    text = disclose("report", "--as-of", "2019-07-01").stdout
    assert ("Applications whose consultation ended by itself, its bound passed with no "
            "resume recorded (1)") in text
    disclose("request", "answer", "1", "--date", "2019-07-02", "--outcome", "disclosed")
    assert disclose.json("report", "--as-of", "2019-07-03")[
        "applications_consultation_ended"] == []
    assert "consultation ended by itself" not in disclose("report", "--as-of",
                                                          "2019-07-03").stdout


def test_an_other_agency_consultation_that_ended_is_reported_in_chinese(
        disclose, later, monkeypatch: pytest.MonkeyPatch) -> None:
    add(disclose, "2019-09-27")
    disclose("request", "pause", "1", "--date", "2019-09-30", "--why", "other-agency")
    monkeypatch.setenv("DISCLOSE_LANG", "zh")
    text = disclose("report", "--as-of", "2019-10-28").stdout
    assert "征求意见期满未登记恢复的依申请公开（1）" in text
    assert "征求其他机关意见" in text and "2019-10-25" in text


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
    assert (row["due"], row["state"], row["consultation_ended"]) == (None, "open", None)
    # no bound, so nothing ended by itself and the report warns of nothing
    assert disclose.json("report", "--as-of", "2015-12-31")[
        "applications_consultation_ended"] == []
    disclose("request", "resume", "1", "--date", "2015-12-01")


def test_other_agency_consultation_pauses_under_2019_only(disclose, later) -> None:
    add(disclose, "2015-09-25")
    refused = disclose("request", "pause", "1", "--date", "2015-09-30", "--why",
                       "other-agency", code=1)
    assert f"--why other-agency is not a pause {ORDER_492} allows" in refused.stderr
    add(disclose, "2019-09-27")
    disclose("request", "pause", "2", "--date", "2019-09-30", "--why", "other-agency")
    disclose("request", "resume", "2", "--date", "2019-10-10")
    # 09-29 (1), 09-30 (2); resume day 10-10; 18 left: 10-11, 10-12 Sat worked (2),
    # 10-14..18 (7), 10-21..25 (12), 10-28..11-01 (17), 11-04 (18)
    assert disclose.json("request", "list", "--as-of", "2019-10-20")[1]["due"] == "2019-11-04"


def test_other_agency_pause_ends_by_itself_after_15_working_days(disclose, later) -> None:
    add(disclose, "2019-09-27")  # Friday
    disclose("request", "pause", "1", "--date", "2019-09-30", "--why", "other-agency")
    # 09-29 Sun worked (1), 09-30 counted (2); paused from 10-01: National Day, 10-08..11
    # (4), 10-12 Sat worked (5), 10-14..18 (10), 10-21..25 (15): the 15th working day,
    # 10-25, ends the consultation (art. 34: 逾期未提出意见的视为同意) and does not count
    refused = disclose("request", "resume", "1", "--date", "2019-10-28", code=1)
    assert refused.stderr == (
        "error: application #1: the other-agency consultation ended by itself on 2019-10-25, "
        f"after the 15 working days {ORDER_711} allows; nothing to resume\n")
    assert [e["kind"] for e in disclose.json("request", "show", "1")["events"]] == ["pause"]
    # 18 left from 10-28: 10-28..11-01 (5), 11-04..08 (10), 11-11..15 (15), 11-18..20 (18)
    (row,) = disclose.json("request", "list", "--as-of", "2019-10-28")
    assert (row["due"], row["state"]) == ("2019-11-20", "open")
    days = {d["day"]: d for d in disclose.json("request", "explain", "1")["days"]}
    assert (days["2019-10-25"]["counted"], days["2019-10-28"]["counted"]) == (None, 3)


# ---------------------------------------------------------------- the extension's notice


def test_extension_needs_its_notice_under_2019(disclose, later) -> None:
    add(disclose, "2019-09-27")
    refused = disclose("request", "extend", "1", "--date", "2019-10-14", "--approved-by",
                       "办公室主任", code=1)
    assert f"the applicant must be told of the extension ({ORDER_711})" in refused.stderr
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


@pytest.mark.parametrize("ground", ["third_party", "commercial_secret", "privacy"])
def test_third_party_refusal_without_consultation_is_warned_under_2019(
        disclose, later, ground: str) -> None:
    add(disclose, "2019-09-27")
    answer = ("--outcome", "not_disclosed", "--reason", "涉及", "--basis", "第十五条",
              "--ground", ground)
    warned = disclose("request", "answer", "1", "--date", "2019-10-14", *answer)
    assert (f"warning: application #1: refused on the ground {ground} without consulting "
            f"the third party first (pause --why third-party; {ORDER_711})") in warned.stderr
    assert disclose.json("request", "show", "1")["events"][0]["kind"] == "answer"
    add(disclose, "2019-09-27")
    disclose("request", "pause", "2", "--date", "2019-09-30", "--why", "third-party")
    disclose("request", "resume", "2", "--date", "2019-10-10")
    assert "warning" not in disclose("request", "answer", "2", "--date", "2019-10-14",
                                     *answer).stderr
    # another agency consulted is no third party asked
    add(disclose, "2019-09-27")
    disclose("request", "pause", "3", "--date", "2019-09-30", "--why", "other-agency")
    disclose("request", "resume", "3", "--date", "2019-10-10")
    assert "refused on the ground" in disclose("request", "answer", "3", "--date",
                                               "2019-10-14", *answer).stderr


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


def test_close_other_reason_while_open(disclose, later) -> None:
    add(disclose, "2019-09-27")
    assert disclose.json("request", "close", "1", "--date", "2019-10-14", "--why",
                         "other")["state"] == "closed"
    (event,) = disclose.json("request", "show", "1")["events"]
    assert (event["kind"], event["details"]) == ("close", {"why": "other"})


def test_close_refuses_an_unknown_reason(disclose) -> None:
    add(disclose, "2015-09-25")
    bad = disclose("request", "close", "1", "--date", "2015-10-09", "--why", "bored", code=2)
    assert "abandoned" in bad.stderr and "Traceback" not in bad.stderr


# ---------------------------------------------------------------- every row of table 三


# one application received 2020-06-01 (Monday) per result, answered 2020-06-10 or closed
RESULTS_2020 = [
    ("disclosed", None), ("already_public", None), ("partly_disclosed", "privacy"),
    *[("not_disclosed", g) for g in (
        "state_secret", "other_law", "security_stability", "third_party",
        "commercial_secret", "privacy", "internal_affairs", "process_info",
        "enforcement_file", "query_matter")],
    ("not_held", None), ("not_exist", None), ("not_made", None), ("still_unclear", None),
    *[("not_processed", g) for g in ("complaint", "repeat", "publication", "mass_repeat",
                                     "confirm_reissue")],
    ("other_channel", None), ("not_government_information", None),
    ("close", "abandoned"), ("close", "fee_unpaid"), ("close", "other"),
]


def build_2020(disclose) -> None:
    add(disclose, "2019-12-30")  # 1: carried in, disclosed 2020-01-10
    disclose("request", "answer", "1", "--date", "2020-01-10", "--outcome", "disclosed")
    for number, (outcome, ground) in enumerate(RESULTS_2020, start=2):
        add(disclose, "2020-06-01")
        if outcome == "close":
            closed_on = "2020-07-01"
            if ground == "abandoned":  # 补正 asked on day 2, never sent
                disclose("request", "pause", str(number), "--date", "2020-06-03", "--why",
                         "clarify")
            if ground == "fee_unpaid":  # 收费通知 on day 2, unpaid through 07-02 (test_fees.py)
                disclose("request", "fee", str(number), "--date", "2020-06-03", "--amount",
                         "1100", "--item", "processing")
                closed_on = "2020-07-03"
            disclose("request", "close", str(number), "--date", closed_on, "--why", ground)
            continue
        extra = [] if outcome == "disclosed" else ["--reason", "理由", "--basis", "《条例》"]
        extra += ["--ground", ground] if ground else []
        disclose("request", "answer", str(number), "--date", "2020-06-10", "--outcome",
                 outcome, *extra)
    add(disclose, "2020-12-30")  # carried over
    # 举报投诉 (2014 form, section 六): one corrected, one still pending by 31 December
    disclose("request", "appeal", "2", "--kind", "complaint", "--date", "2020-07-01",
             "--result", "corrected")
    disclose("request", "appeal", "3", "--kind", "complaint", "--date", "2020-12-01")


def totals(data: dict, table: str, column: str) -> dict[str, int]:
    (found,) = [t for t in data["tables"] if t["key"] == table]
    return {r["key"]: r["values"][column] for r in found["rows"] if not r["heading"]}


def test_every_row_of_the_2021_table_three_is_reached(disclose, later) -> None:
    build_2020(disclose)
    data = disclose.json("stats", "--year", "2020", "--template", "2021")
    # counted by hand from RESULTS_2020: all natural persons
    assert totals(data, "t3", "total") == {
        "new": 28, "carried_in": 1, "disclosed": 3, "partly_disclosed": 1,
        "denied_1": 1, "denied_2": 1, "denied_3": 1, "denied_4": 3, "denied_5": 1,
        "denied_6": 1, "denied_7": 1, "denied_8": 1,
        "unable_1": 2, "unable_2": 1, "unable_3": 1,
        "not_processed_1": 1, "not_processed_2": 1, "not_processed_3": 1,
        "not_processed_4": 1, "not_processed_5": 1,
        "other_processing_1": 1, "other_processing_2": 1, "other_processing_3": 3,
        "total_results": 28, "carried_out": 1}
    (t3,) = [t for t in data["tables"] if t["key"] == "t3"]
    headings = [r["label"] for r in t3["rows"] if r["heading"]]
    assert headings == ["三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理",
                        "（六）其他处理"]
    assert totals(data, "t4", "review_total")["cases"] == 0  # complaints: no column of 四


def test_the_2014_form_from_the_same_year(disclose, later) -> None:
    build_2020(disclose)
    data = disclose.json("stats", "--year", "2020", "--template", "2014")
    got = totals(data, "t3", "count")
    # closings are no 办结 on this form; the rest by hand from RESULTS_2020
    assert {k: got[k] for k in (
        "received", "finished", "on_time", "delayed", "replies", "already_public", "disclosed",
        "partly_disclosed", "refused", "refused_state_secret", "refused_commercial_secret",
        "refused_privacy", "refused_security_stability", "refused_not_government_information",
        "refused_other_law", "not_held", "not_exist", "clarify", "other_route")} == {
        "received": 28, "finished": 25, "on_time": 25, "delayed": 0, "replies": 26,
        "already_public": 1, "disclosed": 2, "partly_disclosed": 1, "refused": 16,
        "refused_state_secret": 1, "refused_commercial_secret": 1, "refused_privacy": 1,
        "refused_security_stability": 1, "refused_not_government_information": 1,
        "refused_other_law": 11, "not_held": 1, "not_exist": 3, "clarify": 1,
        "other_route": 1}
    assert totals(data, "t6", "count") == {"complaints": 2, "upheld": 0, "corrected": 1,
                                           "other": 1}
    assert totals(data, "t4", "count")["reconsiderations"] == 0  # complaints are not 复议


@pytest.mark.parametrize(("outcome", "ground", "words"), [
    ("already_public", None, "已经主动公开"),
    ("not_made", None, "不另行制作"),
    ("still_unclear", None, "补正后的申请内容仍不明确"),
    ("not_processed", "repeat", "属于重复申请，本机关不予处理"),
    ("other_channel", None, "对信息的获取有特别规定"),
    ("not_disclosed", "process_info", "过程性信息"),
])
def test_letters_of_the_new_outcomes(disclose, later, outcome: str, ground: str | None,
                                     words: str) -> None:
    add(disclose, "2020-06-01")
    extra = ["--ground", ground] if ground else []
    disclose("request", "answer", "1", "--date", "2020-06-10", "--outcome", outcome,
             "--reason", "理由", "--basis", "《条例》", *extra)
    letter = disclose.json("request", "letter", "1", "--preview")
    assert words in letter["text"]
    # a letter refusing nothing names no remedy
    assert ("行政复议" in letter["text"]) is (outcome != "already_public")


def test_grounds_belong_to_their_outcome(disclose) -> None:
    add(disclose, "2015-09-25")
    wrong = disclose("request", "answer", "1", "--date", "2015-10-09", "--outcome",
                     "not_processed", "--reason", "r", "--basis", "b", "--ground", "privacy",
                     code=1)
    assert "--ground privacy is not a ground of not_processed; valid: complaint" in wrong.stderr
    missing = disclose("request", "answer", "1", "--date", "2015-10-09", "--outcome",
                       "not_processed", "--reason", "r", "--basis", "b", code=1)
    assert "outcome not_processed needs --ground, one of: complaint, repeat" in missing.stderr


def test_other_agency_letter(disclose, later) -> None:
    add(disclose, "2020-06-01")
    disclose("request", "pause", "1", "--date", "2020-06-02", "--why", "other-agency")
    letter = disclose.json("request", "letter", "1", "--preview")
    assert "征求其他机关意见" in letter["text"] and "第三方" not in letter["text"]


# ---------------------------------------------------------------- the receipt day's basis


@pytest.mark.parametrize(("received", "channel", "given", "basis"), [
    ("2015-09-25", "in_person", None, "handed_in"),
    ("2015-09-25", "mail", None, "signed_for"),
    ("2015-09-25", "mail", "confirmed", "confirmed"),  # an ordinary letter
    ("2015-09-25", "email", None, "system_received"),  # 207号: the mail system's day
    ("2019-09-27", "email", None, "confirmed"),  # 2019 art. 31(三): both sides confirm
    ("2019-09-27", "fax", None, "confirmed"),
    ("2019-09-27", "web", "system_received", "system_received"),
])
def test_receipt_basis_recorded_with_the_application(
        disclose, later, received: str, channel: str, given: str | None, basis: str) -> None:
    extra = ["--receipt-basis", given] if given else []
    disclose("request", "add", "--agency", "czj", "--received", received, "--subject", "预算",
             "--channel", channel, *extra)
    shown = disclose.json("request", "show", "1")
    assert (shown["channel"], shown["receipt_basis"]) == (channel, basis)


def test_receipt_basis_must_fit_the_channel(disclose) -> None:
    bad = disclose("request", "add", "--agency", "czj", "--received", "2015-09-25", "--subject",
                   "预算", "--channel", "in_person", "--receipt-basis", "signed_for", code=1)
    assert ("--receipt-basis signed_for does not fit --channel in_person; valid: handed_in"
            in bad.stderr)
    assert disclose.json("request", "list", "--as-of", "2015-12-31") == []


# ---------------------------------------------------------------- proactive (table 二)


def test_proactive_figures_make_table_two(disclose, later) -> None:
    record = [("czj", "regulations_made", "2"), ("czj", "normative_documents_in_force", "31"),
              ("czj", "licences", "130"), ("czj", "licences", "131"),  # a correction
              ("mzj", "licences", "9"), ("mzj", "penalties", "4"),
              ("czj", "fees", "12.5"), ("mzj", "fees", "0.0350")]
    for agency, item, count in record:
        disclose("proactive", "--agency", agency, "--year", "2021", "--item", item,
                 "--count", count)
    city = disclose.json("stats", "--year", "2021", "--template", "2021")["proactive"]
    assert {k: v for k, v in city.items() if v != "0"} == {
        "regulations_made": "2", "normative_documents_in_force": "31", "licences": "140",
        "penalties": "4", "fees": "12.535"}
    czj = disclose.json("stats", "--year", "2021", "--template", "2021", "--agency", "czj")
    assert (czj["proactive"]["licences"], czj["proactive"]["fees"]) == ("131", "12.5")
    text = disclose("stats", "--year", "2021", "--template", "2021").stdout
    lines = text.splitlines()
    # the form's four blocks, each under its article with its own headings
    assert lines[2] == "二、主动公开政府信息情况"
    assert lines[3].split() == ["第二十条第（一）项", "本年制发件数", "本年废止件数",
                                "现行有效件数"]
    assert next(x for x in lines if x.startswith("行政许可")).split() == ["行政许可", "140"]
    assert next(x for x in lines if x.startswith("行政事业性收费")).split()[-1] == "12.535"
    assert "proactive" not in disclose.json("stats", "--year", "2015")  # the 2014 form
    assert disclose("db", "verify").stdout.startswith("ok: ")


@pytest.mark.parametrize(("item", "count"), [("licences", "1.5"), ("licences", "-1"),
                                             ("fees", "0.00001"), ("fees", "abc"),
                                             ("fees", "NaN")])
def test_proactive_refuses_a_figure_that_is_none(disclose, later, ledger_rows, item: str,
                                                 count: str) -> None:
    bad = disclose("proactive", "--agency", "czj", "--year", "2021", "--item", item,
                   "--count", count, code=1)
    assert f"--count {count} is not a figure of {item}" in bad.stderr
    assert bad.stderr.count("\n") == 1 and ledger_rows() == {}


def test_proactive_refuses_a_year_not_over(disclose, later) -> None:
    bad = disclose("proactive", "--agency", "czj", "--year", "2022", "--item", "fees",
                   "--count", "1", code=1)
    assert "--year 2022" in bad.stderr


def test_proactive_is_the_offices_to_record(disclose, registry_copy, monkeypatch,
                                            ledger_rows) -> None:
    from qth_disclosure.session import Session

    path = registry_copy / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("agencies:\n", "coordinators: [chen]\nagencies:\n", 1)
    text = text.replace("    name: 市财政局\n", "    name: 市财政局\n    liaisons: [wang]\n", 1)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DISCLOSE_REGISTRY", str(registry_copy))
    monkeypatch.setattr(Session, "user", staticmethod(lambda: "wang"))
    refused = disclose("proactive", "--agency", "czj", "--year", "2015", "--item", "licences",
                       "--count", "3", code=1)
    assert "'wang'" in refused.stderr and ledger_rows() == {}
    monkeypatch.setattr(Session, "user", staticmethod(lambda: "chen"))
    disclose("proactive", "--agency", "czj", "--year", "2015", "--item", "licences",
             "--count", "3")

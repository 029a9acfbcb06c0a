"""Applications for disclosure: working-day deadlines on China's official calendar.

Every expected date below was counted by hand from the State Council's holiday notices
(2015: 国办发明电〔2014〕28号 and 国发明电〔2015〕1号; 2016: 国办发明电〔2015〕18号): the
receipt day is day 0, day 1 is the first working day after it.
"""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from qth_disclosure.core.applications import clock
from qth_disclosure.errors import InputError
from qth_disclosure.ledger import Application
from qth_disclosure.registry import Registry


def add(disclose, received: str, agency: str = "czj") -> dict:
    return disclose.json("request", "add", "--agency", agency, "--received", received,
                         "--subject", "2015年部门预算")


@pytest.mark.parametrize(("received", "due"), [
    ("2015-09-25", "2015-10-22"),  # Friday; National Day inside, Sat 10-10 worked
    ("2015-09-26", "2015-10-22"),  # Saturday: day 0 all the same
    ("2015-10-03", "2015-10-27"),  # a National Day holiday (find_workday would say 10-28)
    ("2015-02-13", "2015-03-11"),  # Friday; Sun 02-15 and Sat 02-28 worked, Spring Festival
    ("2015-02-14", "2015-03-11"),  # Saturday before the Sunday worked
    ("2015-02-21", "2015-03-16"),  # a Spring Festival holiday (find_workday would say 03-17)
    ("2015-08-28", "2015-09-21"),  # the 09-03 anniversary holiday, Sun 09-06 worked
    ("2015-12-18", "2016-01-11"),  # across New Year 2016
    ("2016-01-22", "2016-02-17"),  # Spring Festival 2016, Sat 02-06 and Sun 02-14 worked
    ("2016-01-29", "2016-02-24"),
    ("2016-02-05", "2016-03-02"),  # day 1 is the Saturday 02-06 worked
])
def test_request_deadline_hand_counted(disclose, received: str, due: str) -> None:
    data = add(disclose, received)
    assert (data["received_on"], data["due"]) == (received, due)
    assert list(data) == ["id", "agency", "received_on", "due", "state"]


def test_request_extension_crossing_national_day(disclose) -> None:
    add(disclose, "2015-09-10")  # due 2015-10-08: 09-11..09-30 are 14, 10-08 is 15
    assert disclose.json("request", "list", "--as-of", "2015-09-30")[0]["due"] == "2015-10-08"
    disclose("request", "extend", "1", "--date", "2015-09-30", "--approved-by", "办公室主任")
    # 15 more from 10-08: 10-09, 10-10 (Sat worked), 10-12..16, 10-19..23, 10-26, 10-27, 10-28
    (row,) = disclose.json("request", "list", "--as-of", "2015-10-01")
    assert (row["due"], row["state"]) == ("2015-10-28", "open")


def test_request_clarification_restarts_the_count(disclose) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "pause", "1", "--date", "2015-09-28", "--why", "clarify")
    paused = disclose.json("request", "list", "--as-of", "2015-10-20")[0]
    assert (paused["due"], paused["state"]) == (None, "open")
    disclose("request", "resume", "1", "--date", "2015-10-12")
    # day 0 is 10-12: 10-13..16 (4), 10-19..23 (9), 10-26..30 (14), 11-02 (15)
    assert disclose.json("request", "list", "--as-of", "2015-10-20")[0]["due"] == "2015-11-02"


def test_request_third_party_consultation_carries_days_over(disclose) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "pause", "1", "--date", "2015-09-30", "--why", "third-party")
    disclose("request", "resume", "1", "--date", "2015-10-12")
    # 09-28, 09-29, 09-30 counted (3); 12 left from 10-12: 10-13..16, 10-19..23, 10-26..28
    assert disclose.json("request", "list", "--as-of", "2015-10-20")[0]["due"] == "2015-10-28"


@pytest.mark.parametrize(("answered", "state"), [("2015-10-22", "answered_on_time"),
                                                  ("2015-10-23", "answered_late")])
def test_request_answer_states(disclose, answered: str, state: str) -> None:
    add(disclose, "2015-09-25")
    data = disclose.json("request", "answer", "1", "--date", answered, "--outcome", "disclosed")
    assert (data["state"], data["outcome"]) == (state, "disclosed")


def test_request_states_open_and_overdue_in_hindsight(disclose) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "answer", "1", "--date", "2015-10-26", "--outcome", "not_exist",
             "--reason", "经检索没有该信息", "--basis", "条例第二十一条第（三）项")
    states = [disclose.json("request", "list", "--as-of", day)[0]["state"]
              for day in ("2015-10-22", "2015-10-23", "2015-10-26")]
    assert states == ["open", "overdue", "answered_late"]
    assert [r["id"] for r in disclose.json("request", "list", "--as-of", "2015-10-23",
                                            "--state", "overdue")] == [1]
    assert disclose.json("request", "list", "--as-of", "2015-10-23", "--state",
                         "answered") == []


@pytest.mark.parametrize(("args", "words"), [
    (["--outcome", "partly_disclosed"], ["partly_disclosed", "--reason", "--basis"]),
    (["--outcome", "not_disclosed", "--reason", "商业秘密", "--basis", "条例第十四条"],
     ["--ground", "state_secret"]),
    (["--outcome", "not_held", "--reason", "r"], ["--basis"]),
    (["--outcome", "disclosed", "--ground", "privacy"], ["--ground", "disclosed"]),
])
def test_request_answer_required_fields(disclose, ledger_rows, args: list[str],
                                        words: list[str]) -> None:
    add(disclose, "2015-09-25")
    before = ledger_rows()
    result = disclose("request", "answer", "1", "--date", "2015-10-10", *args, code=1)
    assert all(w in result.stderr for w in words) and result.stderr.count("\n") == 1
    assert ledger_rows() == before


def test_request_refusal_records_reason_basis_and_remedies(disclose) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "answer", "1", "--date", "2015-10-10", "--outcome", "not_disclosed",
             "--ground", "commercial_secret", "--reason", "涉及第三方商业秘密",
             "--basis", "《条例》第十四条第四款")
    (event,) = disclose.json("request", "show", "1")["events"]
    assert (event["kind"], event["occurred_on"]) == ("answer", "2015-10-10")
    assert event["details"] == {"outcome": "not_disclosed", "ground": "commercial_secret",
                                "reason": "涉及第三方商业秘密", "basis": "《条例》第十四条第四款",
                                "remedies": "行政复议、行政诉讼"}


@pytest.mark.parametrize(("steps", "words"), [
    ([["extend", "--date", "2015-09-30", "--approved-by", "主任"],
      ["extend", "--date", "2015-10-08", "--approved-by", "主任"]], ["already extended"]),
    ([["extend", "--date", "2015-10-23", "--approved-by", "主任"]],
     ["2015-10-23", "after the due date 2015-10-22"]),
    ([["extend", "--date", "2015-10-08", "--approved-by", "主任", "--working-days", "16"]],
     ["16", "1..15", "中华人民共和国政府信息公开条例（国务院令第492号）"]),
    ([["answer", "--date", "2015-09-24", "--outcome", "disclosed"]],
     ["2015-09-24", "before application #1 was received (2015-09-25)"]),
    ([["answer", "--date", "2015-10-08", "--outcome", "disclosed"],
      ["answer", "--date", "2015-10-09", "--outcome", "disclosed"]], ["already answered"]),
    ([["resume", "--date", "2015-10-08"]], ["not paused"]),
    ([["pause", "--date", "2016-03-02", "--why", "clarify"]], ["2016-03-02", "future"]),
], ids=["second-extension", "extension-after-due", "too-many-days", "answer-before-receipt",
        "second-answer", "resume-unpaused", "future"])
def test_request_misuse_refused(disclose, ledger_rows, steps: list[list[str]],
                                words: list[str]) -> None:
    add(disclose, "2015-09-25")
    for step in steps[:-1]:
        disclose("request", step[0], "1", *step[1:])
    before = ledger_rows()
    last = steps[-1]
    result = disclose("request", last[0], "1", *last[1:], code=1)
    assert all(w in result.stderr for w in words), result.stderr
    assert result.stderr.count("\n") == 1 and ledger_rows() == before


def test_request_unknown_id(disclose) -> None:
    result = disclose("request", "answer", "9", "--date", "2015-10-01", "--outcome",
                      "disclosed", code=1)
    assert "no application #9" in result.stderr


def test_request_explain_names_skipped_and_adjusted_days(disclose) -> None:
    add(disclose, "2015-09-25")
    out = disclose("request", "explain", "1").stdout
    assert "2015-10-03  Sat" in out and "holiday: 国庆节" in out
    assert "weekend day worked (调休) for 国庆节" in out
    days = disclose.json("request", "explain", "1")["days"]
    assert days[0]["counted"] is None and "day 0" in days[0]["note"]
    assert [d["day"] for d in days if d["counted"]][-1] == "2015-10-22"
    assert max(d["counted"] or 0 for d in days) == 15


def test_request_answered_on_the_spot(disclose) -> None:
    data = disclose.json("request", "add", "--agency", "tsq", "--received", "2015-10-12",
                         "--subject", "低保标准", "--answered-on-spot")
    assert data["state"] == "answered_on_time"


def test_request_overdue_in_status_and_report(disclose) -> None:
    add(disclose, "2015-09-25")
    status = disclose("status", "--as-of", "2015-10-26").stdout
    assert "0 open, 1 overdue" in status and "2015-10-22" in status
    report = disclose.json("report", "--as-of", "2015-10-26")
    assert [(a["id"], a["days_overdue"]) for a in report["applications_overdue"]] == [(1, 4)]
    disclose("report", "--as-of", "2015-07-25", "--fail-on-overdue")  # nothing due yet
    add(disclose, "2015-07-24")  # due 2015-08-14
    disclose("report", "--as-of", "2015-08-17", "--fail-on-overdue", code=3)


def _covered(year: int) -> bool:
    """Whether the installed chinesecalendar has data for the year."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def test_calendar_refuses_the_first_year_it_does_not_cover(registry: Registry) -> None:
    """A deadline running into the first year after the package's last is refused."""
    gap = next(year for year in count(2015) if not _covered(year))
    app = Application("qth-2015", "czj", date(gap - 1, 12, 24), "s", "", "natural_person",
                      "web", "gir-2019", id=1)
    with pytest.raises(InputError) as refused:
        clock(app, [], registry.law_for(app.received_on), registry.work_calendar)
    assert f"does not cover {gap} (it covers " in str(refused.value)
    assert f"-{gap - 1})" in str(refused.value)


def test_law_profile_by_receipt_day(registry: Registry) -> None:
    assert registry.law_for(date(2015, 9, 25)).answer_working_days == 15
    assert registry.law_for(date(2019, 5, 15)).answer_working_days == 20
    with pytest.raises(InputError, match="no law profile covers 2008-04-30"):
        registry.law_for(date(2008, 4, 30))


def test_registry_override_moves_a_deadline(disclose, registry_copy, monkeypatch) -> None:
    tasks = registry_copy / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "  overrides:\n", "  overrides:\n    - date: 2015-10-22\n      working: false\n"
        "      name: 停电放假\n      source: 市政府通知\n", 1), encoding="utf-8")
    monkeypatch.setenv("DISCLOSE_REGISTRY", str(registry_copy))
    assert add(disclose, "2015-09-25")["due"] == "2015-10-23"  # one day later than usual
    assert "registry: 停电放假" in disclose("request", "explain", "1").stdout


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["中华人民共和国政府信息公开条例（国务院令第492号）", "czj (市财政局)",
            "extended by 15 working days, approved by 办公室主任",
            "applicant asked to correct the application",
            "outcome: not disclosed; ground: commercial secret; reason: 涉及第三方商业秘密; "
            "basis: 《条例》第十四条第四款; remedies: 行政复议、行政诉讼"]),
    ("zh", ["czj（市财政局）", "中华人民共和国政府信息公开条例（国务院令第492号）",
            "经办公室主任批准延长 15 个工作日", "告知申请人补正",
            "答复结果：不予公开；理由类别：涉及商业秘密；理由：涉及第三方商业秘密；"
            "依据：《条例》第十四条第四款；救济途径：行政复议、行政诉讼"]),
])
def test_request_show_events_in_words(disclose, lang: str, words: list[str]) -> None:
    add(disclose, "2015-09-25")
    for step in (["extend", "1", "--date", "2015-10-08", "--approved-by", "办公室主任"],
                 ["pause", "1", "--date", "2015-10-09", "--why", "clarify"],
                 ["resume", "1", "--date", "2015-10-12"],
                 ["answer", "1", "--date", "2015-10-13", "--outcome", "not_disclosed",
                  "--ground", "commercial_secret", "--reason", "涉及第三方商业秘密",
                  "--basis", "《条例》第十四条第四款"]):
        disclose("request", *step)
    out = disclose("--lang", lang, "request", "show", "1").stdout
    assert all(w in out for w in words), out
    assert "=" not in out and "gir-2008" not in out
    # machines keep the stored details and the profile's id
    data = disclose.json("request", "show", "1")
    assert data["law_profile"] == "gir-2008"
    assert data["events"][0]["details"] == {"approved_by": "办公室主任", "working_days": 15}


@pytest.mark.parametrize(("lang", "note"), [
    ("en", "applicant asked to correct the application (补正): the clock stops and counts "
           "again from the corrected application"),
    ("zh", "告知申请人补正：中止计算，收到补正后的申请后重新计算"),
])
def test_request_explain_clarification_says_the_count_restarts(disclose, lang: str,
                                                                note: str) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "pause", "1", "--date", "2015-09-28", "--why", "clarify")
    disclose("request", "resume", "1", "--date", "2015-10-12")
    out = disclose("--lang", lang, "request", "explain", "1").stdout
    assert note in out and "left" not in out and "剩余" not in out, out
    if lang == "zh":  # full-width punctuation between the notes of a day
        assert "中止计算，不计入；节假日：国庆节" in out and "; " not in out


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "error: --subject is empty; say what information the applicant asks for\n"),
    ("zh", "错误：--subject 为空，请写明申请公开的是什么信息\n"),
])
def test_request_add_empty_subject_has_its_own_message(disclose, ledger_rows, lang: str,
                                                       message: str) -> None:
    result = disclose("--lang", lang, "request", "add", "--agency", "czj", "--received",
                      "2015-09-25", "--subject", " ", code=1)
    assert result.stderr == message
    assert ledger_rows() == {}

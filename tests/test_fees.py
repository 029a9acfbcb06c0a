"""Fees of applications (`request fee`), on both backends: which items each law allows, the
amounts, the 2019 fee notice (收费通知) stopping the clock until the payment, and closing
an application whose fee was not paid.

Working days counted by hand from the State Council's notices: 2020 (国办发明电〔2019〕16号:
端午 06-25..27 off, Sun 06-28 worked). The receipt day and the notice day are day 0 of
their counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from typing import get_args

import pytest

from qth_disclosure import calendar
from qth_disclosure.commands.applications_cmd import FeeItemChoice
from qth_disclosure.vocab import FeeItem


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar, "today", lambda tz: date(2022, 6, 30))


def add(disclose, received: str) -> None:
    disclose("request", "add", "--agency", "czj", "--received", received, "--subject", "预算")


def fees(disclose, number: str = "1") -> list[dict]:
    return [{k: f[k] for k in ("kind", "occurred_on", "amount", "items")}
            for f in disclose.json("request", "show", number)["fees"]]


def test_the_option_offers_the_vocabulary() -> None:
    assert [c.value for c in FeeItemChoice] == list(get_args(FeeItem))


# ---------------------------------------------------------------- 2008: costs charged


def test_2008_charges_search_copy_and_post(disclose) -> None:
    add(disclose, "2015-09-25")
    disclose("request", "fee", "1", "--date", "2015-10-09", "--amount", "12.50", "--item",
             "copy", "--item", "post", "--item", "copy")
    disclose("request", "fee", "1", "--date", "2015-10-10", "--amount", "3", "--item",
             "search")
    assert fees(disclose) == [
        {"kind": "charge", "occurred_on": "2015-10-09", "amount": "12.5",
         "items": ["copy", "post"]},
        {"kind": "charge", "occurred_on": "2015-10-10", "amount": "3", "items": ["search"]}]
    # a cost stops no clock: 15 working days from 09-25 (09-28..30, 10-08..10 Sat, 10-12..)
    shown = disclose.json("request", "show", "1")
    assert (shown["due"], shown["paused_since"]) == ("2015-10-22", None)
    text = disclose("request", "show", "1").stdout
    assert "Fees (元)" in text and "copying (复制), postage (邮寄)" in text


def test_2008_refuses_the_processing_fee(disclose, ledger_rows) -> None:
    add(disclose, "2015-09-25")
    before = ledger_rows()
    refused = disclose("request", "fee", "1", "--date", "2015-10-09", "--amount", "100",
                       "--item", "processing", code=1)
    assert refused.stderr == ("error: --item processing is not a fee allowed under "
                              "中华人民共和国政府信息公开条例（国务院令第492号）; valid: "
                              "search, copy, post\n")
    paid = disclose("request", "fee", "1", "--date", "2015-10-09", "--paid", code=1)
    assert "under 中华人民共和国政府信息公开条例（国务院令第492号） there is no fee notice" \
        in paid.stderr
    assert ledger_rows() == before


@pytest.mark.parametrize("amount", ["12.555", "-1", "abc", "NaN", "Infinity", "1e12", ""])
def test_amounts_are_yuan_with_at_most_two_places(disclose, ledger_rows, amount: str) -> None:
    add(disclose, "2015-09-25")
    before = ledger_rows()
    refused = disclose("request", "fee", "1", "--date", "2015-10-09", "--amount", amount,
                       "--item", "copy", code=1)
    assert refused.stderr == (f"error: --amount {amount} is not an amount in 元: a number "
                              "from 0 with at most two decimal places\n")
    assert ledger_rows() == before


def test_a_charge_needs_an_amount_and_an_item(disclose, ledger_rows) -> None:
    add(disclose, "2015-09-25")
    before = ledger_rows()
    no_amount = disclose("request", "fee", "1", "--date", "2015-10-09", "--item", "copy", code=1)
    assert "--amount is needed" in no_amount.stderr
    no_item = disclose("request", "fee", "1", "--date", "2015-10-09", "--amount", "1", code=1)
    assert no_item.stderr == "error: at least one --item is needed; valid: search, copy, post\n"
    assert ledger_rows() == before
    disclose("request", "fee", "1", "--date", "2015-10-09", "--amount", "0", "--item", "copy")
    assert fees(disclose) == [{"kind": "charge", "occurred_on": "2015-10-09", "amount": "0",
                               "items": ["copy"]}]


def test_the_confirmation_states_the_amount_and_items(disclose, monkeypatch) -> None:
    add(disclose, "2015-09-25")
    said = disclose("request", "fee", "1", "--date", "2015-10-09", "--amount", "12.50",
                    "--item", "copy", "--item", "post").stdout
    assert "12.5 元 for copying (复制), postage (邮寄)" in said
    monkeypatch.setenv("DISCLOSE_LANG", "zh")
    said = disclose("request", "fee", "1", "--date", "2015-10-10", "--amount", "3",
                    "--item", "search").stdout
    assert "已登记第 1 号申请收取的费用：" in said and "检索费 3 元" in said


# ---------------------------------------------------------------- 2019: the fee notice


def test_2019_allows_the_processing_fee_alone(disclose, later) -> None:
    add(disclose, "2020-06-01")
    refused = disclose("request", "fee", "1", "--date", "2020-06-03", "--amount", "10",
                       "--item", "copy", code=1)
    assert ("--item copy is not a fee allowed under "
            "中华人民共和国政府信息公开条例（国务院令第711号）; valid: processing") \
        in refused.stderr
    assert fees(disclose) == []


def test_the_fee_notice_stops_the_clock_until_the_payment(disclose, later) -> None:
    add(disclose, "2020-06-01")  # Monday; 20 working days
    notice = disclose.json("request", "fee", "1", "--date", "2020-06-03", "--amount", "1100",
                           "--item", "processing")
    assert (notice["due"], notice["state"]) == (None, "open")
    # 06-02 (1), 06-03 the notice day (2): 18 left, the clock stopped
    shown = disclose.json("request", "show", "1")
    assert shown["paused_since"] == "2020-06-03"
    said = disclose("request", "fee", "1", "--date", "2020-06-10", "--paid").stdout
    assert "payment of the fee on application #1" in said and "1100 元 for information " \
        "processing (信息处理费); now due 2020-07-07" in said
    paid = disclose.json("request", "show", "1")
    # 06-04..06-10 not counted; from 06-11: 06-11, 06-12 (4), 06-15..19 (9), 06-22..24 (12),
    # 端午 06-25..27, Sun 06-28 worked (13), 06-29, 06-30 (15), 07-01..03 (18), 07-06 (19),
    # 07-07 (20)
    assert paid["due"] == "2020-07-07"
    assert fees(disclose) == [
        {"kind": "notice", "occurred_on": "2020-06-03", "amount": "1100",
         "items": ["processing"]},
        {"kind": "paid", "occurred_on": "2020-06-10", "amount": "1100",
         "items": ["processing"]}]
    days = {d["day"]: d for d in disclose.json("request", "explain", "1")["days"]}
    assert "fee notice sent (收费通知)" in days["2020-06-03"]["note"]
    assert days["2020-06-03"]["counted"] == 2
    assert [days[d]["counted"] for d in ("2020-06-04", "2020-06-10", "2020-06-11")] == [
        None, None, 3]
    assert "fee paid: 18 working days left carry over" in days["2020-06-10"]["note"]
    assert days["2020-06-28"]["counted"] == 13


def test_the_notice_waits_for_its_payment_not_a_resume(disclose, later, ledger_rows) -> None:
    add(disclose, "2020-06-01")
    disclose("request", "fee", "1", "--date", "2020-06-03", "--amount", "100", "--item",
             "processing")
    before = ledger_rows()
    resumed = disclose("request", "resume", "1", "--date", "2020-06-10", code=1)
    assert ("application #1 waits for the payment of its fee notice; record it with "
            "'request fee 1 --paid --date D', not resume") in resumed.stderr
    paused = disclose("request", "pause", "1", "--date", "2020-06-10", "--why", "clarify",
                      code=1)
    assert "application #1 is paused since 2020-06-03" in paused.stderr
    again = disclose("request", "fee", "1", "--date", "2020-06-10", "--amount", "100",
                     "--item", "processing", code=1)
    assert "application #1 is paused since 2020-06-03" in again.stderr
    amount = disclose("request", "fee", "1", "--date", "2020-06-10", "--paid", "--amount", "1",
                      code=1)
    assert "give no --amount or --item with it" in amount.stderr
    assert ledger_rows() == before


def test_a_payment_needs_a_notice_and_is_warned_when_late(disclose, later) -> None:
    add(disclose, "2020-06-01")
    refused = disclose("request", "fee", "1", "--date", "2020-06-10", "--paid", code=1)
    assert "application #1 has no fee notice waiting for its payment" in refused.stderr
    disclose("request", "fee", "1", "--date", "2020-06-03", "--amount", "100", "--item",
             "processing")
    # the 20th working day after 06-03 is 07-02 (counted below): 07-03 is late
    late = disclose("request", "fee", "1", "--date", "2020-07-03", "--paid")
    assert ("warning: application #1: paid on 2020-07-03, after 2020-07-02, the last day the "
            "fee notice gave") in late.stderr
    twice = disclose("request", "fee", "1", "--date", "2020-07-06", "--paid", code=1)
    assert "has no fee notice waiting" in twice.stderr


def test_an_extension_letter_states_the_due_day_the_fee_moved(disclose, later) -> None:
    add(disclose, "2020-06-01")
    disclose("request", "fee", "1", "--date", "2020-06-03", "--amount", "100", "--item",
             "processing")
    disclose("request", "fee", "1", "--date", "2020-06-10", "--paid")  # due 07-07 (above)
    disclose("request", "extend", "1", "--date", "2020-06-22", "--approved-by", "李明",
             "--notified-on", "2020-06-22", "--notified-by", "mail")
    # 20 more from 07-07: 07-08..10 (3), 07-13..17 (8), 07-20..24 (13), 07-27..31 (18),
    # 08-03 (19), 08-04 (20); without the fee's stop it would be 07-28
    assert disclose.json("request", "show", "1")["due"] == "2020-08-04"
    letter = disclose("request", "letter", "1").stdout
    assert letter.startswith("延期答复告知书\n")
    assert "本机关将于2020年8月4日前作出答复" in letter


def test_a_fee_notice_after_the_due_date_is_refused(disclose, later) -> None:
    add(disclose, "2020-06-01")  # due 2020-06-30 (20 working days, 端午 in between)
    refused = disclose("request", "fee", "1", "--date", "2020-07-01", "--amount", "100",
                       "--item", "processing", code=1)
    assert "--date 2020-07-01 is after the due date 2020-06-30" in refused.stderr


# ---------------------------------------------------------------- close --why fee_unpaid


def test_close_fee_unpaid_needs_a_notice(disclose, later, ledger_rows) -> None:
    add(disclose, "2020-06-01")
    before = ledger_rows()
    refused = disclose("request", "close", "1", "--date", "2020-06-10", "--why", "fee_unpaid",
                       code=1)
    assert refused.stderr.startswith(
        "error: application #1 has no fee notice waiting for its payment (request fee)")
    assert ledger_rows() == before


def test_close_fee_unpaid_after_the_twenty_working_days(disclose, later) -> None:
    add(disclose, "2020-06-01")
    disclose("request", "fee", "1", "--date", "2020-06-03", "--amount", "100", "--item",
             "processing")
    # from 06-03: 06-04, 06-05 (2), 06-08..12 (7), 06-15..19 (12), 06-22..24 (15), 端午,
    # 06-28 Sun worked (16), 06-29, 06-30 (18), 07-01 (19), 07-02 (20)
    early = disclose("request", "close", "1", "--date", "2020-07-02", "--why", "fee_unpaid",
                     code=1)
    assert ("application #1: --date 2020-07-02 is within the 20 working days the fee notice "
            "of 2020-06-03 gives to pay (until 2020-07-02)") in early.stderr
    closed = disclose.json("request", "close", "1", "--date", "2020-07-03", "--why",
                           "fee_unpaid")
    assert closed["state"] == "closed"


def test_close_fee_unpaid_once_paid_is_refused(disclose, later) -> None:
    add(disclose, "2020-06-01")
    disclose("request", "fee", "1", "--date", "2020-06-03", "--amount", "100", "--item",
             "processing")
    disclose("request", "fee", "1", "--date", "2020-06-05", "--paid")
    refused = disclose("request", "close", "1", "--date", "2020-07-06", "--why", "fee_unpaid",
                       code=1)
    assert "has no fee notice waiting for its payment" in refused.stderr


# ---------------------------------------------------------------- the ledger


def test_fees_are_chained_and_verified(disclose, later) -> None:
    add(disclose, "2020-06-01")
    disclose("request", "fee", "1", "--date", "2020-06-03", "--amount", "0.5", "--item",
             "processing")
    info = disclose.json("db", "info")
    assert info["chain_length"] == 2
    verified = disclose("db", "verify")
    assert "application fees 1" in verified.stdout


def run(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    """`disclose` as its own process, connecting as whoever `db` names."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSE_")}
    env.update(DISCLOSE_LANG="en", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "qth_disclosure", "--db", db, *args],
                          capture_output=True, text=True, env=env)


def test_a_liaison_role_records_fees_of_its_own_unit_only(pg_server) -> None:
    """What the server holds whatever client writes (row-level security, migration 19)."""
    from qth_disclosure.ledger.server_rules import LIAISON

    pg_server.empty()
    url = pg_server.url
    for agency in ("czj", "sjj"):
        assert run("request", "add", "--agency", agency, "--received", "2015-09-25",
                   "--subject", "预算", db=url).returncode == 0
    with pg_server.login_role("wang", LIAISON, agencies=("czj",)) as wang:
        own = run("request", "fee", "1", "--date", "2015-10-09", "--amount", "2", "--item",
                  "copy", db=wang)
        assert own.returncode == 0, own.stderr
        other = run("request", "fee", "2", "--date", "2015-10-09", "--amount", "2", "--item",
                    "copy", db=wang)
        assert other.returncode == 1
        assert "row-level security" in other.stderr and "Traceback" not in other.stderr
    assert pg_server.execute("SELECT application, amount FROM application_fees") == [(1, "2")]
    assert run("db", "verify", db=url).returncode == 0


def test_fees_are_copied_to_the_server_and_back(pg_server, tmp_path) -> None:
    source = tmp_path / "source.sqlite3"

    assert run("db", "init", db=str(source)).returncode == 0
    assert run("request", "add", "--agency", "czj", "--received", "2015-09-25", "--subject",
               "预算", db=str(source)).returncode == 0
    done = run("request", "fee", "1", "--date", "2015-10-09", "--amount", "8.8", "--item",
               "copy", db=str(source))
    assert done.returncode == 0, done.stderr
    with pg_server.fresh_schema() as url:
        there = run("db", "copy", "--to", url, db=str(source))
        assert there.returncode == 0, there.stderr
        assert "application fees 1" in there.stdout
        shown = json.loads(run("request", "show", "1", "--format", "json", db=url).stdout)
        assert [(f["kind"], f["amount"], f["items"]) for f in shown["fees"]] == [
            ("charge", "8.8", ["copy"])]
        verified = run("db", "verify", db=url)
        assert verified.returncode == 0 and verified.stdout.startswith("ok:"), verified.stdout
        back = tmp_path / "back.sqlite3"
        assert run("db", "copy", "--to", str(back), db=url).returncode == 0
    assert run("db", "verify", db=str(back)).stdout.startswith("ok:")


# ---------------------------------------------------------------- the 2014 form, 一 and 七


def rows(data: dict, table: str) -> dict[str, object]:
    (found,) = [t for t in data["tables"] if t["key"] == table]
    return {r["key"]: r["values"].get(found["columns"][0]["key"]) for r in found["rows"]
            if not r["heading"]}


def test_the_2014_form_sections_one_and_seven_from_recorded_rows(disclose, later) -> None:
    for agency, received in (("czj", "2015-09-25"), ("sjj", "2015-09-25"),
                             ("czj", "2019-12-02")):
        disclose("request", "add", "--agency", agency, "--received", received, "--subject",
                 "预算")
    for number, day, amount, item in (("1", "2015-10-09", "12.5", "copy"),
                                      ("1", "2015-10-12", "3", "search"),
                                      ("2", "2015-10-09", "100", "post"),
                                      ("1", "2016-01-04", "7", "post")):  # next year's
        disclose("request", "fee", number, "--date", day, "--amount", amount, "--item", item)
    # a notice of 2019 paid in 2020 is 2020's money
    disclose("request", "fee", "3", "--date", "2019-12-04", "--amount", "200", "--item",
             "processing")
    disclose("request", "fee", "3", "--date", "2020-01-06", "--paid")
    for agency, count in (("czj", "3"), ("czj", "4"), ("sjj", "2")):  # czj corrected to 4
        disclose("proactive", "--agency", agency, "--year", "2015", "--item",
                 "normative_documents_made", "--count", count)

    city = disclose.json("stats", "--year", "2015", "--template", "2014")
    assert city["title"] == "政府信息公开情况统计表（国办发〔2014〕32号）一、三、四、五、六、七"
    assert [t["key"] for t in city["tables"]] == ["t1", "t3", "t4", "t5", "t6", "t7"]
    assert rows(city, "t1") == {"published": 0, "normative_published": 6,
                                "normative_made": 6, "gazette": 0, "website": 0,
                                "weibo": 0, "weixin": 0, "other_channel": 0}
    # 12.5 + 3 + 100 元 = 0.01155 万元
    assert rows(city, "t7") == {"fees": "0.01155"}
    unit = disclose.json("stats", "--year", "2015", "--template", "2014", "--agency", "czj")
    assert (rows(unit, "t1")["normative_made"], rows(unit, "t7")["fees"]) == (4, "0.00155")
    assert rows(disclose.json("stats", "--year", "2019", "--template", "2014"),
                "t7") == {"fees": "0"}
    assert rows(disclose.json("stats", "--year", "2020", "--template", "2014"),
                "t7") == {"fees": "0.02"}
    text = disclose("stats", "--year", "2015", "--template", "2014").stdout
    assert "七、依申请公开信息收取的费用（万元）" in text and "0.01155" in text


def test_letter_event_option_reaches_every_fee_event_id() -> None:
    """`request letter --event N` takes the ids fee rows give their events (a notice's
    letter is chosen by it); the command's bound is written out so --help reads no core."""
    from qth_disclosure.commands.common import MAX_EVENT_ID, MAX_ROW_ID
    from qth_disclosure.core.fees import FEE_EVENT_IDS

    assert MAX_EVENT_ID == FEE_EVENT_IDS + MAX_ROW_ID

"""`disclose publish`: what the 重点领域信息公开专栏 shows (accepted, cleared, never voided or
withheld) on both ledger backends, the same bytes for the same day, escaped text, and a
directory that holds only what publish made."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from qth_disclosure import queries
from qth_disclosure.core.publication import published
from qth_disclosure.ledger import Clearance, Ledger, NewSubmission, Review, Stamp, Submission, Void
from qth_disclosure.registry import Registry
from qth_disclosure.site.directory import HEADER, MARKER

STAMP = Stamp(datetime(2015, 9, 1, 9, 30, tzinfo=timezone.utc), "王芳", "wangf")
SITE_FILES = ["area-1.html", "area-2.html", "area-3.html", "area-4.html", "area-5.html",
              "area-6.html", "area-7.html", "area-8.html", "index.html", "overview.html",
              "rank.html", "site.css"]
FINANCE = "area-2.html"  # 2.推进财政信息公开: K2-1 (市财政局), K2-2 (市审计局)


def publish(disclose, out: Path, as_of: str = "2015-09-10", code: int = 0):
    return disclose("publish", "--out", str(out), "--as-of", as_of, code=code)


def page(out: Path, name: str = FINANCE) -> str:
    return (out / name).read_text(encoding="utf-8")


def digest(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def report(disclose, agency: str, task: str, month: str, received: str, summary: str,
           *links: str) -> int:
    args = [a for link in links for a in ("--link", link)]
    return int(disclose.json("submit", "--agency", agency, "--task", task, "--month", month,
                             "--summary", summary, "--received", received, *args)["id"])


def review(disclose, submission: int, verdict: str, day: str) -> None:
    disclose("review", str(submission), f"--{verdict}", "--comment", "审核", "--date", day)


# ---------------------------------------------------------------- what is published


def test_publish_only_what_the_office_accepted(disclose, tmp_path: Path) -> None:
    accepted = report(disclose, "czj", "K2-1", "2015-08", "2015-08-28", "八月预算执行情况已公开")
    returned = report(disclose, "sjj", "K2-2", "2015-08", "2015-08-28", "八月审计结果公告")
    report(disclose, "sjj", "K2-2", "2015-07", "2015-07-28", "七月审计整改情况，尚未审核")
    review(disclose, accepted, "accept", "2015-09-01")
    review(disclose, returned, "return", "2015-09-01")
    publish(disclose, tmp_path / "site")
    shown = page(tmp_path / "site")
    assert "八月预算执行情况已公开" in shown
    assert "八月审计结果公告" not in shown
    assert "七月审计整改情况" not in shown
    assert "审核通过：2015年9月1日" in shown


def test_publish_as_of_ignores_a_later_acceptance(disclose, tmp_path: Path) -> None:
    accepted = report(disclose, "czj", "K2-1", "2015-08", "2015-08-28", "八月预算执行情况已公开")
    review(disclose, accepted, "accept", "2015-09-05")
    publish(disclose, tmp_path / "before", "2015-09-04")
    publish(disclose, tmp_path / "after", "2015-09-05")
    assert "八月预算执行情况已公开" not in page(tmp_path / "before")
    assert "八月预算执行情况已公开" in page(tmp_path / "after")


@pytest.mark.parametrize(("results", "shown"), [
    ([], True),
    (["passed"], True),
    (["withheld"], False),
    (["withheld", "passed"], False),  # a withheld report stays off; a revision may follow
    (["passed", "withheld"], False),
])
def test_publish_clearance_where_recorded(disclose, tmp_path: Path, results: list[str],
                                          shown: bool) -> None:
    accepted = report(disclose, "czj", "K2-1", "2015-08", "2015-08-28", "八月预算执行情况已公开")
    review(disclose, accepted, "accept", "2015-09-01")
    for day, result in enumerate(results, 2):
        disclose("clear", str(accepted), "--result", result, "--date", f"2015-09-0{day}")
    publish(disclose, tmp_path / "site")
    assert ("八月预算执行情况已公开" in page(tmp_path / "site")) is shown
    if results == ["passed"]:
        assert "保密审查通过：2015年9月2日" in page(tmp_path / "site")


def test_publish_never_a_voided_report(disclose, tmp_path: Path) -> None:
    accepted = report(disclose, "czj", "K2-1", "2015-08", "2015-08-28", "八月预算执行情况已公开")
    review(disclose, accepted, "accept", "2015-09-01")
    disclose("void", str(accepted), "--reason", "报错了单位", "--date", "2015-09-08")
    publish(disclose, tmp_path / "before", "2015-09-07")
    publish(disclose, tmp_path / "after", "2015-09-08")
    assert "八月预算执行情况已公开" in page(tmp_path / "before")
    assert "八月预算执行情况已公开" not in page(tmp_path / "after")


def test_publish_the_newest_accepted_revision(disclose, tmp_path: Path) -> None:
    first = report(disclose, "czj", "K2-1", "2015-08", "2015-08-28", "八月预算执行情况初稿")
    review(disclose, first, "accept", "2015-09-01")
    revised = report(disclose, "czj", "K2-1", "2015-08", "2015-09-02", "八月预算执行情况修订稿")
    publish(disclose, tmp_path / "unreviewed")  # the revision awaits its review
    review(disclose, revised, "accept", "2015-09-03")
    publish(disclose, tmp_path / "reviewed")
    assert "初稿" in page(tmp_path / "unreviewed")
    assert "修订稿" not in page(tmp_path / "unreviewed")
    assert "修订稿" in page(tmp_path / "reviewed")
    assert "初稿" not in page(tmp_path / "reviewed")


def test_publish_each_lead_of_a_shared_task(disclose, tmp_path: Path) -> None:
    """5(4) is led by 市卫生计生委 and 市人社局 separately: each lead's report by its name."""
    for agency, summary in (("wjw", "医疗服务价格信息"), ("rsj", "医保基金收支信息")):
        review(disclose, report(disclose, agency, "K5-4", "2015-08", "2015-08-28", summary),
               "accept", "2015-09-01")
    publish(disclose, tmp_path / "site")
    health = page(tmp_path / "site", "area-5.html")
    assert re.search(r"市卫生计生委</h5>\n<p class=\"summary\">医疗服务价格信息", health)
    assert re.search(r"市人社局</h5>\n<p class=\"summary\">医保基金收支信息", health)


def test_publish_the_large_ledger_reads_as_the_small(disclose, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A ledger large enough for indexed probes publishes the same site."""
    accepted = report(disclose, "czj", "K2-1", "2015-08", "2015-08-28", "八月预算执行情况已公开")
    review(disclose, accepted, "accept", "2015-09-01")
    report(disclose, "sjj", "K2-2", "2015-08", "2015-09-02", "八月审计结果公告")
    publish(disclose, tmp_path / "scanned")
    monkeypatch.setattr(queries, "SCAN_ROWS_PER_DELIVERABLE", 0)
    publish(disclose, tmp_path / "probed")
    assert digest(tmp_path / "scanned") == digest(tmp_path / "probed")


def test_published_rules_in_memory(registry: Registry) -> None:
    """The selection itself: the review in force by the day, clearances and voids by the
    day, a revision superseding, and what the plan does not owe left out."""
    def row(sid: int, received: str, agency: str = "czj", task: str = "K2-1",
            month: str = "2015-08") -> Submission:
        return Submission("qth-2015", "monthly", agency, task, month,
                          date.fromisoformat(received), f"#{sid}", id=sid)

    def verdict(rid: int, sid: int, what: str, day: str) -> Review:
        return Review(sid, what, "c", date.fromisoformat(day), id=rid)

    rows = [row(1, "2015-08-28"), row(2, "2015-09-02"), row(3, "2015-08-28", "sjj", "K2-2"),
            row(4, "2015-08-28", "czj", "K2-2"), row(5, "2015-08-28", "gtj", "K3-1")]
    reviews = [verdict(1, 1, "accept", "2015-09-01"), verdict(2, 2, "accept", "2015-09-03"),
               verdict(3, 2, "return", "2015-09-09"), verdict(4, 3, "accept", "2015-09-01"),
               verdict(5, 4, "accept", "2015-09-01"), verdict(6, 5, "accept", "2015-09-01")]
    voids = [Void(3, "错报", date(2015, 9, 12), id=1)]
    clearances = [Clearance(5, "withheld", "", date(2015, 9, 11), id=1)]

    def on(day: str) -> dict[str, int]:
        found = published(registry, rows, reviews, voids, clearances, date.fromisoformat(day))
        return {f"{key[1]} {key[2]}": p.submission.id for key, p in found.items()}

    # czj does not lead K2-2: its row #4 is nothing the plan owes
    assert on("2015-09-02") == {"czj K2-1": 1, "sjj K2-2": 3, "gtj K3-1": 5}
    assert on("2015-09-08") == {"czj K2-1": 2, "sjj K2-2": 3, "gtj K3-1": 5}
    # #2 returned on 9-09: #1, still accepted, stands again
    assert on("2015-09-10") == {"czj K2-1": 1, "sjj K2-2": 3, "gtj K3-1": 5}
    assert on("2015-09-12") == {"czj K2-1": 1}


# ---------------------------------------------------------------- the overview and ranking


def test_publish_overview_rates_as_the_report_gives_them(august, disclose,
                                                         tmp_path: Path) -> None:
    rates = disclose.json("report", "--as-of", "2015-09-10")["on_time_rates"]
    publish(disclose, tmp_path / "site")
    overview = page(tmp_path / "site", "overview.html")
    for rate in rates:
        month = f"{int(rate['month'][5:])}月"
        assert (f"<tr><th scope=\"row\">{month}份</th><td>{rate['owed']}</td>"
                f"<td>{rate['on_time']}</td><td>{rate['rate']}%</td>") in overview
        assert f">{rate['rate']}%</text>" in overview  # the chart's bar says it too
    assert overview.count('<rect class="bar"') == len(rates) == 2


def test_publish_overview_grid_states(august, disclose, tmp_path: Path) -> None:
    publish(disclose, tmp_path / "site")
    overview = page(tmp_path / "site", "overview.html")
    sjj = re.search(r"<tr><th scope=\"row\">市审计局.*?</tr>", overview)
    assert sjj is not None
    assert re.findall(r'class="state state-(\w+)"', sjj.group()) == [
        "missing", "late", "pending", "pending", "pending"]


def test_publish_ranking_in_rank_order(august, disclose, registry: Registry,
                                       ledger_location: str, tmp_path: Path) -> None:
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        ranked = queries.ranking(registry, ledger, date(2015, 9, 10))
    publish(disclose, tmp_path / "site")
    rows = re.findall(r'<tr><td class="rank">(\d+)</td><th scope="row">([^<]+)</th>',
                      page(tmp_path / "site", "rank.html"))
    assert rows == [(str(r.rank), registry.agency(r.agency).name) for r in ranked]
    assert "本细则为示例" in page(tmp_path / "site", "rank.html")


def test_publish_without_scoring_rules(disclose, registry_copy: Path, tmp_path: Path) -> None:
    tasks = registry_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text[:text.index("\nscoring:")] + "\n", encoding="utf-8")
    disclose("--registry", str(registry_copy), "publish", "--out", str(tmp_path / "site"),
             "--as-of", "2015-09-10")
    assert "登记册未设考核细则" in page(tmp_path / "site", "rank.html")


# ---------------------------------------------------------------- bytes and escaping


def test_publish_same_day_same_bytes(august, disclose, tmp_path: Path) -> None:
    review(disclose, 1, "accept", "2015-09-01")
    publish(disclose, tmp_path / "one")
    publish(disclose, tmp_path / "two")
    first = digest(tmp_path / "one")
    publish(disclose, tmp_path / "one")  # again into the same directory
    assert digest(tmp_path / "one") == first == digest(tmp_path / "two")
    assert sorted(first) == sorted([MARKER, *SITE_FILES])
    publish(disclose, tmp_path / "later", "2015-09-11")
    assert digest(tmp_path / "later")["index.html"] != first["index.html"]


def test_publish_stored_text_never_becomes_markup(disclose, tmp_path: Path) -> None:
    accepted = report(disclose, "czj", "K2-1", "2015-08", "2015-08-28",
                      '<script>alert(1)</script><b>粗</b> & "引号"\u202e倒序',
                      "https://czj.qth.gov.cn/a?b=1&c=2")
    review(disclose, accepted, "accept", "2015-09-01")
    publish(disclose, tmp_path / "site")
    shown = page(tmp_path / "site")
    assert ("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt; &amp; &#34;引号&#34;"
            "\\u202e倒序") in shown
    assert "<script" not in shown and "<b>" not in shown
    assert '<a href="https://czj.qth.gov.cn/a?b=1&amp;c=2">' in shown


@pytest.mark.parametrize("link", ["javascript:alert(1)", " JavaScript:alert(1)",
                                  "data:text/html,<b>x</b>", "ftp://czj.qth.gov.cn/x",
                                  "http://", "//czj.qth.gov.cn/x"])
def test_publish_a_link_not_http_is_text(ledger_location: str, disclose, tmp_path: Path,
                                        link: str) -> None:
    """A row written around `submit` (which refuses such links) shows its link as text."""
    with Ledger.open(ledger_location, for_writing=True) as ledger:
        row = ledger.add_submission(NewSubmission(
            "qth-2015", "monthly", "czj", "K2-1", "2015-08", date(2015, 8, 28), "八月预算",
            (link, "http://czj.qth.gov.cn/ok")), STAMP)
    review(disclose, row.id, "accept", "2015-09-01")
    publish(disclose, tmp_path / "site")
    shown = page(tmp_path / "site")
    assert re.findall(r'href="([^"]*)"', shown.split('<main id="main"')[1]) == [
        "index.html", "#task-K2-1", "#task-K2-2", "http://czj.qth.gov.cn/ok", "index.html"]
    assert '<span class="not-link">' in shown


# ---------------------------------------------------------------- the directory


def test_publish_creates_the_directory(disclose, tmp_path: Path) -> None:
    out = publish(disclose, tmp_path / "site")
    assert out.stdout == (f"published the key areas' column to {tmp_path / 'site'}: 12 files "
                          "(as of 2015-09-10)\n")
    assert (tmp_path / "site" / MARKER).read_text(encoding="utf-8").splitlines() == [
        HEADER, *SITE_FILES]


def test_publish_into_an_empty_directory(disclose, tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    publish(disclose, tmp_path / "site")
    assert sorted(os.listdir(tmp_path / "site")) == sorted([MARKER, *SITE_FILES])


@pytest.mark.parametrize("foreign", ["notes.txt", "index.html", "sub/"])
def test_publish_refuses_a_directory_with_others_files(disclose, tmp_path: Path,
                                                       foreign: str) -> None:
    out = tmp_path / "site"
    out.mkdir()
    if foreign.endswith("/"):
        (out / foreign).mkdir()
    else:
        (out / foreign).write_text("mine", encoding="utf-8")
    before = digest(out) if not foreign.endswith("/") else {}
    refused = publish(disclose, out, code=1)
    assert refused.stderr == (
        f"error: directory {out} holds files publish did not make ({foreign.rstrip('/')}); "
        "so as not to overwrite or remove them, choose an empty or new directory for --out\n")
    assert sorted(os.listdir(out)) == [foreign.rstrip("/")]
    assert before == ({} if foreign.endswith("/") else digest(out))


def test_publish_refuses_a_file_added_to_its_own_directory(disclose, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(disclose, out)
    (out / "photo.png").write_bytes(b"\x89PNG")
    before = digest(out)
    refused = publish(disclose, out, code=1)
    assert "(photo.png)" in refused.stderr
    assert digest(out) == before


def test_publish_refuses_a_link_in_place_of_its_file(disclose, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(disclose, out)
    mine = tmp_path / "mine.html"
    mine.write_text("mine", encoding="utf-8")
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(mine)
    assert "(index.html)" in publish(disclose, out, code=1).stderr
    assert mine.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("marker", ["index.html\n", f"{HEADER}\n../outside.html\n"])
def test_publish_refuses_a_list_it_did_not_write(disclose, tmp_path: Path,
                                                 marker: str) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text(marker, encoding="utf-8")
    refused = publish(disclose, out, code=1)
    assert refused.stderr == (
        f"error: {MARKER} in directory {out} is not the list of files publish writes; "
        "choose an empty or new directory for --out\n")
    assert os.listdir(out) == [MARKER]


def test_publish_removes_its_own_files_it_no_longer_has(disclose, tmp_path: Path) -> None:
    """A page of the last publish that this one lacks (an area the registry dropped)."""
    out = tmp_path / "site"
    publish(disclose, out)
    (out / "area-9.html").write_text("old", encoding="utf-8")
    (out / MARKER).write_text("\n".join([HEADER, "area-9.html", *SITE_FILES]) + "\n",
                              encoding="utf-8")
    (out / ".index.html.x1y2z3.part").write_bytes(b"half")  # a publish broken off
    result = publish(disclose, out)
    assert result.stderr == ("removed files of the last publish that this one no longer "
                             "has: area-9.html\n")
    assert sorted(os.listdir(out)) == sorted([MARKER, *SITE_FILES])


@pytest.mark.parametrize(("where", "error"), [
    ("missing/site", "the directory {out} is in does not exist; create it or choose another "
                     "--out"),
    ("file", "{out} is not a directory; choose a directory for --out"),
])
def test_publish_refuses_where_it_cannot_write(disclose, tmp_path: Path, where: str,
                                               error: str) -> None:
    out = tmp_path / where
    if where == "file":
        out.write_text("mine", encoding="utf-8")
    refused = publish(disclose, out, code=1)
    assert refused.stderr == "error: " + error.format(out=out) + "\n"
    assert not (tmp_path / "missing").exists()


def test_publish_refuses_a_future_day(disclose, tmp_path: Path) -> None:
    refused = publish(disclose, tmp_path / "site", "2016-03-02", code=1)
    assert "2016-03-02" in refused.stderr
    assert not (tmp_path / "site").exists()


def test_publish_without_a_ledger_leaves_no_directory(cli, tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    refused = cli("--db", str(missing), "publish", "--out", str(tmp_path / "site"),
                  "--as-of", "2015-09-10", code=1)
    assert f"no ledger at {missing}" in refused.stderr
    assert not (tmp_path / "site").exists()


def test_publish_in_chinese(disclose, tmp_path: Path) -> None:
    out = disclose("--lang", "zh", "publish", "--out", str(tmp_path / "site"), "--as-of",
                   "2015-09-10")
    assert out.stdout == (f"已发布重点领域信息公开专栏：{tmp_path / 'site'}，共 12 个文件"
                          "（信息截至 2015-09-10）\n")

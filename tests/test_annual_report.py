"""`disclose annual-report`: the 年度报告 draft read back (python-docx, markdown), every table's
figures against what `disclose stats` prints for the same year and unit."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest
from test_documents import INTERNAL, all_text, assert_gb9704_page, east_asian, read
from test_stats import build_2015

from qth_disclosure import calendar
from qth_disclosure.core.annual_report import SECTIONS_2008, SECTIONS_2021

HEADINGS_2008 = [h for h, _ in SECTIONS_2008]
HEADINGS_2021 = [h for h, _ in SECTIONS_2021]


def stats_rows(data: dict[str, Any]) -> dict[str, list[list[str]]]:
    """Each table of `disclose stats --format json` as the rows a report prints: the label,
    then the figures column by column (a heading row has none)."""
    out = {}
    for table in data["tables"]:
        keys = [c["key"] for c in table["columns"]]
        out[table["key"]] = [[r["label"], *(str(r["values"][k]) if not r["heading"] else ""
                                            for k in keys)] for r in table["rows"]]
    return out


def docx_tables(document: Any) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def assert_tables_match(found: list[list[list[str]]], data: dict[str, Any]) -> None:
    """Every stats table is one of the report's, its rows (under its heading rows) equal."""
    for key, rows in stats_rows(data).items():
        matching = [t for t in found if [r[0] for r in t[-len(rows):]] == [r[0] for r in rows]]
        assert len(matching) == 1, key
        assert matching[0][-len(rows):] == rows, key


def headings(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs
            if p.runs and east_asian(p.runs[0]) == "黑体" and p.text[:2][-1:] == "、"]


def test_annual_report_2015_docx(disclose, tmp_path, ledger_rows) -> None:
    build_2015(disclose)
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-31")
    before = ledger_rows()
    out = tmp_path / "czj-2015.docx"
    done = disclose("annual-report", "--year", "2015", "--agency", "czj", "--out", str(out),
                    "--as-of", "2016-03-01")
    assert done.stderr.startswith(f"wrote the 2015 annual report of czj (市财政局) to {out}")
    assert ledger_rows() == before  # read-only
    document = read(out)
    assert_gb9704_page(document)
    title = document.paragraphs[0]
    assert title.text == "七台河市财政局2015年\n政府信息公开工作年度报告"
    assert east_asian(title.runs[0]) == "方正小标宋简体"
    assert headings(document) == HEADINGS_2008
    data = disclose.json("stats", "--year", "2015", "--agency", "czj")
    found = docx_tables(document)
    assert_tables_match(found, data)
    assert len(found) == len(data["tables"]) + 1  # and the plan's progress
    (progress,) = [t for t in found if t[0][0] == "报送事项"]
    assert progress[0] == ["报送事项", "报送期限", "报送日期", "情况"]
    assert progress[3] == ["2015年8月份月报（预决算、“三公”经费和政府采购信息公开）",
                           "2015年8月31日", "2015年8月31日", "按时报送"]
    assert [r[3] for r in progress[1:]] == ["未报送", "未报送", "按时报送", *["未报送"] * 4]
    text = all_text(document)
    assert "本单位2015年应报送材料7项，截至2016年3月1日，按时报送1项，未报送6项。" in text
    assert text.count("（待填写：") == len(SECTIONS_2008) + 1
    assert INTERNAL.search(text) is None, INTERNAL.search(text)


def test_annual_report_2015_city_markdown(disclose, tmp_path) -> None:
    build_2015(disclose)
    out = tmp_path / "city-2015.md"
    disclose("annual-report", "--year", "2015", "--out", str(out), "--as-of", "2016-03-01")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 七台河市人民政府2015年政府信息公开工作年度报告\n")
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == HEADINGS_2008
    for rows in stats_rows(disclose.json("stats", "--year", "2015")).values():
        for row in rows:
            assert "| " + " | ".join(row) + " |" in text, row
    assert "| 市财政局 | 7 |" in text and "七台河市人民政府办公室  \n（待填写：成文日期）" in text
    assert INTERNAL.search(text) is None, INTERNAL.search(text)


def test_annual_report_2015_counts_fees_and_proactive_figures_as_stats(disclose,
                                                                      tmp_path) -> None:
    """Sections 一 and 七 of the 2014 form from the figures and fees recorded: the report
    and `stats` count them alike (they share one query)."""
    build_2015(disclose)
    disclose("request", "fee", "1", "--date", "2015-10-09", "--amount", "125", "--item",
             "copy")
    disclose("proactive", "--agency", "czj", "--year", "2015", "--item",
             "normative_documents_made", "--count", "4")
    out = tmp_path / "city-2015.md"
    disclose("annual-report", "--year", "2015", "--out", str(out), "--as-of", "2016-03-01")
    text = out.read_text(encoding="utf-8")
    shown = disclose.json("stats", "--year", "2015")
    figures = {r["key"]: r["values"] for t in shown["tables"] for r in t["rows"]
               if t["key"] in ("t1", "t7") and not r["heading"]}
    assert figures["normative_made"] == {"count": 4} and figures["fees"] == {"amount": "0.0125"}
    for rows in stats_rows(shown).values():
        for row in rows:
            assert "| " + " | ".join(row) + " |" in text, row


@pytest.fixture
def year_2021(disclose, monkeypatch: pytest.MonkeyPatch) -> None:
    """2021 under the 2019 Regulations: czj's applications and its table 二 figures."""
    monkeypatch.setattr(calendar, "today", lambda tz: date(2022, 6, 30))
    for received, kind in (("2021-03-01", "natural_person"),
                           ("2021-05-06", "commercial_enterprise"),
                           ("2021-12-27", "natural_person")):
        disclose("request", "add", "--agency", "czj", "--received", received, "--subject",
                 "部门预算", "--applicant-kind", kind)
    disclose("request", "answer", "1", "--date", "2021-03-10", "--outcome", "disclosed")
    disclose("request", "answer", "2", "--date", "2021-05-20", "--outcome", "not_disclosed",
             "--ground", "commercial_secret", "--reason", "理由", "--basis", "《条例》")
    disclose("request", "appeal", "2", "--kind", "reconsideration", "--date", "2021-06-01",
             "--result", "upheld")
    for item, count in (("licences", "131"), ("fees", "12.5"), ("regulations_made", "2")):
        disclose("proactive", "--agency", "czj", "--year", "2021", "--item", item,
                 "--count", count)


def test_annual_report_2021_docx(disclose, year_2021, tmp_path) -> None:
    out = tmp_path / "czj-2021.docx"
    disclose("annual-report", "--year", "2021", "--agency", "市财政局", "--out", str(out))
    document = read(out)
    assert_gb9704_page(document)
    assert headings(document) == HEADINGS_2021
    data = disclose.json("stats", "--year", "2021", "--agency", "czj")
    found = docx_tables(document)
    assert_tables_match(found, data)
    # table 二's four blocks, under their articles
    blocks = [t for t in found if t[0][0].startswith("第二十条")]
    assert [t[0][0] for t in blocks] == ["第二十条第（一）项", "第二十条第（五）项",
                                         "第二十条第（六）项", "第二十条第（八）项"]
    assert blocks[0][1] == ["规章", "2", "0", "0"] and blocks[1][1] == ["行政许可", "131"]
    assert blocks[3][1] == ["行政事业性收费", "12.5"]
    # three heading rows, as on the form: 申请人情况 over all seven applicant columns,
    # 法人或其他组织 over the five kinds of organisation, then each column's own
    (t3,) = [t for t in document.tables if t.rows[0].cells[1].text == "申请人情况"]
    band, group, own = (t3.rows[r].cells for r in range(3))
    assert all(c._tc is band[1]._tc for c in band[1:8])  # one merged cell
    assert all(c._tc is group[2]._tc for c in group[2:7]) and group[2].text == "法人或其他组织"
    assert band[0]._tc is group[0]._tc is own[0]._tc  # 项目 spans every heading row
    assert group[1]._tc is own[1]._tc and own[1].text == "自然人"  # under the band only
    assert group[7]._tc is own[7]._tc and own[7].text == "总计"
    assert [c.text for c in own][2:7] == ["商业企业", "科研机构", "社会公益组织",
                                          "法律服务机构", "其他"]
    # table 四: 行政诉讼 over the two lawsuits; 行政复议, with no band, takes both rows above
    # its columns
    (t4,) = [t for t in document.tables if len(t.columns) == 16]
    band, group, own = (t4.rows[r].cells for r in range(3))
    assert band[1]._tc is group[5]._tc and band[1].text == "行政复议"
    assert all(c._tc is band[6]._tc for c in band[6:16]) and band[6].text == "行政诉讼"
    assert [group[k].text for k in (6, 11)] == ["未经复议直接起诉", "复议后起诉"]
    assert group[6]._tc is group[10]._tc and group[11]._tc is group[15]._tc
    assert [c.text for c in own][1:6] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert t4.rows[3].cells[0].text == "案件数"
    # the 2021 form names its tables as its sections: no caption repeats the heading
    text = all_text(document)
    assert text.count("三、收到和处理政府信息公开申请情况") == 1
    assert "2021年《2015年七台河市政府信息公开工作方案》（七政办发〔2015〕23号）未规定" in text
    # section 六 reports the 信息处理费 (30号): none charged this year
    assert "（二）收取信息处理费的情况\n本年度未收取信息处理费。" in text
    assert INTERNAL.search(text) is None, INTERNAL.search(text)


def test_annual_report_2021_markdown(disclose, year_2021, tmp_path) -> None:
    out = tmp_path / "czj-2021.md"
    disclose("annual-report", "--year", "2021", "--agency", "czj", "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == HEADINGS_2021
    assert "| 行政许可 | 131 |" in text
    assert text.count("本年度未收取信息处理费。") == 1
    # one heading row: a column's band and group go before its own heading
    assert "| 项目 | 申请人情况：自然人 | 申请人情况：法人或其他组织：商业企业 |" in text
    assert "| 行政复议：总计 | 行政诉讼：未经复议直接起诉：结果维持 |" in text
    for rows in stats_rows(disclose.json("stats", "--year", "2021", "--agency", "czj")).values():
        for row in rows:
            assert "| " + " | ".join(row) + " |" in text, row


def test_annual_report_2021_reports_processing_fees(disclose, year_2021, tmp_path) -> None:
    """Section 六: the 信息处理费 notices and payments of the year, the unit's or the city's."""
    disclose("request", "fee", "3", "--date", "2021-12-28", "--amount", "1100", "--item",
             "processing")
    disclose("request", "fee", "3", "--date", "2021-12-30", "--paid")
    disclose("request", "add", "--agency", "mzj", "--received", "2021-06-01", "--subject", "低保")
    disclose("request", "fee", "4", "--date", "2021-06-02", "--amount", "200.5", "--item",
             "processing")  # never paid
    disclose("request", "add", "--agency", "czj", "--received", "2020-12-01", "--subject", "预算")
    disclose("request", "fee", "5", "--date", "2020-12-02", "--amount", "300", "--item",
             "processing")  # another year's notice
    unit = tmp_path / "czj-2021.md"
    disclose("annual-report", "--year", "2021", "--agency", "czj", "--out", str(unit))
    text = unit.read_text(encoding="utf-8")
    six = text[text.index("## 六、其他需要报告的事项"):]
    assert ("本年度发出信息处理费收费通知1件，金额合计1100元；实际收取信息处理费1件，合计1100元。"
            in six)
    assert "未收取信息处理费" not in text
    city = tmp_path / "city-2021.docx"
    disclose("annual-report", "--year", "2021", "--out", str(city))
    assert ("本年度发出信息处理费收费通知2件，金额合计1300.50元；实际收取信息处理费1件，合计"
            "1100元。" in all_text(read(city)))
    mzj = tmp_path / "mzj-2021.md"
    disclose("annual-report", "--year", "2021", "--agency", "mzj", "--out", str(mzj))
    # a notice not paid by 31 December: nothing is said of why (it may be paid in January)
    assert ("本年度发出信息处理费收费通知1件，金额合计200.50元；本年度未实际收取信息处理费。"
            in mzj.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("args", "words"), [
    (["--year", "2016"], ["--year 2016", "2015"]),  # not over on 2016-03-01
    (["--year", "2015", "--agency", "市财务局"], ["unknown agency '市财务局'", "市财政局"]),
    (["--year", "2015", "--out-suffix", ".pdf"], ["report.pdf", ".docx, .md"]),
    (["--year", "2015", "--out-suffix", ".DOCX", "--existing"], ["already exists"]),
    (["--year", "2015", "--as-of", "2015-02-30"], ["2015-02-30"]),
])
def test_annual_report_refusals(disclose, tmp_path, ledger_rows, args: list[str],
                                words: list[str]) -> None:
    suffix = ".docx"
    if "--out-suffix" in args:
        at = args.index("--out-suffix")
        suffix = args[at + 1]
        args = args[:at] + args[at + 2:]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"report{suffix}"
    if "--existing" in args:
        args.remove("--existing")
        target.write_bytes(b"kept")
    before = ledger_rows()
    result = disclose("annual-report", *args, "--out", str(target), code=1)
    assert result.stderr.count("\n") == 1 and result.stdout == "", result.stderr
    assert all(w in result.stderr for w in words), result.stderr
    assert sorted(os.listdir(folder)) == (["report.DOCX"] if target.exists() else [])
    if target.exists():
        assert target.read_bytes() == b"kept"
    assert ledger_rows() == before

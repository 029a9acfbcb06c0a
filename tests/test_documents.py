"""The documents the office and the units send, read back with python-docx: the page, the
fonts, the numbers, the 附件's figures against status, and no internal code in the text."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

BULLETIN = ["bulletin", "--month", "2015-08", "--as-of", "2015-09-10"]
# what the text must never show: task codes, unit codes, ledger ids, ISO dates, rule ids
INTERNAL = re.compile(r"\b(K\d|O\d|A1\b)|czj|sjj|wjw|rsj|szfb|#\d|第\d+号报送|\d{4}-\d{2}|"
                      r"short-summary|no-link|same-as-previous")


def read(path: Path) -> Any:
    return docx.Document(str(path))


def all_text(document: Any) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def east_asian(run: Any) -> str:
    fonts = run._r.rPr.rFonts
    return str(fonts.get(qn("w:eastAsia")))


def paragraph(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def assert_gb9704_page(document: Any) -> None:
    section = document.sections[0]

    def mm(length: Any) -> Any:  # lengths are kept in twips: within a tenth of a mm
        return pytest.approx(length / 36000, abs=0.1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.left_margin)) == (37, 28)
    # the 版心 is 156 × 225 mm
    assert mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16  # 3号
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    spacing = normal.element.rPr.find(qn("w:spacing"))
    # 28 characters of 16 pt set 0.25 pt closer fill no more than the 156 mm
    assert 28 * (16 + int(spacing.get(qn("w:val"))) / 20) <= 156 / 25.4 * 72
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert " PAGE " in footer._p.xml
    assert section.even_page_footer.paragraphs[0].alignment == 0  # even pages: left


def test_documents_bulletin_docx_is_the_gb9704_document(disclose, august, tmp_path) -> None:
    disclose(*BULLETIN)
    out = tmp_path / "通报.docx"
    disclose("bulletin", "--show", "1", "--format", "docx", "--out", str(out))
    document = read(out)
    assert_gb9704_page(document)
    mark = paragraph(document, "七台河市人民政府办公室").runs[0]
    assert str(mark.font.color.rgb) == "FF0000" and east_asian(mark) == "方正小标宋简体"
    assert paragraph(document, "七政办函〔2015〕1号").alignment == 1  # centred
    # two even lines, each of whole words
    title = paragraph(document, "七台河市人民政府办公室关于2015年8月份\n"
                                "重点领域信息公开报送情况的通报").runs[0]
    assert title.font.size.pt == 22 and east_asian(title) == "方正小标宋简体"
    heading = paragraph(document, "一、总体情况").runs[0]
    assert east_asian(heading) == "黑体"
    body = next(p for p in document.paragraphs if p.text.startswith("截至2015年9月10日"))
    assert body.runs[0].font.size.pt == 16 and east_asian(body.runs[0]) == "仿宋_GB2312"
    text = all_text(document)
    assert "附件：2015年8月份重点领域信息公开报送情况统计表" in text
    assert "抄送：市委办公室，市人大常委会办公室，市政协办公室。" in text
    assert INTERNAL.search(text) is None, INTERNAL.search(text)


def test_documents_bulletin_attachment_agrees_with_status(disclose, august, tmp_path) -> None:
    out = tmp_path / "b.docx"
    disclose(*BULLETIN, "--preview", "--format", "docx", "--out", str(out))
    (table,) = read(out).tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "牵头单位", "报送事项", "报送日期", "报送情况", "备注"]
    status = disclose.json("status", "--as-of", "2015-09-10")
    owed = [d for d in status["deliverables"] if d["kind"] == "monthly"
            and d["period"] == "2015-08" and d["agency"] != "szfb"]
    words = {"on_time": "按时报送", "late": "逾期报送", "missing": "未报送",
             "returned": "退回修改", "pending": "未到报送期限"}
    assert Counter(r[4] for r in rows[1:]) == Counter(words[d["state"]] for d in owed)
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, len(owed) + 1)]
    # the year is in the table's title
    assert ["2", "市审计局", "财政审计结果和整改情况公开", "9月2日", "逾期报送",
            "内容简略；未附链接"] in rows
    facts = disclose.json(*BULLETIN, "--preview")["facts"]
    assert (facts["owed"], facts["on_time"], facts["late"], facts["missing"],
            facts["returned"]) == (15, 2, 1, 11, 1)


def test_documents_show_is_as_issued_after_backdated_rows(disclose, august, tmp_path) -> None:
    issued = disclose(*BULLETIN).stdout
    first = tmp_path / "first.docx"
    disclose("bulletin", "--show", "1", "--format", "docx", "--out", str(first))
    # a report that arrived on 9 September, recorded only now
    disclose.monthly("gtj", "K3-1", "2015-08", "2015-09-09", "公开了土地供应计划和出让结果公告")
    assert disclose("bulletin", "--show", "1").stdout == issued
    again = tmp_path / "again.docx"
    disclose("bulletin", "--show", "1", "--format", "docx", "--out", str(again))
    assert all_text(read(again)) == all_text(read(first))
    assert "逾期报送2家次" in disclose(*BULLETIN, "--preview").stdout  # a new one would differ
    assert "逾期报送1家次" in issued


def test_documents_brief_form_is_the_registry_s_choice(disclose, august, registry_copy,
                                                       tmp_path) -> None:
    tasks = registry_copy / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "  form: official ", "  form: brief "), encoding="utf-8")
    out = tmp_path / "brief.docx"
    shown = disclose.json("--registry", str(registry_copy), *BULLETIN, "--preview")
    assert shown["reference"] == "2015年第1期"
    assert shown["text"].startswith(
        "工作通报\n2015年第1期\n七台河市人民政府办公室　　2015年9月10日\n")
    disclose("--registry", str(registry_copy), *BULLETIN, "--preview", "--format", "docx",
             "--out", str(out))
    mark = paragraph(read(out), "工作通报").runs[0]
    assert str(mark.font.color.rgb) == "FF0000"


def test_documents_numbers_count_per_year(disclose, august) -> None:
    disclose(*BULLETIN)
    assert disclose.json("bulletin", "--month", "2015-09", "--as-of", "2015-10-09")[
        "reference"] == "七政办函〔2015〕2号"
    assert disclose.json("bulletin", "--month", "2015-11", "--as-of", "2016-01-05")[
        "reference"] == "七政办函〔2016〕1号"
    listed = disclose.json("bulletin", "--list")
    assert listed[0]["title"].startswith("七台河市人民政府办公室关于2015年8月份")


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--format", "docx"], 2, "--out FILE.docx"),
    (["--format", "docx", "--out", "x.txt"], 1, "must end in .docx"),
    (["--show", "1", "--month", "2015-08"], 2, "--show takes no"),
])
def test_documents_bulletin_refusals(disclose, args, code, words) -> None:
    result = disclose(*(["bulletin", *args] if "--show" in args else [*BULLETIN, *args]),
                      code=code)
    assert words in result.stderr and result.stdout == ""


@pytest.mark.parametrize("kind", ["bulletin", "letter"])
def test_documents_a_docx_name_writes_the_docx(disclose, august, tmp_path, kind) -> None:
    """`--out X.docx` alone writes the office's .docx, as annual-report and export read a
    format from the name; another format named for a .docx file is refused, nothing
    written or issued."""
    if kind == "letter":
        number = str(application(disclose))
        disclose("request", "answer", number, "--date", "2015-09-15", "--outcome",
                 "disclosed")
        command = ["request", "letter", number]
    else:
        command = list(BULLETIN)
    refused = tmp_path / "refused.docx"
    result = disclose(*command, "--format", "markdown", "--out", str(refused), code=2)
    assert (f"--out {refused} names a .docx file but --format is markdown"
            in result.stderr)
    assert not refused.exists()
    out = tmp_path / "written.docx"
    disclose(*command, "--out", str(out))
    assert zipfile.is_zipfile(out)
    assert "七台河" in all_text(read(out))


def test_documents_show_of_a_bulletin_never_issued(disclose) -> None:
    assert "no bulletin No. 4 was issued" in disclose("bulletin", "--show", "4", code=1).stderr


def test_documents_an_existing_file_is_never_overwritten(disclose, august, tmp_path) -> None:
    out = tmp_path / "b.docx"
    out.write_bytes(b"keep")
    result = disclose(*BULLETIN, "--format", "docx", "--out", str(out), code=1)
    assert "already exists" in result.stderr and out.read_bytes() == b"keep"
    assert disclose.json("bulletin", "--list") == []  # refused before anything was issued


# ---------------------------------------------------------------- letters


def application(disclose, agency: str = "czj", received: str = "2015-09-01") -> int:
    data = disclose.json("request", "add", "--agency", agency, "--received", received,
                         "--subject", "2015年市本级部门预算调整情况", "--applicant", "张伟")
    return int(data["id"])


REFUSE = ["--reason", "含有供应商的报价和技术方案",
          "--basis", "《中华人民共和国政府信息公开条例》第十四条"]


@pytest.mark.parametrize(("outcome", "extra", "title", "finding"), [
    ("disclosed", [], "政府信息公开申请答复书", "属于公开范围"),
    ("partly_disclosed", REFUSE, "政府信息部分公开告知书", "能够作区分处理"),
    ("not_disclosed", [*REFUSE, "--ground", "commercial_secret"], "政府信息不予公开告知书",
     "涉及商业秘密，属于不予公开的范围"),
    ("not_exist", REFUSE, "政府信息不存在告知书", "政府信息不存在"),
    ("not_held", REFUSE, "非本机关政府信息告知书", "不属于本机关公开的范围"),
    ("not_government_information", REFUSE, "非政府信息告知书", "所指的政府信息"),
])
def test_documents_letter_for_each_answer(disclose, tmp_path, outcome, extra, title,
                                          finding) -> None:
    number = application(disclose)
    disclose("request", "answer", str(number), "--date", "2015-09-15", "--outcome", outcome,
             *extra)
    out = tmp_path / "letter.docx"
    disclose("request", "letter", str(number), "--format", "docx", "--out", str(out))
    document = read(out)
    assert_gb9704_page(document)
    assert east_asian(paragraph(document, title).runs[0]) == "方正小标宋简体"
    text = all_text(document)
    assert "市财政局依申请公开〔2015〕1号" in text and "张伟：" in text and finding in text
    remedy = "自收到本" in text and "60日内向七台河市人民政府或者上一级主管部门申请行政复议" in text
    assert remedy == (outcome != "disclosed")
    if outcome != "disclosed":
        assert "六个月内向人民法院提起行政诉讼" in text
        assert "理由：含有供应商的报价和技术方案。" in text
    assert text.count("七台河市财政局") == 1 and "2015年9月15日" in text
    assert INTERNAL.search(text) is None, INTERNAL.search(text)


def test_documents_letter_in_the_letter_format(disclose, tmp_path) -> None:
    """GB/T 9704-2012 信函格式: the unit's name in red 30 mm from the top, a red double line
    (thick over thin) 4 mm under it and another (thin over thick) near the bottom, both
    170 mm long; the first page shows no page number, the later ones do."""
    number = application(disclose)
    disclose("request", "answer", str(number), "--date", "2015-09-15", "--outcome",
             "not_disclosed", "--ground", "commercial_secret", *REFUSE)
    out = tmp_path / "letter.docx"
    disclose("request", "letter", str(number), "--format", "docx", "--out", str(out))
    section = read(out).sections[0]
    assert section.different_first_page_header_footer
    assert section.header_distance.mm == pytest.approx(30, abs=0.1)
    head, foot = section.first_page_header.paragraphs[0], section.first_page_footer.paragraphs[0]
    assert head.text == "七台河市财政局"
    assert head.runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert east_asian(head.runs[0]) == "方正小标宋简体"
    for p, edge, style in ((head, "bottom", "thickThinSmallGap"),
                           (foot, "bottom", "thinThickSmallGap")):
        line = p._p.pPr.find(qn("w:pBdr")).find(qn(f"w:{edge}"))
        assert (line.get(qn("w:val")), line.get(qn("w:color"))) == (style, "FF0000")
        # 7 mm out beyond each side of the 156 mm 版心: 170 mm
        ind = p._p.pPr.find(qn("w:ind"))
        assert int(ind.get(qn("w:left"))) == int(ind.get(qn("w:right"))) == -397
    assert int(head._p.pPr.find(qn("w:pBdr"))[0].get(qn("w:space"))) == 11  # 4 mm
    assert foot.text == "" and "PAGE" not in foot._p.xml
    assert "PAGE" in section.footer.paragraphs[0]._p.xml


def test_documents_letters_are_numbered_per_unit_and_year_and_recorded_once(
        disclose, ledger_rows) -> None:
    for agency in ("czj", "czj", "sjj"):
        number = application(disclose, agency)
        disclose("request", "answer", str(number), "--date", "2015-09-15", "--outcome",
                 "disclosed")
    references = [disclose.json("request", "letter", str(n))["reference"] for n in (1, 2, 3)]
    assert references == ["市财政局依申请公开〔2015〕1号", "市财政局依申请公开〔2015〕2号",
                          "市审计局依申请公开〔2015〕1号"]
    before = ledger_rows()
    assert before["documents"] == 3
    again = disclose("request", "letter", "1")
    assert "was issued before; shown as issued" in again.stderr
    assert ledger_rows() == before
    assert disclose("db", "verify").stdout.startswith("ok")


def test_documents_letters_of_the_clock(disclose) -> None:
    number = str(application(disclose))
    disclose("request", "pause", number, "--date", "2015-09-02", "--why", "clarify")
    clarify = disclose("request", "letter", number).stdout
    assert clarify.startswith("补正申请告知书\n") and "作出更改、补充" in clarify
    disclose("request", "resume", number, "--date", "2015-09-07")
    disclose("request", "extend", number, "--date", "2015-09-20", "--approved-by", "李明")
    extended = disclose("request", "letter", number).stdout
    assert extended.startswith("延期答复告知书\n") and "答复期限延长15个工作日" in extended
    due = disclose.json("request", "show", number)["due"]
    y, m, d = (int(x) for x in due.split("-"))
    assert f"本机关将于{y}年{m}月{d}日前作出答复" in extended
    assert "自收到本" not in extended  # no remedy before an answer


def test_documents_one_letter_per_event(disclose, ledger_location, direct_sql,
                                        ledger_rows) -> None:
    """Migration 20: a second letter about one event is refused in one line by the ledger
    (two writers racing past the command's own check), and by the database's unique index
    for a row made around the tool."""
    from dataclasses import replace
    from datetime import datetime, timezone

    from qth_disclosure.errors import InputError
    from qth_disclosure.ledger import Ledger, NewDocument, Stamp

    number = application(disclose)
    disclose("request", "answer", str(number), "--date", "2015-09-15", "--outcome", "disclosed")
    disclose("request", "letter", str(number))
    before = ledger_rows()
    stamp = Stamp(datetime(2015, 9, 16, tzinfo=timezone.utc), "王芳", "wangf")
    with Ledger.open(ledger_location, for_writing=True) as ledger:
        (first,) = ledger.documents("qth-2015", kind="letter")
        second = NewDocument(**{k: v for k, v in vars(first).items()
                                if k in NewDocument.__dataclass_fields__})
        with pytest.raises(InputError) as refused:
            ledger.add_document(replace(second, number=2,
                                        reference="市财政局依申请公开〔2015〕2号"), stamp)
    assert refused.value.message("en") == (
        f"application #{number}'s event #{first.content['facts']['event']} has its letter "
        "already (市财政局依申请公开〔2015〕1号); a letter is sent once per event; nothing "
        "recorded")
    assert ledger_rows() == before
    columns = ("plan, kind, issuer, series, year, number, reference, about, issued_on, "
               "content, recorded_at, recorded_by")
    with pytest.raises(Exception, match=r"UNIQUE constraint failed|documents_one_letter_per"):
        direct_sql(f"INSERT INTO documents ({columns}) SELECT plan, kind, issuer, series, "
                   f"year, 2, reference, about, issued_on, content, recorded_at, recorded_by "
                   f"FROM documents WHERE id = {first.id}")
    assert ledger_rows() == before
    assert disclose("db", "verify").stdout.startswith("ok")


def test_documents_migration_20_refuses_a_ledger_with_two_letters_for_one_event(
        ledger_path, monkeypatch) -> None:
    """A ledger made before migration 20 holding two letters about one event (only rows
    made around the tool can be) is not upgraded, and says which they are."""
    import json
    import sqlite3

    from qth_disclosure.errors import LedgerError
    from qth_disclosure.ledger import Ledger, store

    fresh = ledger_path.with_name("old.sqlite3")
    with monkeypatch.context() as before:
        before.setattr(store, "MIGRATIONS", [m for m in store.MIGRATIONS if m[0] < 20])
        before.setattr(store, "SCHEMA_VERSION", 18)
        Ledger.open(str(fresh), for_writing=True, missing="create").close()
    content = json.dumps({"facts": {"event": 7}})
    with sqlite3.connect(fresh) as db:
        for n in (1, 2):
            db.execute("INSERT INTO documents (plan, kind, issuer, series, year, number, "
                       "reference, about, issued_on, content, recorded_at, recorded_by) "
                       "VALUES ('qth-2015', 'letter', 'czj', 's', 2015, ?, 'r', 1, "
                       "'2015-09-15', ?, 'x', 'x')", (n, content))
    with pytest.raises(LedgerError) as refused:
        Ledger.open(str(fresh), for_writing=True).close()
    assert "(documents #1 and #2)" in refused.value.message("en")
    with sqlite3.connect(fresh) as db:
        assert db.execute("SELECT max(version) FROM schema_migrations").fetchone() == (19,)


def test_documents_letter_refusals(disclose) -> None:
    number = str(application(disclose))
    result = disclose("request", "letter", number, code=1)
    assert "no answer, extension, pause or fee notice yet" in result.stderr
    assert "no application #9" in disclose("request", "letter", "9", code=1).stderr


# ---------------------------------------------------------------- 收费通知书

# a fee notice's event id: after every recorded event's (core.fees.FEE_EVENT_IDS + fee id)
FEE_EVENT = 10 ** 12


@pytest.fixture
def in_2022(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from qth_disclosure import calendar

    monkeypatch.setattr(calendar, "today", lambda tz: date(2022, 6, 30))


def fee_notice(disclose, received: str = "2020-09-01", on: str = "2020-09-21") -> str:
    number = str(application(disclose, received=received))
    disclose("request", "fee", number, "--date", on, "--amount", "1100", "--item",
             "processing")
    return number


def test_documents_fee_notice_letter(disclose, in_2022, tmp_path) -> None:
    """The 2019 fee notice's letter (国办函〔2020〕109号): the item and amount, the basis, the
    last day to pay counted by hand over 2020's National Day (国办发明电〔2019〕16号: 10-01..
    10-08 off, Sun 09-27 and Sat 10-10 worked), the stop of the count, and what not paying
    does; no remedy, as it decides nothing on the request."""
    number = fee_notice(disclose)
    out = tmp_path / "fee.docx"
    disclose("request", "letter", number, "--format", "docx", "--out", str(out))
    document = read(out)
    assert_gb9704_page(document)
    title = "政府信息公开信息处理费收费通知书"
    assert east_asian(paragraph(document, title).runs[0]) == "方正小标宋简体"
    text = all_text(document)
    assert "市财政局依申请公开〔2020〕1号" in text and "张伟：" in text
    assert "你申请公开政府信息的数量、频次明显超过合理范围" in text
    assert "根据《中华人民共和国政府信息公开条例》和《政府信息公开信息处理费管理办法》的规定" \
        in text
    assert "收费项目：信息处理费；收费金额：人民币1100元。" in text
    # from 09-21 (day 0): 09-22..25 (4), Sun 09-27 (5), 09-28..30 (8), 国庆 and 中秋
    # 10-01..08, 10-09 (9), Sat 10-10 (10), 10-12..16 (15), 10-19..23 (20)
    assert "请你自本通知书发出之日起20个工作日内，即2020年10月23日前（含当日）" in text
    # 09-02..04 (3), 09-07..11 (8), 09-14..18 (13), the notice day 09-21 (14): 6 of 20 left
    assert "不计算在答复期限内；你缴纳费用后，答复期限剩余的6个工作日继续计算。" in text
    assert "逾期未缴纳的，视为放弃申请，本机关不再处理你的本次政府信息公开申请。" in text
    assert "自收到本" not in text and "行政复议" not in text  # no remedy
    assert "特此通知。" in text and "特此告知" not in text
    assert text.count("七台河市财政局") == 1 and "2020年9月21日" in text
    assert INTERNAL.search(text) is None, INTERNAL.search(text)


@pytest.mark.parametrize(("notice", "left"), [("2020-09-15", 19), ("2020-09-14", 20)])
def test_documents_fee_notice_letter_counts_from_the_corrected_application(
        disclose, in_2022, notice, left) -> None:
    """2019 art. 30: a correction restarts the count, so the days left are those of the new
    count: 补正 asked on 09-10 (day 7), the corrected application on 09-14 (day 0), the
    notice on 09-15 (day 1): 19 of 20 left; a notice on the day the correction arrived
    leaves the whole 20, not what the count before the correction had left."""
    number = str(application(disclose, received="2020-09-01"))
    disclose("request", "pause", number, "--date", "2020-09-10", "--why", "clarify")
    disclose("request", "resume", number, "--date", "2020-09-14")
    disclose("request", "fee", number, "--date", notice, "--amount", "300", "--item",
             "processing")
    text = disclose("request", "letter", number, "--preview").stdout
    assert "收费金额：人民币300元" in text and f"答复期限剩余的{left}个工作日继续计算" in text


def test_documents_fee_notice_letter_writes_money_to_the_fen(disclose, in_2022) -> None:
    number = str(application(disclose, received="2020-09-01"))
    disclose("request", "fee", number, "--date", "2020-09-02", "--amount", "200.5", "--item",
             "processing")
    text = disclose("request", "letter", number, "--preview").stdout
    assert "收费金额：人民币200.50元" in text


def test_documents_fee_notice_letter_as_json(disclose, in_2022) -> None:
    number = fee_notice(disclose)
    fees = disclose.json("request", "show", number)["fees"]
    assert [(f["kind"], f["event"]) for f in fees] == [("notice", FEE_EVENT + 1)]
    data = disclose.json("request", "letter", number)
    assert (data["event"], data["title"], data["issued"]) == (
        FEE_EVENT + 1, "政府信息公开信息处理费收费通知书", True)
    assert data["facts"]["fee"] == {"amount": "1100", "items": ["processing"],
                                    "pay_by": "2020-10-23"}
    assert data["facts"]["remedy"] is False
    assert data["text"].startswith("政府信息公开信息处理费收费通知书\n")


def test_documents_fee_notice_letter_is_chosen_and_numbered_in_the_series(
        disclose, in_2022) -> None:
    """The answer's letter wins by default; the notice's is chosen by the id the fee's event
    has; both take the unit's next numbers of the year, after another application's."""
    first = str(application(disclose, received="2020-08-03"))
    disclose("request", "answer", first, "--date", "2020-08-10", "--outcome", "disclosed")
    assert disclose.json("request", "letter", first)["reference"] == \
        "市财政局依申请公开〔2020〕1号"
    number = fee_notice(disclose)
    # a notice waiting for its payment is the latest event calling for a letter
    assert disclose.json("request", "letter", number, "--preview")["title"] == \
        "政府信息公开信息处理费收费通知书"
    disclose("request", "fee", number, "--date", "2020-10-09", "--paid")
    disclose("request", "answer", number, "--date", "2020-10-16", "--outcome", "disclosed")
    answer = disclose.json("request", "letter", number)
    assert (answer["title"], answer["reference"]) == ("政府信息公开申请答复书",
                                                      "市财政局依申请公开〔2020〕2号")
    notice = disclose.json("request", "letter", number, "--event", str(FEE_EVENT + 1))
    assert (notice["title"], notice["reference"]) == ("政府信息公开信息处理费收费通知书",
                                                      "市财政局依申请公开〔2020〕3号")
    assert notice["facts"]["dated"] == "2020-09-21"
    # the payment (a resume) calls for no letter; the valid list names the notice
    refused = disclose("request", "letter", number, "--event", str(FEE_EVENT + 2), code=1)
    assert refused.stderr.startswith(
        f"error: application #{number} has no event #{FEE_EVENT + 2} a letter is about; "
        f"its events: #{FEE_EVENT + 1} fee_notice, #")
    assert "answer" in refused.stderr and len(refused.stderr.splitlines()) == 1


def test_documents_a_2008_charge_has_no_letter(disclose, ledger_rows, tmp_path) -> None:
    number = str(application(disclose, received="2015-09-25"))
    disclose("request", "fee", number, "--date", "2015-10-09", "--amount", "12.5", "--item",
             "copy")
    assert disclose.json("request", "show", number)["fees"][0]["event"] is None
    before = ledger_rows()
    nothing = disclose("request", "letter", number, code=1)
    assert "no answer, extension, pause or fee notice yet" in nothing.stderr
    out = tmp_path / "charge.docx"
    # the charge as `request show` lists it (its fee id; a charge makes no event), and by
    # the id its event would have had
    fee = disclose.json("request", "show", number)["fees"][0]["id"]
    assert f"\n{fee} " in disclose("request", "show", number).stdout.split("Fees")[1]
    for typed in (fee, FEE_EVENT + fee):
        refused = disclose("request", "letter", number, "--event", str(typed),
                           "--format", "docx", "--out", str(out), code=1)
        assert refused.stderr == (
            f"error: application #{number} has no event #{typed} a letter is about: its fee "
            f"#{fee} is a cost charged under 中华人民共和国政府信息公开条例（国务院令第492号）, "
            "which makes no fee notice and no letter; its events: none\n")
        assert not out.exists() and ledger_rows() == before


# ---------------------------------------------------------------- 催报通知


def notices_on(ledger_location: str, day: str, **options: Any) -> Any:
    from datetime import date

    from qth_disclosure import queries
    from qth_disclosure.core.reminders import notices
    from qth_disclosure.ledger import Ledger
    from qth_disclosure.registry import load_registry, shipped_registry_dir

    registry = load_registry(shipped_registry_dir())
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        status = queries.status(registry, ledger, date.fromisoformat(day))
    return {n.agency: n for n in notices(registry, status, **options)}


def test_documents_notices_name_what_is_overdue_and_due_soon(disclose, august,
                                                             ledger_location) -> None:
    from dataclasses import replace

    from qth_disclosure.documents.docx import write
    from qth_disclosure.documents.model import render

    found = notices_on(ledger_location, "2015-09-25")
    assert "szfb" not in found  # the office reminds nobody of its own K1
    rsj = found["rsj"]
    assert [(d.deliverable.kind, d.deliverable.task, d.deliverable.period)
            for d in rsj.overdue] == [("plan", None, None), ("monthly", "K5-2", "2015-07"),
                                      ("monthly", "K5-4", "2015-07"),
                                      ("monthly", "K5-4", "2015-08")]
    assert len(rsj.due_soon) == 2  # September's two reports, due in five days
    text = render(rsj.document)
    assert "七台河市人力资源和社会保障局：" in text
    assert "2015年8月份“医疗卫生、医保和计划生育信息公开”信息，应于2015年8月31日前报送，" \
           "已逾期25天。" in text
    assert "请于2015年10月9日前补报逾期未报送的材料" in text  # five working days, 国庆 skipped
    assert INTERNAL.search(text) is None, INTERNAL.search(text)
    # czj sent August on time: its notice names only what it still owes
    assert all(d.deliverable.period != "2015-08" for d in found["czj"].overdue)
    from io import BytesIO

    document = docx.Document(BytesIO(write(replace(rsj.document,
                                                   reference="七政办函〔2015〕9号"))))
    assert_gb9704_page(document)
    assert paragraph(document, "七台河市人力资源和社会保障局：")
    assert paragraph(document, "七政办函〔2015〕9号")


def test_documents_notices_within_a_given_number_of_days(disclose, august,
                                                         ledger_location) -> None:
    found = notices_on(ledger_location, "2015-09-25", within_days=0, agency="czj")
    assert list(found) == ["czj"] and found["czj"].due_soon == ()
    assert "即将到期" not in "".join(b.text for b in found["czj"].document.body)


def test_documents_a_name_no_file_can_have_is_one_line(disclose, august) -> None:
    result = disclose(*BULLETIN, "--format", "docx", "--out", "x" * 300 + ".docx", code=1)
    assert "could not write" in result.stderr and "Traceback" not in result.stderr
    assert disclose.json("bulletin", "--list") == []


def test_documents_a_refused_issue_leaves_no_file(disclose, august, tmp_path) -> None:
    disclose(*BULLETIN)
    out = tmp_path / "again.docx"
    refused = disclose(*BULLETIN, "--format", "docx", "--out", str(out), code=1)
    assert "already issued" in refused.stderr and not out.exists()
    assert list(tmp_path.glob(".again.docx.*")) == []  # nor its temporary


def test_documents_letters_cite_the_regulations_by_title(disclose) -> None:
    number = str(application(disclose))
    disclose("request", "pause", number, "--date", "2015-09-02", "--why", "third-party")
    text = disclose("request", "letter", number, "--preview").stdout
    assert text.startswith("征求第三方意见告知书\n")
    assert "根据《中华人民共和国政府信息公开条例》的规定，征求第三方意见所需时间不计算在" in text
    assert disclose.json("request", "show", number)["events"]  # and nothing else changed
    assert "documents" not in disclose.json("db", "info")["rows"] or disclose.json(
        "db", "info")["rows"]["documents"] == 0  # a preview records nothing


@pytest.mark.parametrize(("old", "new", "words"), [
    ("  form: official ", "  form: letter ", "documents.form is 'letter'; valid: official, brief"),
    ("    bureau: 七台河市人民政府或者上一级主管部门",
     "    ministry: 国务院", "unknown key 'ministry' in documents.reconsideration"),
    ("  make_up_working_days: 5 ", "  make_up_working_days: 0 ", "make_up_working_days"),
])
def test_documents_registry_rules_are_checked(cli, registry_copy, old, new, words) -> None:
    tasks = registry_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert old in text
    tasks.write_text(text.replace(old, new), encoding="utf-8")
    result = cli("--registry", str(registry_copy), "check", code=1)
    assert "tasks.yaml:" in result.stdout + result.stderr
    assert words in result.stdout + result.stderr


# ---------------------------------------------------------------- the plan year's bulletins

KINDS = {"plan": ("2015-08-10", "七政办函〔2015〕1号", "部门方案报送情况"),
         "summary": ("2015-12-28", "七政办函〔2015〕1号", "总结报送情况"),
         "inspection": ("2016-01-25", "七政办函〔2016〕1号", "验收结果")}


@pytest.mark.parametrize("kind", list(KINDS))
def test_documents_kind_docx_is_the_gb9704_document(disclose, year, tmp_path, kind) -> None:
    day, reference, subject = KINDS[kind]
    disclose("bulletin", "--kind", kind, "--as-of", day)
    out = tmp_path / f"{kind}.docx"
    disclose("bulletin", "--show", "1", "--format", "docx", "--out", str(out))
    document = read(out)
    assert_gb9704_page(document)
    assert paragraph(document, reference).alignment == 1
    title = next(p for p in document.paragraphs if p.text.startswith("七台河市人民政府办公室关于"))
    assert title.text.replace("\n", "") == \
        f"七台河市人民政府办公室关于2015年政府信息公开工作{subject}的通报"
    assert "\n" in title.text  # two lines, broken at a word
    assert title.runs[0].font.size.pt == 22 and east_asian(title.runs[0]) == "方正小标宋简体"
    assert east_asian(paragraph(document, "一、总体情况").runs[0]) == "黑体"
    body = next(p for p in document.paragraphs if p.text.startswith("截至"))
    assert body.runs[0].font.size.pt == 16 and east_asian(body.runs[0]) == "仿宋_GB2312"
    text = all_text(document)
    assert INTERNAL.search(text) is None, INTERNAL.search(text)
    assert "抄送：市委办公室，市人大常委会办公室，市政协办公室。" in text


@pytest.mark.parametrize("kind", ["plan", "summary"])
def test_documents_kind_attachment_agrees_with_status(disclose, year, tmp_path, kind) -> None:
    day = KINDS[kind][0]
    out = tmp_path / "b.docx"
    disclose("bulletin", "--kind", kind, "--as-of", day, "--preview", "--format", "docx",
             "--out", str(out))
    (table,) = read(out).tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "单位", "报送日期", "报送情况", "备注"]
    owed = [d for d in disclose.json("status", "--as-of", day)["deliverables"]
            if d["kind"] == kind]
    words = {"on_time": "按时报送", "late": "逾期报送", "missing": "未报送",
             "returned": "退回修改", "pending": "未到报送期限"}
    assert len(owed) == len(rows) - 1 == 36
    assert Counter(r[3] for r in rows[1:]) == Counter(words[d["state"]] for d in owed)
    assert ["3", "市审计局", "8月3日" if kind == "plan" else "12月22日", "逾期报送",
            "内容简略；未逐项列明" if kind == "plan" else "内容简略"] in rows


def test_documents_inspection_attachments_agree_with_status_and_rank(disclose, year,
                                                                     tmp_path) -> None:
    out = tmp_path / "inspection.docx"
    disclose("bulletin", "--kind", "inspection", "--as-of", "2016-01-25", "--preview",
             "--format", "docx", "--out", str(out))
    document = read(out)
    results, ranking = ([[c.text for c in row.cells] for row in t.rows]
                        for t in document.tables)
    assert results[0] == ["序号", "单位", "验收结果", "验收日期", "备注"]
    owed = [d for d in disclose.json("status", "--as-of", "2016-01-25")["deliverables"]
            if d["kind"] == "inspection"]
    words = {"pass": "合格", "rectify": "限期整改", "fail": "不合格", "pending": "未验收",
             "missing": "未验收"}
    assert [r[2] for r in results[1:]] == [words[d["state"]] for d in owed]
    ranked = [r for r in disclose.json("rank", "--as-of", "2016-01-25")
              if r["agency"] in {d["agency"] for d in owed}]
    assert ranking[0] == ["名次", "单位", "得分", "等次", "备注"]
    assert [(r[1], r[2], r[3]) for r in ranking[1:]] == [
        (r["name"], str(r["score"]), r["grade"]) for r in ranked]
    text = all_text(document)
    assert "附件1" in text and "附件2" in text and "2. 政务公开工作考核（示例细则）得分排名" in text
    # each attachment starts a page of its own, its label first
    labels = [p for p in document.paragraphs if p.text in ("附件1", "附件2")]
    assert [p.paragraph_format.page_break_before for p in labels] == [True, True]

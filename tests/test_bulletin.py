"""`disclose bulletin`: the 通报 names the right units, is recorded once, and is reproducible."""

from __future__ import annotations

import pytest

from qth_disclosure.calendar import chinese_date


def section(text: str, heading: str) -> str:
    """The line after the one holding `heading`, without its indent."""
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if heading in line)
    return lines[i + 1].strip()


def line_with(text: str, start: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(start))


PREVIEW = ["bulletin", "--month", "2015-08", "--as-of", "2015-09-10", "--preview"]


def test_bulletin_is_a_document_of_the_office(disclose, august) -> None:
    text = disclose(*PREVIEW).stdout
    assert text.startswith("七台河市人民政府办公室\n七政办函〔2015〕1号\n")
    assert ("七台河市人民政府办公室关于2015年8月份重点领域信息公开报送情况的通报"
            in text.splitlines())
    assert "各区、县人民政府，市政府各直属单位：" in text.splitlines()
    assert "附件：2015年8月份重点领域信息公开报送情况统计表" in text
    assert "抄送：市委办公室，市人大常委会办公室，市政协办公室。" in text.splitlines()
    assert text.rstrip().endswith("七台河市人民政府办公室　　2015年9月10日印发\n" + "—" * 20)


def test_bulletin_names_exactly_the_right_units(disclose, august) -> None:
    text = disclose(*PREVIEW).stdout
    # the office's own K1 is neither counted nor named: 15 reports are owed
    assert section(text, "一、总体情况") == (
        "截至2015年9月10日，2015年8月份应报送15家次，已报送3家次。其中，按时报送2家次，"
        "逾期报送1家次；未报送11家次；因质量问题被退回、尚未重新报送1家次。按时报送率为"
        "13.3%。各单位报送情况见附件。")
    assert line_with(text, "（一）逾期报送。") == (
        "（一）逾期报送。市审计局（2015年9月2日报送）未在规定时间内报送。")
    missing = line_with(text, "（二）未报送。")
    assert "市人社局（医疗卫生、医保和计划生育信息公开）" in missing
    assert "市卫生计生委" not in missing and "市政府办" not in missing
    assert line_with(text, "（三）退回修改。").startswith(
        "（三）退回修改。市卫生计生委（退回意见：未附链接）")
    assert "请未报送、被退回的单位于2015年9月17日前向市政府办补报2015年8月份信息" in text


def test_bulletin_praises_and_criticises_in_plain_words(disclose, august) -> None:
    text = disclose(*PREVIEW).stdout
    # 市财政局 reported on time, with a summary of substance; 市人社局's K5-2 was on time
    # but its summary is short, so it is not praised, and is named by its task's title
    assert section(text, "二、表扬") == (
        "市财政局按时报送，内容具体，并附本单位网站已公开信息的链接，予以通报表扬。")
    assert line_with(text, "（四）") == (
        "（四）报送内容过于简略，未具体反映公开的信息。涉及：市人社局（社会保险和就业信息"
        "公开）、市审计局。")
    for code in ("K5-2", "K2-1", "第1号", "short-summary", "少于15字", "2015-08", "2015-09"):
        assert code not in text, code


def test_bulletin_without_returns_says_nothing_of_them(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-31", "公开了8月预算执行情况和三公经费")
    text = disclose(*PREVIEW).stdout
    assert "退回" not in text and "被退回" not in text
    assert "请未报送的单位于2015年9月17日前" in text


def test_bulletin_issue_once_then_refuse(disclose, august, ledger_rows) -> None:
    preview = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10",
                       "--preview").stdout
    issued = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10")
    assert issued.stdout == preview   # the same as-of gives the same text
    assert "issued bulletin No. 1 on 2015-08" in issued.stderr
    before = ledger_rows()
    again = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-11", code=1)
    assert "already issued (No. 1)" in again.stderr and "--reissue" in again.stderr
    assert ledger_rows() == before
    (row,) = disclose.json("bulletin", "--list")
    assert (row["number"], row["month"], row["as_of"], row["reissue_of"]) == (
        1, "2015-08", "2015-09-10", None)


def test_bulletin_reissue_and_numbering(disclose, august) -> None:
    disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10")
    disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-15", "--reissue")
    disclose("bulletin", "--month", "2015-09", "--as-of", "2015-10-08")
    listed = disclose.json("bulletin", "--list")
    assert [(b["number"], b["month"], b["reissue_of"]) for b in listed] == [
        (1, "2015-08", None), (2, "2015-08", 1), (3, "2015-09", None)]
    taken = disclose.json("bulletin", "--month", "2015-10", "--number", "3", "--preview",
                          "--as-of", "2015-11-09")
    assert taken["number"] == 3   # a preview records nothing, so it may show any number
    # the 发文字号 counts on in the office's series, whatever the bulletin's number
    assert taken["reference"] == "七政办函〔2015〕4号"
    refused = disclose("bulletin", "--month", "2015-10", "--number", "3", code=1)
    assert "No. 3 was already issued for 2015-09" in refused.stderr


def test_bulletin_markdown(disclose, august) -> None:
    md = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10", "--preview",
                  "--format", "markdown").stdout
    assert md.startswith("# 七台河市人民政府办公室关于2015年8月份") and "## 一、总体情况" in md
    assert "| 序号 | 牵头单位 | 报送事项 | 报送日期 | 报送情况 | 备注 |" in md


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--month", "2015-12"], 1, "2015-07..2015-11"),
    (["--as-of", "2015-09-10"], 2, "--month"),
    (["--month", "2015-08", "--preview", "--reissue"], 2, "--preview"),
    (["--list", "--month", "2015-08"], 2, "--list"),
    (["--month", "2015-08", "--format", "csv"], 2, "text, markdown"),
])
def test_bulletin_refusals(disclose, args: list[str], code: int, words: str) -> None:
    result = disclose("bulletin", *args, code=code)
    assert words in result.stderr and result.stdout == ""


def test_chinese_date() -> None:
    from datetime import date
    assert chinese_date(date(2015, 9, 10)) == "2015年9月10日"


def test_bulletin_covers_several_months(disclose, august) -> None:
    """不定期: one bulletin on July to September, each unit named once with its months."""
    disclose("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-09",
             "--received", "2015-09-29", "--summary", "公开了9月预算执行情况和政府采购结果",
             "--link", "http://czj.qth.gov.cn/2015/09/")
    shown = disclose.json("bulletin", "--from", "2015-07", "--to", "2015-09", "--as-of",
                          "2015-10-12", "--preview")
    text = shown["text"]
    assert shown["month"] == "2015-07..2015-09" and shown["facts"]["owed"] == 45
    assert "七台河市人民政府办公室关于2015年7月至9月份重点领域信息公开报送情况的通报" in text
    assert "应分别于2015年7月31日、2015年8月31日、2015年9月30日前报送" in text
    assert section(text, "二、表扬").startswith("市财政局（2015年8月份、9月份）按时报送")
    assert "市国土局（2015年7月份、8月份、9月份）" in line_with(text, "（二）未报送。")
    assert "市审计局（2015年8月份，2015年9月2日报送）" in text
    assert "补报所缺各月的信息" in text
    issued = disclose.json("bulletin", "--from", "2015-07", "--to", "2015-09", "--as-of",
                           "2015-10-12")
    assert issued["month"] == "2015-07..2015-09"
    # a monthly bulletin on August is another bulletin (the one of 10 September, here)
    assert disclose.json(*PREVIEW)["month"] == "2015-08"


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--from", "2015-09", "--to", "2015-07"], 1, "--to 2015-07 is before --from 2015-09"),
    (["--from", "2015-07"], 2, "--from YYYY-MM and --to"),
    (["--month", "2015-08", "--from", "2015-07", "--to", "2015-09"], 2, "--from"),
])
def test_bulletin_range_refusals(disclose, args, code, words) -> None:
    result = disclose("bulletin", *args, "--as-of", "2015-10-12", "--preview", code=code)
    assert words in result.stderr and result.stdout == ""

"""`disclose bulletin`: the 通报 names the right units, is recorded once, and is reproducible."""

from __future__ import annotations

import pytest

from qth_disclosure.core.bulletin import chinese_date


@pytest.fixture
def august(disclose) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-31", "公开了8月预算执行情况和三公经费")
    disclose.monthly("sjj", "K2-2", "2015-08", "2015-09-02", "发布了审计结果公告及整改情况")
    disclose.monthly("wjw", "K5-4", "2015-08", "2015-08-28", "公开了医疗服务收费信息")
    disclose.monthly("rsj", "K5-2", "2015-08", "2015-08-30", "公开了社会保险参保情况")
    disclose("review", "3", "--return", "--comment", "未附链接", "--date", "2015-09-01")


def section(text: str, heading: str) -> str:
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if heading in line)
    return lines[i + 1].strip()


def test_bulletin_names_exactly_the_right_units(disclose, august) -> None:
    text = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10",
                    "--preview").stdout
    assert text.startswith("关于2015年8月重点领域信息公开报送情况的通报\n第1期\n")
    assert section(text, "一、按时报送的单位（2家次）") == "市财政局、市人社局（K5-2）。"
    assert section(text, "二、逾期报送的单位（1家次）") == "市审计局（2015年9月2日报送）。"
    # the office reports K1 to itself: never counted or named in its own bulletin
    missing = section(text, "三、未报送的单位（11家次）")
    assert "市人社局（K5-4）" in missing and "市卫生计生委" not in missing
    assert "市政府办" not in missing
    returned = section(text, "四、因质量问题被退回的单位（1家次）")
    assert returned == "市卫生计生委（审核意见：未附链接）。"
    assert "应报送15家次，按时报送2家次" in text and "按时报送率为13.3%" in text
    assert text.rstrip().endswith("七台河市人民政府办公室\n2015年9月10日")


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
    taken = disclose("bulletin", "--month", "2015-10", "--number", "3", "--preview")
    assert "第3期" in taken.stdout   # a preview records nothing, so it may show any number
    refused = disclose("bulletin", "--month", "2015-10", "--number", "3", code=1)
    assert "No. 3 was already issued for 2015-09" in refused.stderr


def test_bulletin_markdown(disclose, august) -> None:
    md = disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10", "--preview",
                  "--format", "markdown").stdout
    assert md.startswith("# 关于2015年8月") and "## 一、按时报送的单位（2家次）" in md


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

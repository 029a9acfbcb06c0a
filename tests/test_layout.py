"""Where a line may break, how wide a column gets, how a wide table is split."""

from __future__ import annotations

import pytest

from qth_disclosure.output.layout import column_widths, longest_atom, parts, wrapped
from qth_disclosure.output.plaintable import width

TITLE = "2015年七台河市政府信息公开工作方案（七政办发〔2015〕23号）执行情况，截至2015-10-05"


@pytest.mark.parametrize("limit", [12, 20, 40, 80])
def test_layout_title_keeps_its_date_and_no_line_starts_with_closing_punctuation(
        limit: int) -> None:
    lines = wrapped(TITLE, limit)
    assert "".join(lines) == TITLE
    assert any("2015-10-05" in line for line in lines)
    assert all(width(line) <= limit for line in lines)
    assert not any(line[0] in "，。）〕" or line[-1] in "（〔" for line in lines)


def test_layout_names_and_numbers_stay_whole() -> None:
    assert wrapped("逾期：七台河市人力资源和社会保障局 月报", 30) == [
        "逾期：", "七台河市人力资源和社会保障局", "月报"]
    assert wrapped("进行中，剩余56天", 10) == ["进行中，", "剩余56天"]
    assert longest_atom("due 2015-10-31 (in 26 days)") == len("2015-10-31")


def test_layout_only_an_atom_wider_than_the_line_is_cut() -> None:
    assert wrapped("七台河市人力资源和社会保障局", 10) == ["七台河市人", "力资源和社", "会保障局"]
    assert wrapped("http://www.qth.gov.cn/xxgk/2015/08/very-long-path-name/index.html", 30) == [
        "http://www.qth.gov.cn/xxgk/", "2015/08/very-long-path-name/", "index.html"]


def test_layout_widest_columns_give_way_first_and_none_below_its_atom() -> None:
    assert column_widths([10, 40, 30], [10, 8, 8], 80) == [10, 40, 30]
    assert column_widths([10, 40, 30], [10, 8, 8], 60) == [10, 25, 25]
    assert column_widths([10, 40, 30], [10, 30, 25], 60) is None


def test_layout_parts_repeat_the_first_column_and_keep_groups_together() -> None:
    groups = ["", "", "g", "g", "g", ""]
    assert parts([20, 8, 8, 8, 8, 8], 1, 50, 2, groups) == [[0, 1], [0, 2, 3, 4], [0, 5]]
    assert parts([20, 8, 8], 1, 80, 2) == [[0, 1, 2]]


def test_layout_a_count_stays_with_its_name() -> None:
    assert wrapped("申请办理记录 4，名册 0，文书 1", 20) == ["申请办理记录 4，", "名册 0，文书 1"]
    assert all(w in wrapped("审核 1，名册 0", 12) for w in ["审核 1，", "名册 0"])
    # a hash is no word: at a narrow width it folds rather than pushes the table aside
    assert longest_atom("b231b38cb613134e9bef03f1fba32c7a853e0b13c45a928ba67d974c0ddb0908") == 1


def test_layout_parts_keep_a_band_together_else_each_of_its_groups() -> None:
    # table 四: item, 行政复议's five, then the band 行政诉讼 over two groups of five
    widths = [6, *[8, 8, 8, 8, 4] * 3]
    groups = ["", *["复议"] * 5, *["直接"] * 5, *["复议后"] * 5]
    bands = ["", *[""] * 5, *["诉讼"] * 10]
    assert parts(widths, 1, 160, 2, groups, bands) == [list(range(16))]
    # the band fits a part of its own at 110 columns: it starts one, whole
    assert parts(widths, 1, 110, 2, groups, bands) == [[0, 1, 2, 3, 4, 5],
                                                      [0, *range(6, 16)]]
    # at 80 it does not: each of its groups then does
    assert parts(widths, 1, 80, 2, groups, bands) == [[0, 1, 2, 3, 4, 5],
                                                     [0, 6, 7, 8, 9, 10],
                                                     [0, 11, 12, 13, 14, 15]]
    # without the band, 110 columns would put the first lawsuit with 行政复议, not its twin
    assert parts(widths, 1, 110, 2, groups) == [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
                                               [0, 11, 12, 13, 14, 15]]

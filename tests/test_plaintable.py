"""Plain tables are laid out exactly as tabulate's "simple" format would lay them out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from qth_disclosure.output.plaintable import simple_table, width

# what cells hold: Chinese (two columns wide), ASCII, the status marks, full-width
# punctuation, and spaces that alignment must strip from cells but not from headers
TEXT = st.text(alphabet=st.sampled_from(list("报送市财政局第号单位abcXYZ019-_ ✓✗…（）：、|")),
               max_size=12)
ALIGN = st.sampled_from(["left", "right", "center", None])


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], list[str | None] | None]:
    columns = draw(st.integers(1, 5))
    headers = draw(st.lists(TEXT, min_size=columns, max_size=columns))
    rows = draw(st.lists(st.lists(TEXT, min_size=columns, max_size=columns), min_size=1,
                         max_size=8))
    align = draw(st.none() | st.lists(ALIGN, min_size=columns, max_size=columns))
    return headers, rows, align


@settings(max_examples=300, deadline=None)
@given(tables())
def test_same_layout_as_tabulate_simple(table: tuple[list[str], list[list[str]],
                                                     list[str | None] | None]) -> None:
    headers, rows, align = table
    expected = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                        colalign=align)
    assert simple_table(headers, rows, align) == expected


def test_chinese_is_two_columns_and_rows_line_up() -> None:
    out = simple_table(["单位", "2015-07"], [["市财政局", "✓"], ["czj", "✗"]],
                       ["left", "center"])
    assert out.splitlines() == [
        "单位" + " " * 4 + "  " + " 2015-07",  # 单位 fills 4 of the column's 8
        "-" * 8 + "  " + "-" * 9,
        "市财政局" + "  " + " " * 4 + "✓",  # centred in 9: 4 spaces, the mark, 4 more
        "czj" + " " * 5 + "  " + " " * 4 + "✗",
    ]
    assert width("市财政局") == 8 and width("czj") == 3


def test_a_table_without_rows_keeps_its_header() -> None:
    assert simple_table(["unit", "state"], []) == "unit    state\n------  -------"


def test_bands_above_groups_and_a_wide_name_widens_its_last_column() -> None:
    band = ["", "申请人情况", "申请人情况", "申请人情况"]
    out = simple_table(["item", "a", "b", "c"], [["x", "1", "2", "3"]],
                       ["left", "right", "right", "right"], groups=["", "", "g", "g"],
                       bands=band)
    assert out.splitlines() == [
        " " * 9 + "申请人情况",  # 10 wide, centred over a, b and c: 3 + 2 + 3 + 2 + 3
        " " * 8 + "-" * 13,
        " " * 16 + "g",  # centred over b and c
        " " * 13 + "-" * 8,
        "item      a    b    c",
        "------  ---  ---  ---",
        "x         1    2    3",
    ]
    # a band wider than its columns widens the last of them (and the group ending there)
    wide = simple_table(["i", "a", "b"], [], groups=["", "g", "g"],
                        bands=["", "一个很长的表头", "一个很长的表头"])
    assert wide.splitlines() == [" " * 5 + "一个很长的表头", " " * 5 + "-" * 14,
                                 " " * 11 + "g", " " * 5 + "-" * 14,
                                 "i    a    b", "---  ---  ---------"]
    # a group ends where its band does, even under the same name
    apart = simple_table(["i", "a", "b"], [], groups=["", "g", "g"], bands=["", "x", "y"])
    assert apart.splitlines()[2:4] == ["      g    g", "     ---  ---"]

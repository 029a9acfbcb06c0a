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

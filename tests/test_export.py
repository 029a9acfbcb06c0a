"""`disclose export`: the workbook, the CSV and the JSON, what as-of hides, safe writing."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from qth_disclosure.core.compliance import assess
from qth_disclosure.errors import InputError
from qth_disclosure.export import neutralise, plain, write_export, xlsx
from qth_disclosure.ledger import Ledger, NewBulletin, Stamp
from qth_disclosure.registry import Registry

SHEETS = ["状态表", "报送事项", "报送记录", "通报", "统计", "考核", "考核明细"]
MONTHS = ["2015-07", "2015-08", "2015-09", "2015-10", "2015-11"]

def export_to(registry: Registry, out: Path, as_of: str = "2015-09-10") -> str:
    """The core as the command drives it, but handed every row: the core must filter."""
    day = date.fromisoformat(as_of)
    plan = registry.plan.id
    # as a command at the default location: an empty ledger until the first write
    with Ledger.open(os.environ["DISCLOSE_DB"], for_writing=False,
                     missing="create_on_write") as ledger:
        subs, reviews = ledger.submissions(plan), ledger.reviews(plan)
        status = assess(registry, day, subs, reviews, ledger.inspections(plan))
        return write_export(out, registry=registry, status=status, submissions=subs,
                            reviews=reviews, bulletins=ledger.bulletins(plan))


def issue_bulletin(registry: Registry, number: int, month: str, as_of: str,
                   text: str = "八月月报通报") -> None:
    with Ledger.open(os.environ["DISCLOSE_DB"], for_writing=True,
                     missing="create_on_write") as ledger:
        ledger.add_bulletin(NewBulletin(registry.plan.id, number, month,
                                        date.fromisoformat(as_of), text),
                            Stamp(datetime(2015, 9, 5, 9, 30), "王芳", "wangf"), reissue=False)


def rows_of(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_xlsx_sheets_and_headers(disclose, registry: Registry, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert export_to(registry, out) == "xlsx"
    book = load_workbook(out)
    assert book.sheetnames == SHEETS
    headers = {name: rows_of(book[name])[0] for name in SHEETS}
    assert headers["状态表"] == ["单位", "任务", *MONTHS]
    assert headers["报送事项"] == ["类别", "单位代码", "单位", "任务", "月份", "截止日期", "状态",
                                "收到日期", "记录编号"]
    assert headers["报送记录"][-4:] == ["内容摘要", "链接", "审核结论", "审核意见"]
    assert headers["通报"] == ["编号", "月份", "截至日期", "登记时间", "登记人", "重发自", "正文"]
    assert all(cell.font.bold for cell in book["报送事项"][1])
    assert book["报送事项"].freeze_panes == "A2"


def test_export_xlsx_state_cell_and_record(disclose, registry: Registry, tmp_path: Path) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    export_to(registry, tmp_path / "plan.xlsx")
    book = load_workbook(tmp_path / "plan.xlsx")
    (row,) = [r for r in book["状态表"].iter_rows(min_row=2)
              if (r[0].value, r[1].value) == ("市财政局", "K2-1")]
    assert [c.value for c in row[2:]] == ["未报", "逾期", "未到期", "未到期", "未到期"]
    assert row[3].fill.fgColor.rgb.endswith("FFEB9C")
    (item,) = [r for r in rows_of(book["报送事项"]) if r[1:5] == ["czj", "市财政局", "K2-1",
                                                                 "2015-08"]]
    assert item == ["月报", "czj", "市财政局", "K2-1", "2015-08", "2015-08-31", "逾期",
                    "2015-09-02", 1]


def test_export_xlsx_chart_of_monthly_states(disclose, registry: Registry,
                                             tmp_path: Path) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    export_to(registry, tmp_path / "plan.xlsx")
    sheet = load_workbook(tmp_path / "plan.xlsx")["统计"]
    assert sheet._charts, "no chart on the 统计 sheet"
    owed = sum(len(task.lead) for task in registry.monthly_tasks)
    counts = {row[0]: row[1:] for row in rows_of(sheet)[1:]}
    assert rows_of(sheet)[0] == ["月份", "按时", "逾期", "未报", "未到期", "退回", "按时报送率"]
    # the rate as the bulletin counts: the office's own K1 report left out
    assert counts["2015-08"] == [1, 0, owed - 1, 0, 0, "6.7%"]
    assert counts["2015-09"] == [0, 0, 0, owed, 0, "0.0%"]


def test_export_xlsx_column_widths(disclose, registry: Registry, tmp_path: Path) -> None:
    disclose.monthly("wjw", "K5-4", "2015-08", "2015-08-28", summary="公开了" * 200)
    export_to(registry, tmp_path / "plan.xlsx")
    sheet = load_workbook(tmp_path / "plan.xlsx")["报送记录"]
    width = {c: sheet.column_dimensions[c].width for c in "ACJ"}  # 编号, 单位, 内容摘要
    assert width["C"] >= len("市卫生计生委") * 2 > width["A"]
    assert width["J"] == xlsx.MAX_WIDTH
    assert sheet["J2"].alignment.wrap_text


def test_export_xlsx_formula_text_stays_text(disclose, registry: Registry,
                                            tmp_path: Path) -> None:
    attack = "=cmd|' /C calc'!A0"
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28", summary=attack)
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-29", summary="#N/A")
    export_to(registry, tmp_path / "plan.xlsx")
    with zipfile.ZipFile(tmp_path / "plan.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet3.xml").decode()
    assert "<f>" not in xml and 't="e"' not in xml
    sheet = load_workbook(tmp_path / "plan.xlsx")["报送记录"]
    assert (sheet["J2"].value, sheet["J2"].data_type, sheet["J2"].quotePrefix) == (attack, "s",
                                                                                  True)
    assert (sheet["J3"].value, sheet["J3"].data_type) == ("#N/A", "s")


def test_export_xlsx_control_characters_escaped(disclose, registry: Registry,
                                                tmp_path: Path) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28", summary="已公开\x1b[2J\x07")
    export_to(registry, tmp_path / "plan.xlsx")  # openpyxl refuses raw controls
    sheet = load_workbook(tmp_path / "plan.xlsx")["报送记录"]
    assert sheet["J2"].value == "已公开\\x1b[2J\\x07"


def test_export_xlsx_reviews_and_bulletins(disclose, registry: Registry,
                                           tmp_path: Path) -> None:
    first = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose("review", str(first["id"]), "--return", "--comment", "内容过简", "--date",
             "2015-09-02")
    issue_bulletin(registry, 1, "2015-08", "2015-09-05", text="=HYPERLINK(\"x\")")
    export_to(registry, tmp_path / "plan.xlsx")
    book = load_workbook(tmp_path / "plan.xlsx")
    assert rows_of(book["报送记录"])[1][-2:] == ["退回 2015-09-02", "内容过简"]
    bulletin = rows_of(book["通报"])[1]
    assert bulletin[:3] + bulletin[4:] == [1, "2015-08", "2015-09-05", "王芳", None,
                                           "=HYPERLINK(\"x\")"]


def test_export_csv_bom_header_and_rows(disclose, registry: Registry, tmp_path: Path) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    out = tmp_path / "plan.csv"
    assert export_to(registry, out) == "csv"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").splitlines()
    assert lines[0] == "kind,agency,task,period,due,state,received_on,submission"
    assert "monthly,czj,K2-1,2015-08,2015-08-31,late,2015-09-02,1" in lines
    assert "plan,czj,,,2015-07-31,missing,," in lines


@pytest.mark.parametrize(("text", "written"), [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("市财政局", "市财政局"), ("2015-08", "2015-08"), ("a=b", "a=b"), ("", ""),
])
def test_export_neutralise(text: str, written: str) -> None:
    assert neutralise(text) == written



def status_without_lint(shown: dict) -> dict:
    """`status --format json` as an export holds it: without lint's findings on plans."""
    assert shown.pop("plans_incomplete") == []
    return shown

def test_export_json_matches_status_and_history(disclose, registry: Registry,
                                                tmp_path: Path) -> None:
    first = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose("review", str(first["id"]), "--accept", "--comment", "好", "--date", "2015-09-01")
    issue_bulletin(registry, 1, "2015-08", "2015-09-05")
    out = tmp_path / "plan.json"
    assert export_to(registry, out) == "json"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["plan", "as_of", "status", "submissions", "reviews", "bulletins",
                          "contacts"]
    assert data["contacts"] == []  # the shipped registry names nobody
    assert data["status"] == status_without_lint(disclose.json("status", "--as-of", "2015-09-10"))
    assert data["submissions"] == disclose.json("history")
    assert set(data["reviews"][0]) == {"id", "submission", "verdict", "comment", "reviewed_on",
                                       "recorded_at", "recorded_by"}
    assert data["bulletins"][0]["text"] == "八月月报通报"  # unescaped: ensure_ascii=False
    assert "八月月报通报" in out.read_text(encoding="utf-8")


def test_export_as_of_leaves_out_what_came_later(disclose, registry: Registry,
                                                 tmp_path: Path) -> None:
    early = disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose.monthly("czj", "K2-1", "2015-09", "2015-09-20")
    disclose("review", str(early["id"]), "--return", "--comment", "补", "--date", "2015-09-15")
    issue_bulletin(registry, 1, "2015-08", "2015-09-12")
    export_to(registry, tmp_path / "plan.json", as_of="2015-09-10")
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["submissions"]] == [early["id"]]
    assert (data["reviews"], data["bulletins"]) == ([], [])
    assert data["status"]["totals"]["returned"] == 0


def test_export_refuses_bad_suffix_and_missing_dir(registry: Registry, tmp_path: Path) -> None:
    with pytest.raises(InputError) as bad:
        export_to(registry, tmp_path / "plan.xls")
    assert (bad.value.key, bad.value.params["value"]) == ("bad_export_suffix",
                                                          str(tmp_path / "plan.xls"))
    with pytest.raises(InputError) as missing:
        export_to(registry, tmp_path / "nowhere" / "plan.xlsx")
    assert (missing.value.key, missing.value.params) == ("export_dir_missing",
                                                         {"value": str(tmp_path / "nowhere")})
    assert list(tmp_path.iterdir()) == []


def test_export_failure_leaves_no_file(registry: Registry, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def half_then_fail(target: Path, known: object) -> None:
        target.write_text("{\"plan\":", encoding="utf-8")
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(plain, "write_json", half_then_fail)
    with pytest.raises(RuntimeError):
        export_to(registry, tmp_path / "plan.json")
    assert list(tmp_path.iterdir()) == []


def test_export_never_overwrites_a_file(registry: Registry, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither one there before (refused before anything is written), nor one that
    appears while the export is written."""
    out = tmp_path / "plan.json"
    out.write_text("old", encoding="utf-8")
    written: list[Path] = []
    monkeypatch.setattr(plain, "write_json", lambda target, known: written.append(target))
    with pytest.raises(InputError, match=r"plan\.json already exists"):
        export_to(registry, out)
    assert out.read_text(encoding="utf-8") == "old" and written == []
    late = tmp_path / "late.json"
    monkeypatch.setattr(plain, "write_json", lambda target, known: (
        target.write_text("new", encoding="utf-8"), late.write_text("other's")))
    with pytest.raises(InputError, match=r"late\.json already exists"):
        export_to(registry, late)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["late.json", "plan.json"]
    assert late.read_text(encoding="utf-8") == "other's"


def test_export_new_file_follows_the_umask(registry: Registry, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        export_to(registry, tmp_path / "plan.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "plan.csv").stat().st_mode) == 0o640


# ---------------------------------------------------------------- through the command


def test_export_command_writes_and_says_so(disclose, tmp_path: Path) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    out = tmp_path / "plan.xlsx"
    lines = disclose("export", "--out", str(out), "--as-of", "2015-09-10").stdout.splitlines()
    assert len(lines) == 1 and str(out) in lines[0]
    assert "xlsx" in lines[0] and "2015-09-10" in lines[0]
    assert load_workbook(out).sheetnames == SHEETS


def test_export_command_reads_the_rows_page_by_page(disclose, registry: Registry,
                                                    tmp_path: Path, monkeypatch) -> None:
    """The workbook (write-only, its rows read twice) and the JSON (written as it is read)
    of more submissions than a page holds: every one counting on the day, in order, once,
    the header above them and the columns sized from every page."""
    from qth_disclosure import queries
    from qth_disclosure.export import sheets

    monkeypatch.setattr(queries, "PAGE_ROWS", 2)
    days = ["2015-08-25", "2015-08-26", "2015-08-27", "2015-08-28", "2015-08-29",
            "2015-09-20"]
    ids = [disclose.monthly("czj", "K2-1", "2015-08", day, summary=f"第{i}次" + "长" * i)["id"]
           for i, day in enumerate(days, 1)]
    disclose("void", str(ids[1]), "--reason", "报错了月份", "--date", "2015-09-01")
    disclose("review", str(ids[2]), "--return", "--comment", "=链接失效", "--date",
             "2015-09-02")
    shown = [ids[0], *ids[2:5]]  # the void's and the later day's left out
    disclose("export", "--out", str(tmp_path / "plan.xlsx"), "--as-of", "2015-09-10")
    book = load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames == SHEETS
    sheet = book["报送记录"]
    (header, *rows) = rows_of(sheet)
    assert header == list(sheets.SUBMISSION_HEADERS)
    assert [r[0] for r in rows] == shown
    assert rows[0][1:8] == ["月报", "市财政局", "K2-1", "2015-08", "2015-08-25",
                            rows[0][6], rows[0][7]] and rows[0][9] == "第1次长"
    assert rows[1][-2:] == ["退回 2015-09-02", "=链接失效"]
    assert (sheet["M3"].data_type, sheet["M3"].quotePrefix) == ("s", True)
    assert all(cell.font.bold for cell in sheet[1]) and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{len(shown) + 1}"
    # its extent written too, which a reader in read-only mode sizes the sheet by
    streamed = load_workbook(tmp_path / "plan.xlsx", read_only=True)
    assert streamed["报送记录"].calculate_dimension() == f"A1:M{len(shown) + 1}"
    streamed.close()
    # 内容摘要 as wide as its widest text, the last page's: "第5次长长长长长", 15 wide
    assert sheet.column_dimensions["J"].width == 15 + xlsx.WIDTH_PADDING
    assert book["状态表"].freeze_panes == "C2"
    disclose("export", "--out", str(tmp_path / "plan.json"), "--as-of", "2015-09-10")
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["submissions"]] == shown
    # written a row at a time, the text is still json.dumps's
    assert (tmp_path / "plan.json").read_text(encoding="utf-8") == \
        json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_ledger_submission_pages(disclose, registry: Registry, ledger_location: str) -> None:
    for agency, task, day in (("czj", "K2-1", "2015-08-25"), ("czj", "K2-1", "2015-08-26"),
                              ("sjj", "K2-2", "2015-09-20"), ("czj", "K2-1", "2015-08-27"),
                              ("sjj", "K2-2", "2015-09-21"), ("czj", "K2-1", "2015-08-28")):
        disclose.monthly(agency, task, "2015-08", day)
    with Ledger.open(ledger_location, for_writing=False) as ledger:
        pages = list(ledger.submission_pages(registry.plan.id,
                                             received_by=date(2015, 9, 10), page=2))
        # oldest recorded first, the later day's left out; the last page, full, is the last
        assert [[s.id for s in page] for page in pages] == [[1, 2], [4, 6]]
        assert list(ledger.submission_pages("other-plan", received_by=date(2015, 9, 10))) == []


def test_export_command_json_status_is_status(disclose, tmp_path: Path) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-09-02")
    out = tmp_path / "plan.json"
    disclose("export", "--out", str(out), "--as-of", "2015-09-01")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == status_without_lint(disclose.json("status", "--as-of", "2015-09-01"))
    assert data["submissions"] == []


@pytest.mark.parametrize(("name", "named"), [("plan.txt", "plan.txt"),
                                             ("nowhere/plan.xlsx", "nowhere")])
def test_export_command_refuses_in_one_line(disclose, tmp_path: Path, name: str,
                                            named: str) -> None:
    result = disclose("export", "--out", str(tmp_path / name), code=1)
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert named in line
    assert list(tmp_path.glob("plan.*")) == []


def test_export_command_refuses_a_future_day(disclose, tmp_path: Path) -> None:
    result = disclose("export", "--out", str(tmp_path / "plan.json"), "--as-of", "2016-03-02",
                      code=1)
    assert "2016-03-02" in result.stderr
    assert not (tmp_path / "plan.json").exists()


def test_export_xlsx_beyond_a_sheet_is_refused_in_one_line(disclose, tmp_path: Path,
                                                           monkeypatch) -> None:
    """More submissions than a sheet has rows: named with the limit before the ledger's rows
    are read, and nothing written; .csv still takes them all."""
    from qth_disclosure.export import sheets

    for day in ("2015-08-31", "2015-09-01", "2015-09-02"):
        disclose.monthly("czj", "K2-1", "2015-08", day)
    monkeypatch.setattr(sheets, "XLSX_MAX_ROWS", 3)  # a header and two rows
    out = tmp_path / "plan.xlsx"
    result = disclose("export", "--out", str(out), "--as-of", "2015-09-10", code=1)
    assert result.stderr.count("\n") == 1
    assert "at most 3 rows" in result.stderr and "3 submissions on 2015-09-10" in result.stderr
    assert not out.exists()
    disclose("export", "--out", str(tmp_path / "plan.xlsx"), "--as-of", "2015-09-01")  # 2 fit
    disclose("export", "--out", str(tmp_path / "plan.csv"), "--as-of", "2015-09-10")

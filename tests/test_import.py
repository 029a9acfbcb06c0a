"""`disclose import`: a sheet of reports recorded all at once or not at all, each row
checked as `submit` checks it, problems by row and column, dates as offices type them,
importing twice changing nothing; `import --template` filled with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

HEADER = "agency,kind,task,month,received,summary,links\n"


def sheet(tmp_path: Path, body: str, name: str = "in.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding=encoding)
    return path


GOOD = ("czj,monthly,K2-1,2015-08,2015/9/1,公开了预算,https://czj.example.cn/a\n"
        "市审计局,,,2015年8月,2015年9月2日,公开了审计结果,\n"
        "sjj,plan,,,2015-07-30,方案,\n")


def test_import_records_every_row(disclose, tmp_path: Path) -> None:
    done = disclose.json("import", str(sheet(tmp_path, GOOD)))
    assert [(d["row"], d["status"]) for d in done] == [(2, "recorded"), (3, "recorded"),
                                                       (4, "recorded")]
    history = disclose.json("history")
    assert [(h["agency"], h["kind"], h["task"], h["period"], h["received_on"])
            for h in history] == [("czj", "monthly", "K2-1", "2015-08", "2015-09-01"),
                                  ("sjj", "monthly", "K2-2", "2015-08", "2015-09-02"),
                                  ("sjj", "plan", None, None, "2015-07-30")]
    assert history[0]["links"] == ["https://czj.example.cn/a"]
    disclose("db", "verify")


def test_import_twice_changes_nothing(disclose, tmp_path: Path, ledger_rows) -> None:
    path = sheet(tmp_path, GOOD)
    disclose("import", str(path))
    before = ledger_rows()
    again = disclose("import", str(path), "--format", "json")
    assert "row 2: already in the ledger as #1; skipped" in again.stderr
    assert ledger_rows() == before


def test_import_dry_run_records_nothing(disclose, tmp_path: Path, ledger_rows) -> None:
    done = disclose.json("import", str(sheet(tmp_path, GOOD)), "--dry-run")
    assert {d["status"] for d in done} == {"would_record"}
    assert ledger_rows() == {}


def test_import_one_bad_row_records_none(disclose, tmp_path: Path, ledger_rows) -> None:
    bad = GOOD + ("czx,monthly,K2-1,2015-08,2015/9/1,x,\n"
                  "czj,monthly,K2-1,2015-09,9/1/2015,x,\n"
                  "czj,monthly,K2-1,2015-13,2015-10-01,x,\n"
                  "czj,monthly,K2-2,2015-09,2015-10-01,x,\n"
                  "czj,monthly,K2-1,2015-09,2016-09-01,x,\n"
                  "czj,monthly,K2-1,2015-09,2015-10-01,,\n")
    refused = disclose("import", str(sheet(tmp_path, bad)), code=1)
    lines = refused.stderr.splitlines()
    assert lines[0] == "row 5, column agency: unknown agency 'czx'; did you mean: czj (市财政局)"
    assert lines[1].startswith("row 6, column received: '9/1/2015' is not a day")
    assert lines[2].startswith("row 7, column month: ")
    assert lines[3].startswith("row 8, column task: ")
    assert lines[4].startswith("row 9, column received: ")
    assert lines[5].startswith("row 10, column summary: ")
    assert lines[6] == "6 problem(s) found; nothing was recorded"
    assert ledger_rows() == {}


def test_import_problems_in_chinese(disclose, tmp_path: Path) -> None:
    refused = disclose("--lang", "zh", "import",
                       str(sheet(tmp_path, "czx,monthly,K2-1,2015-08,2015/9/1,x,\n")), code=1)
    assert refused.stderr.startswith("第 2 行 单位 列：未知单位 'czx'")
    assert "发现 1 个问题；未记录任何内容" in refused.stderr


@pytest.mark.parametrize("typed", ["2015-09-01", "2015/9/1", "2015.9.1", "2015年9月1日",
                                   " 2015 年 9 月 1 日 "])
def test_import_dates_as_offices_type_them(disclose, tmp_path: Path, typed: str) -> None:
    disclose("import", str(sheet(tmp_path, f"czj,monthly,K2-1,2015-08,{typed},预算,\n")))
    assert disclose.json("history")[0]["received_on"] == "2015-09-01"


def test_import_csv_saved_by_wps_as_gbk(disclose, tmp_path: Path) -> None:
    disclose("import", str(sheet(tmp_path, "市财政局,月报,K2-1,2015-08,2015-09-01,预算,\n",
                                 encoding="gb18030")))
    assert disclose.json("history")[0]["agency"] == "czj"


def test_import_xlsx_with_excel_date_cells(disclose, tmp_path: Path) -> None:
    book = Workbook()
    rows = book.active
    rows.append(["单位", "类别", "任务", "月份", "收到日期", "内容摘要", "链接"])
    rows.append(["市财政局", "月报", "K2-1", datetime(2015, 8, 1), datetime(2015, 9, 1),
                 "公开了预算", None])
    rows.append(["sjj", "部门方案", None, None, date(2015, 7, 30), "方案", None])
    path = tmp_path / "in.xlsx"
    book.save(path)
    disclose("import", str(path))
    assert [(h["period"], h["received_on"]) for h in disclose.json("history")] == [
        ("2015-08", "2015-09-01"), (None, "2015-07-30")]


def test_import_template_filled_with_openpyxl(disclose, registry, tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    disclose("import", "--template", str(path))
    book = load_workbook(path)
    sheet_ = book["报送记录导入"]
    assert [c.value for c in sheet_[1]] == ["单位", "类别", "任务", "月份", "收到日期",
                                            "内容摘要", "链接"]
    lists = book["选项"]
    assert lists.sheet_state == "hidden"
    rules = {str(r.sqref): r.formula1 for r in sheet_.data_validations.dataValidation}
    assert rules["A2:A1001"] == "'选项'!$A$2:$A$37"  # the 36 units that report
    assert rules["C2:C1001"] == f"'选项'!$C$2:$C${1 + len(registry.monthly_tasks)}"
    assert lists["A2"].value == "市编办" and lists["D2"].value == "2015-07"
    sheet_.append(["市财政局", "月报", "K2-1", "2015-08", date(2015, 9, 1), "公开了预算",
                   "https://czj.example.cn/a"])
    book.save(path)
    disclose("import", str(path))
    (row,) = disclose.json("history")
    assert (row["agency"], row["period"], row["links"]) == ("czj", "2015-08",
                                                           ["https://czj.example.cn/a"])


def test_import_template_never_overwrites(disclose, tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(b"mine")
    refused = disclose("import", "--template", str(path), code=1)
    assert "already exists" in refused.stderr and path.read_bytes() == b"mine"


@pytest.mark.parametrize(("header", "message"), [
    ("agency,received\n", "row 1, column summary: no column summary (内容摘要)"),
    ("agency,received,summary,fax\n", "row 1: unknown column 'fax'"),
])
def test_import_bad_header(disclose, tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "h.csv"
    path.write_text(header + "czj,2015-09-01,x\n", encoding="utf-8")
    assert message in disclose("import", str(path), code=1).stderr


def test_import_only_own_units_for_a_liaison(disclose, tmp_path: Path, registry_copy: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             ledger_rows) -> None:
    from qth_disclosure.session import Session

    path = registry_copy / "agencies.yaml"
    text = path.read_text(encoding="utf-8").replace("agencies:\n",
                                                    "coordinators: [chen]\nagencies:\n", 1)
    path.write_text(text.replace("    kind: bureau\n", "    kind: bureau\n    liaisons: [wang]\n",
                                 1), encoding="utf-8")
    monkeypatch.setattr(Session, "user", staticmethod(lambda: "wang"))
    refused = disclose("--registry", str(registry_copy), "import",
                       str(sheet(tmp_path, GOOD)), code=1)
    assert "'wang'" in refused.stderr and "sjj (市审计局)" in refused.stderr
    assert ledger_rows() == {}


def test_import_names_every_problem_of_a_row(disclose, tmp_path: Path, ledger_rows) -> None:
    """Not the first problem of a row alone: each of its cells is checked on its own."""
    bad = GOOD + "czx,weekly,K9-9,2015-13,9/1/2015,,ftp://x\n"
    refused = disclose("import", str(sheet(tmp_path, bad)), code=1)
    lines = refused.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "row 5, column agency", "row 5, column kind", "row 5, column received",
        "row 5, column summary", "row 5, column links"]
    assert lines[-1] == "5 problem(s) found; nothing was recorded"
    monthly = GOOD + "czj,,K2-2,2015-13,2015-09-01,x,\n"
    lines = disclose("import", str(sheet(tmp_path, monthly)), code=1).stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["row 5, column task",
                                                           "row 5, column month"]
    zh = disclose("--lang", "zh", "import", str(sheet(tmp_path, monthly)), code=1).stderr
    assert zh.startswith("第 5 行 任务 列：") and "第 5 行 月份 列：" in zh
    assert ledger_rows() == {}


def test_import_names_each_revision_received_before_what_it_revises(disclose, tmp_path: Path,
                                                                    ledger_rows) -> None:
    disclose("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
             "--summary", "原报", "--received", "2015-09-03")
    disclose("submit", "--agency", "sjj", "--task", "K2-2", "--month", "2015-08",
             "--summary", "原报", "--received", "2015-09-03")
    before = ledger_rows()
    early = ("czj,monthly,K2-1,2015-08,2015-09-01,修订,\n"
             "wjw,monthly,K5-4,2015-08,2015-08-28,好的,\n"
             "sjj,monthly,K2-2,2015-08,2015-09-02,修订,\n")
    lines = disclose("import", str(sheet(tmp_path, early)), code=1).stderr.splitlines()
    assert lines[0].startswith("row 2, column received: --received 2015-09-01 is before "
                               "submission #1")
    assert lines[1].startswith("row 4, column received: --received 2015-09-02 is before "
                               "submission #2")
    assert lines[2] == "2 problem(s) found; nothing was recorded"
    assert ledger_rows() == before

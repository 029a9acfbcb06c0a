"""The office's sheet for reports received by other channels (`import --template`): the
columns `import` reads, headed in Chinese, with dropdowns (data validation) of the units,
the kinds, the monthly tasks and the reporting months, and the received day as a date
cell. Filled in Excel or WPS and given back to `disclose import`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qth_disclosure.core.sheet_import import COLUMNS, HEADERS_ZH, KIND_WORDS
from qth_disclosure.export.sheet_reader import TEMPLATE_SHEET
from qth_disclosure.registry import Registry

LISTS_SHEET = "选项"
ROWS = 1000  # rows the dropdowns cover
WIDTHS = {"agency": 16, "kind": 10, "task": 10, "month": 10, "received": 12, "summary": 60,
          "links": 40}


def write_template(target: Path, registry: Registry) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import (  # type: ignore[import-untyped]
        DataValidation,
    )

    book = Workbook()
    sheet: Any = book.active
    sheet.title = TEMPLATE_SHEET
    for i, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=1, column=i, value=HEADERS_ZH[column])
        cell.font = Font(bold=True)
        sheet.column_dimensions[_letter(i)].width = WIDTHS[column]
    sheet.freeze_panes = "A2"
    lists: Any = book.create_sheet(LISTS_SHEET)
    choices = {
        "agency": [a.name for a in registry.reporting_units],
        "kind": list(KIND_WORDS),
        "task": [t.id for t in registry.monthly_tasks],
        "month": registry.monthly.months,
    }
    for i, (column, values) in enumerate(choices.items(), 1):
        lists.cell(row=1, column=i, value=HEADERS_ZH[column])
        for j, value in enumerate(values, 2):
            lists.cell(row=j, column=i, value=value)
        letter = _letter(i)
        rule = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                              formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}")
        rule.error = f"请从下拉列表中选择{HEADERS_ZH[column]}"
        sheet.add_data_validation(rule)
        target_column = _letter(COLUMNS.index(column) + 1)
        rule.add(f"{target_column}2:{target_column}{ROWS + 1}")
    received = _letter(COLUMNS.index("received") + 1)
    day = DataValidation(type="date", operator="between", allow_blank=True,
                         showErrorMessage=True, formula1="DATE(2015,1,1)",
                         formula2="DATE(2099,12,31)")
    day.error = "请填写日期，如 2015-09-01"
    sheet.add_data_validation(day)
    day.add(f"{received}2:{received}{ROWS + 1}")
    for row in range(2, ROWS + 2):
        sheet[f"{received}{row}"].number_format = "yyyy-mm-dd"
    lists.sheet_state = "hidden"
    book.save(target)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(column))

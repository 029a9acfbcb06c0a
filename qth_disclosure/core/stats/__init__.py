"""Annual-report statistics: a template (YAML, data) evaluated over the year's applications.

Pure: registry, template, applications, events and a year in; counts out. The forms change
with the law (国办发〔2014〕32号, then 国办公开办函〔2021〕30号) and with what a province asks,
so the tables, their rows and columns, which records each cell counts and the 勾稽 rules
that must hold are all data in `templates/`; this package only knows the ledger.

A template is validated when loaded, every problem with file and line, like the registry;
a table whose figures break one of its rules is refused, never shown wrong.

The package, each module importing only those above it:
- model.py: the record sets and their fields (what can be counted), the template dataclasses;
- loading.py: where the shipped templates (templates/*.yaml) live, reading and validating one;
- records.py: a year's applications and events -> its record sets;
- evaluate.py: the tables counted over the records, then the template's rules checked.
Callers import from here.
"""

from __future__ import annotations

from qth_disclosure.core.stats.evaluate import (
    Statistics,
    TableResult,
    check_rules,
    compute,
    evaluate_table,
)
from qth_disclosure.core.stats.loading import (
    FIRST_YEAR_OF_2021_FORMAT,
    TEMPLATE_IDS,
    TEMPLATES_DIR,
    TemplateError,
    default_template,
    load_template,
    template_path,
)
from qth_disclosure.core.stats.model import (
    ALL_FIELDS,
    FIGURES,
    PROACTIVE_ITEMS,
    ROUTES,
    SETS,
    TIMINGS,
    Column,
    Filter,
    ProactiveBlock,
    ProactiveTable,
    Record,
    Row,
    Rule,
    TableSpec,
    Template,
)
from qth_disclosure.core.stats.records import check_year, year_records

__all__ = [
    "ALL_FIELDS",
    "FIGURES",
    "FIRST_YEAR_OF_2021_FORMAT",
    "PROACTIVE_ITEMS",
    "ROUTES",
    "SETS",
    "TEMPLATES_DIR",
    "TEMPLATE_IDS",
    "TIMINGS",
    "Column",
    "Filter",
    "ProactiveBlock",
    "ProactiveTable",
    "Record",
    "Row",
    "Rule",
    "Statistics",
    "TableResult",
    "TableSpec",
    "Template",
    "TemplateError",
    "check_rules",
    "check_year",
    "compute",
    "default_template",
    "evaluate_table",
    "load_template",
    "template_path",
    "year_records",
]

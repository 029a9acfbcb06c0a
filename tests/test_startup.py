"""Start-up stays lean: a run imports only what its command needs.

Each case runs `disclose` in a fresh interpreter with stdout a pipe, on a registry already in
the cache, and lists every module imported by the end. What none of them may import:
the xlsx writer and PostgreSQL's driver (only `export` and a postgresql:// ledger), Rich
(only a terminal), tabulate (only markdown; plain tables are drawn by output.plaintable),
csv (only --format csv), the YAML parser and the registry's loader and validator (only a
cache miss, which also pays for tempfile), the statistics and the working-day calendar
(only applications, and this ledger holds none), pydantic (Typer 0.29 would bring it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NEVER = ("openpyxl", "psycopg", "rich", "tabulate", "csv", "yaml", "tempfile",
         "pydantic", "chinese_calendar", "qth_disclosure.registry.load",
         "qth_disclosure.registry.checker", "qth_disclosure.registry.yamlfile",
         "qth_disclosure.export", "qth_disclosure.core.stats", "qth_disclosure.ledger.postgres",
         "qth_disclosure.ledger.copying", "jinja2", "qth_disclosure.site",
         "qth_disclosure.core.publication")
# what only a report, a bulletin or a document lays out (status's page shows none of it)
REPORTING = ("qth_disclosure.views.report", "qth_disclosure.core.bulletin",
             "qth_disclosure.core.daily_report", "qth_disclosure.documents")
# the applications' clocks and fees: only a ledger's applications need them (this one holds
# none), not a monthly report's write nor a status without applications
APPLICATIONS = ("qth_disclosure.core.applications", "qth_disclosure.core.fees")
# --help reads neither registry nor ledger, builds no command (cli.listing_app) and opens
# no session; submit shows its one row (views.records) and neither lints nor draws a
# status; history lists one unit's receipts
CASES = {
    "help": (["--help"], ("qth_disclosure.registry", "qth_disclosure.ledger", "sqlite3",
                          "qth_disclosure.core", "qth_disclosure.views",
                          "qth_disclosure.commands", "qth_disclosure.session",
                          "qth_disclosure.calendar", "dateutil")),
    "status": (["status", "--as-of", "2015-09-10"], (*REPORTING, *APPLICATIONS)),
    "history": (["history", "--agency", "czj"],
                (*REPORTING, "qth_disclosure.views.status", "qth_disclosure.core.lint",
                 "qth_disclosure.queries")),
    "submit": (["submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
                "--summary", "公开了本月财政预算执行情况", "--received", "2015-08-31",
                "--link", "https://example.org/k2-1"],
               (*REPORTING, *APPLICATIONS, "qth_disclosure.views.status",
                "qth_disclosure.views.listings", "qth_disclosure.core.lint")),
}
# runs `disclose ARGS` as the console script would, then writes sys.modules to a file
PROBE = ("import json, sys\nfrom qth_disclosure.cli import main\nout = sys.argv.pop(1)\n"
         "try:\n    main()\nfinally:\n"
         "    with open(out, 'w') as f:\n        json.dump(sorted(sys.modules), f)\n")


def _imported(tmp_path: Path, *args: str) -> list[str]:
    # a pipe alone: no Rich; the default ledger location (in tmp_path), as a new user has
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "DISCLOSE_DB")}
    out = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), *args], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return list(json.loads(out.read_text()))


@pytest.mark.parametrize("case", CASES)
def test_startup_imports_nothing_the_command_does_not_need(case: str, tmp_path: Path) -> None:
    args, also_never = CASES[case]
    _imported(tmp_path, "status", "--as-of", "2015-07-25")  # puts the registry in the cache
    modules = _imported(tmp_path, *args)
    heavy = sorted({name for name in (*NEVER, *also_never) for m in modules
                    if m == name or m.startswith(name + ".")})
    assert heavy == [], f"disclose {' '.join(args)} imported {heavy}"

"""Fixtures that build the world: a pinned today, a throwaway ledger, a copy of the registry."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qth_disclosure import calendar
from qth_disclosure.cli import build_app
from qth_disclosure.registry import Registry, load_registry, shipped_registry_dir

# Every test runs as if today were this day, well after the plan's year.
TODAY = date(2016, 3, 1)


@pytest.fixture(autouse=True)
def _pinned_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(calendar, "today", lambda tz: TODAY)
    monkeypatch.setenv("DISCLOSE_DB", str(tmp_path / "ledger.sqlite3"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("DISCLOSE_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("DISCLOSE_REGISTRY", raising=False)


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(shipped_registry_dir())


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite3"


class Disclose:
    """Runs `disclose ARGS...` in-process; fails the test loudly on an unexpected exit."""

    def __init__(self) -> None:
        self.runner = CliRunner()
        self.app = build_app()

    def __call__(self, *args: str, code: int = 0) -> Any:
        result = self.runner.invoke(self.app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (
            f"disclose {' '.join(args)} exited {result.exit_code}, wanted {code}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--format", "json").stdout)

    def monthly(self, agency: str, task: str, month: str, received: str,
                summary: str = "公开了本月信息") -> dict[str, Any]:
        data: dict[str, Any] = self.json("submit", "--agency", agency, "--task", task,
                                         "--month", month, "--summary", summary,
                                         "--received", received)
        return data


@pytest.fixture
def disclose() -> Disclose:
    return Disclose()


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped registry, for breaking on purpose."""
    target = tmp_path / "registry"
    target.mkdir()
    for name in ("tasks.yaml", "agencies.yaml"):
        shutil.copy(shipped_registry_dir() / name, target / name)
    return target


@pytest.fixture
def ledger_rows(ledger_path: Path) -> Callable[[], dict[str, int]]:
    """Row counts per table, to show that a refused command wrote nothing."""

    def count() -> dict[str, int]:
        if not ledger_path.exists():
            return {}
        with sqlite3.connect(ledger_path) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    return count

"""The installed tool finds its registry from any directory (documentation: test_docs)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSE_")}
    return {**env, "DISCLOSE_LANG": "en", **extra}


def test_wheel_carries_the_registry(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist"), str(ROOT)], check=True,
                   capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        z.extractall(site)
    assert "qth_disclosure/registry_data/tasks.yaml" in names
    assert "qth_disclosure/registry_data/agencies.yaml" in names
    # the site's templates and stylesheet are package data
    assert {"qth_disclosure/site/site.css", "qth_disclosure/site/templates/base.html",
            "qth_disclosure/site/templates/area.html"} <= set(names)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-m", "qth_disclosure", "check"], cwd=elsewhere,
                            env=_clean_env(PYTHONPATH=str(site)), capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert f"({site / 'qth_disclosure' / 'registry_data'})" in result.stdout


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "qth_disclosure", "tasks", "--agency",
                             "wjw", "--format", "csv"], cwd=tmp_path, env=_clean_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("K5-4,一,")


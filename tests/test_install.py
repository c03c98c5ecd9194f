"""A wheel installed outside the repository carries its SQL, suites and data, and runs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb
import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.e2e   # builds and installs the package into a new virtual environment

SOURCES = ("flows", "sql", "expectations", "pyproject.toml", "README.md")


def _sh(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, **kwargs)


def test_pip_install_dot_runs_outside_the_repository(tmp_path):
    uv = ROOT / ".venv" / "bin" / "uv"
    source = tmp_path / "source"          # a copy: building writes build/ and egg-info beside the sources
    for name in SOURCES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, source / name)
    venv, work = tmp_path / "venv", tmp_path / "elsewhere"
    _sh(uv, "venv", "--quiet", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    # The locked dependencies (from uv's cache), then the project itself, built as a wheel, not editable.
    _sh(uv, "pip", "sync", "--quiet", "--python", python, "--require-hashes", ROOT / "requirements.lock")
    _sh(uv, "pip", "install", "--quiet", "--python", python, "--no-deps", "--no-build-isolation", source)
    shutil.copytree(SEEDS, work / "inbox")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    result = _sh(venv / "bin" / "wirehouse", "run", "--inbox", "inbox", "--warehouse", "w.duckdb", cwd=work, env=env)
    assert "articles loaded 5" in result.stdout
    installed = _sh(python, "-c", "import flows.resources as r; print(r.SQL, r.EXPECTATIONS)", cwd=work).stdout
    assert str(venv) in installed and str(source) not in installed
    with duckdb.connect(str(work / "w.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from fact_article").fetchone() == (5,)

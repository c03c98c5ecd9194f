"""Shared fixtures. Prefect and GX write their state into a temporary folder, never ~/.prefect."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI replays the same examples every time, so a red build is reproducible; local runs explore.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

_STATE = Path(tempfile.mkdtemp(prefix="wirehouse-tests-"))
os.environ.update({
    "PREFECT_HOME": str(_STATE / "prefect"),
    "PREFECT_LOCAL_STORAGE_PATH": str(_STATE / "prefect" / "storage"),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
})

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def inbox(tmp_path) -> Path:
    """A fresh copy of the seed articles."""
    target = tmp_path / "inbox"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def warehouse_path(tmp_path) -> Path:
    return tmp_path / "warehouse" / "wirehouse.duckdb"


def read_article(path: Path) -> str:
    from flows.decoding import decode
    return decode(path.read_bytes()).text

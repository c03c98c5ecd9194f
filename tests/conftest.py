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
STYLES = Path(__file__).parent / "fixtures" / "styles"     # invented pages in layouts users reported


# What two runs that should load the same must agree on, query by query.
FACTS = {
    "articles": """select source_file, headline, body, word_count, published_at, date_key, is_latest
                   from fact_article order by 1""",
    "sources": "select a.source_file, s.source_name from fact_article a join dim_source s using (source_key) order by all",
    "mentions": """select a.source_file, e.canonical_name, e.entity_type, m.char_start from fact_entity_mention m
                   join dim_entity e using (entity_key) join fact_article a using (article_key) order by all""",
    "quotes": """select a.source_file, q.char_start, e.canonical_name from fact_quote q
                 join fact_article a using (article_key) left join dim_entity e on e.entity_key = q.speaker_entity_key
                 order by all""",
    "copies": "select count(*), sum(shared_paragraphs) from fact_article_overlap",
    "stories": """select count(distinct story_key), count(story_key), max(label)
                  from fact_article join dim_story using (story_key)""",
    "ledger": "select source_file, outcome from file_ledger order by all",
    "marts": "select count(*) from mart_syndication_graph",
}


def facts(con) -> dict[str, list[tuple]]:
    """FACTS read through a connection (to a DuckDB file, or with a DuckLake attached)."""
    return {name: con.execute(sql).fetchall() for name, sql in FACTS.items()}


def chromium_dom(page: Path, offline: bool = False) -> str:
    """The DOM headless Chromium builds from a page (skips the test where Chromium is missing); with
    `offline`, every host name fails to resolve and every request goes to a dead proxy."""
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium package is not installed (make test installs it)")
    blocked = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"] if offline else []
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", *blocked,
         f"--user-data-dir={tempfile.mkdtemp()}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    return result.stdout


def query(path, sql, params=()) -> list[tuple]:
    """Rows of one query against a warehouse file, opened read-only."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def file_facts(path) -> dict[str, list[tuple]]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return facts(con)


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
    from flows.parse.decoding import decode
    return decode(path.read_bytes()).text

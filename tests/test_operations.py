"""Running it for real: schedules, artifacts, readers beside a running load, BI connections."""
from __future__ import annotations

import asyncio
import shutil
import warnings

import duckdb
import polars as pl
import pytest
import sqlalchemy as sa
import yaml
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from flows import settings
from flows.cli import app
from flows.run.flow import DEPLOYMENT, deployment, ingest

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]
CONTRACT_TABLES = ["dim_source", "dim_author", "dim_date", "dim_entity", "dim_story", "fact_article",
                   "bridge_article_author", "fact_entity_mention", "fact_quote", "fact_caption",
                   "fact_article_overlap", "etl_run", "quarantine"]
ARTICLE = ("Harbour reopens after storm\nLISBON (Reuters) - The port of Lisbon reopened on Tuesday after a storm "
           "forced the authorities to close it for two days, the harbour master said.\n")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("ops") / "inbox"
    shutil.copytree(SEEDS, inbox)
    path = inbox.parent / "w" / "wirehouse.duckdb"
    ingest(inbox, path)
    return inbox, path


def test_serve_registers_a_cron_schedule_with_one_run_at_a_time(tmp_path):
    from prefect.client.orchestration import get_client

    deployment(tmp_path / "inbox", tmp_path / "w.duckdb", cron="*/5 * * * *").apply()

    async def read():
        async with get_client() as client:
            return await client.read_deployment_by_name(f"ingest/{DEPLOYMENT}")
    registered = asyncio.run(read())
    assert [s.schedule.cron for s in registered.schedules] == ["*/5 * * * *"]
    assert registered.parameters["inbox"] == str(tmp_path / "inbox")
    assert registered.global_concurrency_limit.limit == 1


def test_each_run_publishes_a_markdown_artifact(loaded):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["wirehouse-run"])))
    artifacts = asyncio.run(read())
    assert artifacts and artifacts[0].type == "markdown"
    assert "| files seen |" in artifacts[0].data and "passed" in artifacts[0].data


def test_prefect_yaml_describes_the_same_deployment():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"][0]
    assert spec["name"] == DEPLOYMENT and spec["entrypoint"] == "flows/run/flow.py:ingest"
    assert spec["schedules"][0]["cron"] == settings.SETTINGS["cron"].default and spec["concurrency_limit"] == 1


def test_a_reader_beside_a_running_load(loaded):
    inbox, path = loaded
    reader = duckdb.connect(str(path), read_only=True)
    before = reader.execute("select count(*) from fact_article").fetchone()[0]
    (inbox / "new.txt").write_text(ARTICLE)
    summary = ingest(inbox, path)
    assert summary.ok and summary.files_loaded == 1
    assert reader.execute("select count(*) from fact_article").fetchone()[0] == before   # still working
    reader.close()
    with duckdb.connect(str(path), read_only=True) as fresh:
        assert fresh.execute("select count(*) from fact_article").fetchone()[0] == before + 1


def test_bi_tools_reflect_the_star_schema_through_sqlalchemy(loaded):
    _, path = loaded
    engine = sa.create_engine(f"duckdb:///{path}", connect_args={"read_only": True})
    metadata = sa.MetaData()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # duckdb-engine: "no reflection on indices yet"
        metadata.reflect(bind=engine, only=CONTRACT_TABLES)
    assert set(metadata.tables) == set(CONTRACT_TABLES)
    assert {"article_key", "headline", "published_at", "source_key"} <= set(metadata.tables["fact_article"].columns.keys())
    with engine.connect() as con:
        assert con.execute(sa.select(sa.func.count()).select_from(metadata.tables["fact_article"])).scalar() >= 5
    engine.dispose()


def test_export_writes_parquet_for_every_table_and_view(loaded, tmp_path):
    _, path = loaded
    result = CliRunner().invoke(app, ["export", "--warehouse", str(path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(path), read_only=True) as con:
        every = {n for (n,) in con.execute("select table_name from information_schema.tables "
                                           "where table_schema = 'main'").fetchall()}
    assert {p.stem for p in tmp_path.glob("*.parquet")} == every
    assert {"file_ledger", "validation_result", "mart_syndication_graph"} <= every
    assert pl.read_parquet(tmp_path / "fact_article.parquet").height >= 5

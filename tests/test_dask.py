"""Past one machine: parsing and NER as tasks on a local Dask cluster, loading in one writer."""
from __future__ import annotations

import shutil

import duckdb
import pytest
from prefect_dask import DaskTaskRunner

from conftest import SEEDS
from flows.pipeline import ingest

pytestmark = pytest.mark.usefixtures("prefect_harness")
FACTS = {
    "articles": "select source_file, headline, word_count, date_key from fact_article order by 1",
    "mentions": """select a.source_file, e.canonical_name, e.entity_type, m.char_start from fact_entity_mention m
                   join dim_entity e using (entity_key) join fact_article a using (article_key) order by all""",
    "quotes": """select a.source_file, q.char_start, e.canonical_name from fact_quote q
                 join fact_article a using (article_key) left join dim_entity e on e.entity_key = q.speaker_entity_key
                 order by all""",
    "copies": "select count(*), sum(shared_paragraphs) from fact_article_overlap",
    "stories": "select count(distinct story_key) from fact_article",
}


def _facts(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in FACTS.items()}


def test_a_dask_run_loads_what_a_local_run_loads(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    ingest(inbox, tmp_path / "local" / "w.duckdb")
    on_cluster = ingest.with_options(task_runner=DaskTaskRunner(
        cluster_kwargs={"n_workers": 2, "processes": True, "threads_per_worker": 1}))
    summary = on_cluster(inbox, tmp_path / "dask" / "w.duckdb", chunk_files=2)   # 3 parse tasks, 3 NER tasks
    assert summary.ok and summary.files_loaded == 5
    assert _facts(tmp_path / "dask" / "w.duckdb") == _facts(tmp_path / "local" / "w.duckdb")

"""Past one machine: parsing and NER as tasks on a local Dask cluster, loading in one writer."""
from __future__ import annotations

import shutil

import pytest
from conftest import SEEDS, file_facts
from prefect_dask import DaskTaskRunner

from flows.run.flow import ingest

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def test_a_dask_run_loads_what_a_local_run_loads(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    ingest(inbox, tmp_path / "local" / "w.duckdb")
    on_cluster = ingest.with_options(task_runner=DaskTaskRunner(
        cluster_kwargs={"n_workers": 2, "processes": True, "threads_per_worker": 1}))
    summary = on_cluster(inbox, tmp_path / "dask" / "w.duckdb", chunk_files=2)   # 3 tasks of parsing and NER
    assert summary.ok and summary.files_loaded == 5
    assert file_facts(tmp_path / "dask" / "w.duckdb") == file_facts(tmp_path / "local" / "w.duckdb")


def test_wirehouse_run_on_a_local_cluster_prints_its_summary_not_the_clusters_log(tmp_path):
    import subprocess

    from conftest import ROOT

    result = subprocess.run([str(ROOT / ".venv" / "bin" / "wirehouse"), "run", "--inbox", str(SEEDS),
                             "--warehouse", str(tmp_path / "w.duckdb"), "--dask", "local"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "distributed." not in result.stderr and len(result.stderr.splitlines()) < 5

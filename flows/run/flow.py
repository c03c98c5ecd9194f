"""The `ingest` Prefect flow: the run loop (flows/run/loop.py) with each step a Prefect task.

Prefect adds what a scheduled pipeline needs: retries of staging, a log and a state per step, the
run's summary as an artifact, deployments for `wirehouse serve`, and Dask clusters as task runners.
Large arguments reach tasks `quote`d, or Prefect would walk every span and row looking for futures.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "wirehouse")   # the loop's log, in each run's log

from prefect import flow, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.utilities.annotations import quote, unmapped  # noqa: E402

from flows.run import loop  # noqa: E402
from flows.run.summary import RunSummary, markdown  # noqa: E402

DEPLOYMENT = "wirehouse-ingest"


def _as_task(fn, **options):
    """`fn` as a Prefect task, its arguments quoted."""
    as_task = task(fn, cache_policy=NO_CACHE, **options)
    return lambda *args: as_task(*(quote(a) for a in args))


STEPS = loop.Steps(stage=_as_task(loop.stage, retries=2, retry_delay_seconds=2),
                   find_entities=_as_task(loop.find_entities), validate=_as_task(loop.validate),
                   load_batch=_as_task(loop.Steps.load_batch), finish_run=_as_task(loop.Steps.finish_run))


@task(cache_policy=NO_CACHE)
def run_piece(fn, piece, args: tuple):
    """One piece of parsing or NER as a task of its own, for a task runner with workers elsewhere."""
    return fn(piece, *args)


class OnTaskRunner:
    """Share parsing and NER out as `run_piece` tasks on the flow's task runner (a Dask cluster)."""

    def __init__(self, files_per_task: int):
        self.files_per_task = files_per_task

    def submit(self, fn, items, *args) -> list:
        pieces = [items[i:i + self.files_per_task] for i in range(0, len(items), self.files_per_task)]
        return list(run_piece.with_options(name=fn.__name__).map(fn, pieces, unmapped(args))) if pieces else []

    def close(self) -> None:
        pass


@flow(name="ingest", log_prints=True)
def ingest(inbox: Path, warehouse_path: Path, chunk_files: int | None = None, batch_files: int | None = None,
           workers: int | None = None, lake: str | None = None, lake_data: str | None = None) -> RunSummary:
    """Load every new article file in `inbox` into the warehouse (see flows.run.loop.run).
    With `chunk_files`, parsing and NER run as tasks of that many files on the flow's task runner."""
    summary = loop.run(inbox, warehouse_path, steps=STEPS, spread=OnTaskRunner(chunk_files) if chunk_files else None,
                       batch_files=batch_files, processes=workers, lake=lake, lake_data=lake_data,
                       run_id=str(flow_run.id) if flow_run.id else None)
    create_markdown_artifact(key="wirehouse-run", markdown=markdown(summary),
                             description=f"wirehouse run: {summary.status}")
    return summary


def on_dask(address: str = "local"):
    """`ingest` with its parse and NER tasks on a Dask cluster: a local one, or one at an address.

    Workers read raw files from the warehouse's raw store, so a remote cluster needs that folder
    on shared storage; the load still happens in this process, the only writer.
    """
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")    # a cluster's start and stop: dozens of lines
    from prefect_dask import DaskTaskRunner

    runner = (DaskTaskRunner(cluster_kwargs={"n_workers": os.cpu_count() or 2, "threads_per_worker": 1,
                                             "silence_logs": logging.ERROR})
              if address == "local" else DaskTaskRunner(address=address))
    return ingest.with_options(task_runner=runner)


def deployment(inbox: Path, warehouse_path: Path, cron: str | None = None, interval: float | None = None):
    """The scheduled `ingest` deployment that `wirehouse serve` serves, on a cron schedule or every
    `interval` seconds: one run at a time."""
    return ingest.to_deployment(name=DEPLOYMENT, cron=cron, interval=interval, concurrency_limit=1,
                                parameters={"inbox": str(inbox), "warehouse_path": str(warehouse_path)},
                                description="Ingest every new article file in the inbox into the warehouse.")

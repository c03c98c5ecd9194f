"""The `ingest` flow: stage the inbox, parse the new files, validate them, load the warehouse."""
from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from pathlib import Path

import polars as pl

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.utilities.annotations import unmapped  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402

from flows import ner, overlap, runs, settings, staging, validation, warehouse  # noqa: E402
from flows.annotate import annotate  # noqa: E402
from flows.ner import SpanCache  # noqa: E402
from flows.outlets import load_outlets  # noqa: E402
from flows.parsing import ParsedBatch, parse_files, read_from  # noqa: E402

DEFAULT_INBOX = Path(settings.INBOX)
DEFAULT_WAREHOUSE = Path(settings.WAREHOUSE)
LOCK_WAIT_SECONDS = 0
DEPLOYMENT = "wirehouse-ingest"


def raw_dir(warehouse_path: Path) -> Path:
    return Path(warehouse_path).parent / "raw"


def docs_dir(warehouse_path: Path) -> Path:
    return Path(warehouse_path).parent / "data_docs"


def cache_dir(warehouse_path: Path) -> Path:
    return Path(warehouse_path).parent / "cache" / "ner"


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def stage(inbox: Path, warehouse_path: Path) -> pl.DataFrame:
    """Hash every inbox file, decide which are new, and keep the new ones' bytes."""
    staged = staging.classify_files(staging.scan_inbox(inbox, raw_dir(warehouse_path)),
                                    warehouse.loaded_content(warehouse_path))
    written = staging.keep_raw_copies(staged.filter(pl.col("outcome") == "new"), inbox, raw_dir(warehouse_path))
    get_run_logger().info("staged %d files, %d new contents stored", staged.height, written)
    return staged


@task(cache_policy=NO_CACHE)
def parse(files: pl.DataFrame, warehouse_path: Path) -> ParsedBatch:
    batch = parse_files(files, read_from(raw_dir(warehouse_path)))
    get_run_logger().info("parsed %d articles, %d files refused", batch.articles.height, batch.rejects.height)
    return batch


@task(cache_policy=NO_CACHE)
def propose_entities(items: list[tuple[str, str]], warehouse_path: Path, processes: int | None) -> dict:
    """The model's entity proposals for (sha256, body) pairs, cached by content: the NER work."""
    return ner.propose_cached(items, SpanCache(cache_dir(warehouse_path)), processes=processes)


@task(cache_policy=NO_CACHE)
def find_entities(batch: ParsedBatch, spans: dict, warehouse_path: Path) -> ParsedBatch:
    """Mentions, canonical entities and quotations, from the proposals: one process sees them all."""
    batch = annotate(batch, warehouse.known_entities(warehouse_path), spans=spans)
    get_run_logger().info("found %d mentions of %d entities, %d quotes",
                          batch.mentions.height, batch.entities.height, batch.quotes.height)
    return batch


@task(cache_policy=NO_CACHE)
def validate(batch: ParsedBatch, now: dt.datetime, warehouse_path: Path) -> validation.ValidationOutcome:
    known = {name for name, _, _ in warehouse.known_entities(warehouse_path)}
    checked = validation.validate_batch(batch, now, docs_dir(warehouse_path), known_entities=known)
    get_run_logger().info("validation %s, %d rows quarantined",
                          "passed" if checked.passed else "FAILED", checked.quarantine.height)
    return checked


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def load(warehouse_path: Path, frames: dict[str, pl.DataFrame]) -> None:
    warehouse.load(warehouse_path, frames)


def _frames(summary: runs.RunSummary, staged: pl.DataFrame, batch: ParsedBatch, paragraphs: pl.DataFrame,
            quarantine: pl.DataFrame, results: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return {
        "stg_article": batch.articles, "stg_author": batch.authors, "stg_caption": batch.captions,
        "stg_entity": batch.entities, "stg_mention": batch.mentions, "stg_quote": batch.quotes,
        "stg_paragraph": paragraphs,
        "stg_outlet": runs.outlet_frame(load_outlets()),
        "stg_file": runs.file_outcomes(staged, set(batch.articles["content_sha256"])),
        "stg_quarantine": quarantine, "stg_validation": results,
        "stg_run": runs.run_frame(summary, dt.datetime.now(dt.timezone.utc)),
    }


def _in_chunks(task_, items, chunk: int | None, *args) -> list:
    """Run a task over items: in this process when `chunk` is None, else mapped over chunks of
    that size on the flow's task runner (a Dask cluster, with `wirehouse run --dask`)."""
    if chunk is None:
        return [task_(items, *args)]
    pieces = [items[i:i + chunk] for i in range(0, len(items), chunk)] or [items[:0]]
    return [future.result() for future in task_.map(pieces, *(unmapped(a) for a in args))]


@flow(name="ingest", log_prints=True)
def ingest(inbox: Path = DEFAULT_INBOX, warehouse_path: Path = DEFAULT_WAREHOUSE,
           chunk_files: int | None = None) -> runs.RunSummary:
    """Load every new article file in `inbox` into the DuckDB warehouse at `warehouse_path`.

    With `chunk_files`, parsing and NER run as many tasks of that many files each, for a task
    runner that spreads them over a cluster; loading stays here, the only writer.
    """
    inbox, warehouse_path = Path(inbox), Path(warehouse_path)
    summary = runs.RunSummary(run_id=str(flow_run.id or uuid.uuid4()), inbox=str(inbox),
                              warehouse=str(warehouse_path), started_at=dt.datetime.now(dt.timezone.utc))
    clock = time.perf_counter()

    def lap(stage_name: str) -> None:
        nonlocal clock
        summary.stage_seconds[stage_name] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()

    with warehouse.write_lock(warehouse_path, LOCK_WAIT_SECONDS):
        staged = stage(inbox, warehouse_path)
        lap("stage")
        new = staged.filter(pl.col("outcome") == "new")
        batch = ParsedBatch.concat(_in_chunks(parse, new, chunk_files, warehouse_path))
        lap("parse")
        items = list(batch.articles.select("content_sha256", "body").iter_rows())
        spans = {sha: found for part in _in_chunks(propose_entities, items, chunk_files, warehouse_path,
                                                   1 if chunk_files else None) for sha, found in part.items()}
        batch = find_entities(batch, spans, warehouse_path)
        lap("entities")
        checked = validate(batch, summary.started_at, warehouse_path)
        lap("validate")
        loadable = checked.batch if checked.passed else checked.batch.without(set(checked.batch.articles["content_sha256"]))
        quarantine = runs.quarantine_rows(staged, batch, checked)
        runs.summarize(summary, staged, loadable, checked, quarantine)
        paragraphs = overlap.paragraphs_of(loadable.articles)
        lap("fingerprint")
        load(warehouse_path, _frames(summary, staged, loadable, paragraphs, quarantine, checked.results))
        lap("load")
    create_markdown_artifact(key="wirehouse-run", markdown=runs.markdown(summary),
                             description=f"wirehouse run: {summary.status}")
    get_run_logger().info("run %s: %s, %d articles loaded", summary.run_id, summary.status, summary.articles_loaded)
    return summary


def on_dask(address: str = "local"):
    """`ingest` with its parse and NER tasks on a Dask cluster: a local one, or one at an address.

    Workers read raw files from the warehouse's raw store, so a remote cluster needs that folder
    on shared storage; the load still happens in this process, the only writer.
    """
    from prefect_dask import DaskTaskRunner

    runner = (DaskTaskRunner(cluster_kwargs={"n_workers": os.cpu_count() or 2, "threads_per_worker": 1})
              if address == "local" else DaskTaskRunner(address=address))
    return ingest.with_options(task_runner=runner)


def deployment(cron: str = settings.SCHEDULE_CRON, inbox: Path = DEFAULT_INBOX,
               warehouse_path: Path = DEFAULT_WAREHOUSE):
    """The scheduled `ingest` deployment that `wirehouse serve` serves: one run at a time."""
    return ingest.to_deployment(name=DEPLOYMENT, cron=cron, concurrency_limit=1,
                                parameters={"inbox": str(inbox), "warehouse_path": str(warehouse_path)},
                                description="Ingest every new article file in the inbox into the warehouse.")

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
from prefect.utilities.annotations import quote, unmapped  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402

from flows import overlap, runs, settings, staging, validation, warehouse  # noqa: E402
from flows import lake as lake_module  # noqa: E402
from flows import workers as workers_module  # noqa: E402
from flows.annotate import annotate  # noqa: E402
from flows.outlets import load_outlets  # noqa: E402
from flows.parsing import ParsedBatch  # noqa: E402

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
def stage(inbox: Path, warehouse_path: Path, con) -> pl.DataFrame:
    """Hash every inbox file (unless unchanged since it was last hashed), decide which are new,
    and keep the new ones' bytes."""
    scanned = staging.scan_inbox(inbox, raw_dir(warehouse_path), warehouse.unchanged_files(con, inbox))
    staged = staging.classify_files(scanned, warehouse.loaded_content(con))
    written = staging.keep_raw_copies(staged.filter(pl.col("outcome") == "new"), inbox, raw_dir(warehouse_path))
    get_run_logger().info("staged %d files, %d new contents stored", staged.height, written)
    return staged


@task(cache_policy=NO_CACHE)
def find_entities(batch: ParsedBatch, spans: dict, known: list[tuple[str, str, int]]) -> ParsedBatch:
    """Mentions, canonical entities and quotations, from the proposals: one process sees the batch.
    `known` holds the warehouse's entities, whose identities new mentions keep."""
    batch = annotate(batch, known, spans=spans)
    get_run_logger().info("found %d mentions of %d entities, %d quotes",
                          batch.mentions.height, batch.entities.height, batch.quotes.height)
    return batch


@task(cache_policy=NO_CACHE)
def validate(batch: ParsedBatch, now: dt.datetime, validator: validation.Validator,
             known: list[tuple[str, str, int]]) -> validation.ValidationOutcome:
    checked = validator.check(batch, now, known_entities={name for name, _, _ in known})
    get_run_logger().info("validation %s, %d rows quarantined",
                          "passed" if checked.passed else "FAILED", checked.quarantine.height)
    return checked


@task(cache_policy=NO_CACHE)
def load_batch(con, frames: dict[str, pl.DataFrame], commit: bool) -> None:
    warehouse.load_batch(con, frames, commit)


@task(cache_policy=NO_CACHE)
def finish_run(con, frames: dict[str, pl.DataFrame], articles_added: bool, search_index: bool) -> None:
    warehouse.finish_run(con, frames, articles_added, search_index)


@task(cache_policy=NO_CACHE)
def run_piece(fn, piece, args: tuple):
    """One piece of parsing or NER as a task of its own, for a task runner with workers elsewhere."""
    return fn(piece, *args)


class _OnTaskRunner:
    """Share work out as `run_piece` tasks on the flow's task runner (a Dask cluster)."""

    def __init__(self, files_per_task: int):
        self.files_per_task = files_per_task

    def submit(self, fn, items, *args) -> list:
        pieces = [items[i:i + self.files_per_task] for i in range(0, len(items), self.files_per_task)]
        return list(run_piece.with_options(name=fn.__name__).map(fn, pieces, unmapped(args))) if pieces else []

    def close(self) -> None:
        pass


def _prepared_batches(spread, new: pl.DataFrame, batch_files: int, warehouse_path: Path):
    """Each batch parsed, with the model's proposals, from the workers. The next batch is handed
    to them before this one is waited for, so they go on with it while this process loads."""
    bounds = workers_module.batch_bounds(new.height, batch_files)

    def hand_out(position: int) -> list:
        if position >= len(bounds):
            return []
        start, end = bounds[position]
        return spread.submit(workers_module.prepare, new[start:end], raw_dir(warehouse_path), cache_dir(warehouse_path))

    ahead = hand_out(0)
    for position in range(len(bounds)):
        current, ahead = ahead, hand_out(position + 1)
        yield workers_module.combine([future.result() for future in current])


def _batch_frames(batch: ParsedBatch, paragraphs: pl.DataFrame, run: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return {"stg_article": batch.articles, "stg_author": batch.authors, "stg_caption": batch.captions,
            "stg_entity": batch.entities, "stg_mention": batch.mentions, "stg_quote": batch.quotes,
            "stg_paragraph": paragraphs, "stg_outlet": runs.outlet_frame(load_outlets()), "stg_run": run}


@flow(name="ingest", log_prints=True)
def ingest(inbox: Path = DEFAULT_INBOX, warehouse_path: Path = DEFAULT_WAREHOUSE,
           chunk_files: int | None = None, batch_files: int = settings.BATCH_FILES,
           workers: int = settings.WORKERS, lake: str | None = settings.LAKE,
           lake_data: str | None = settings.LAKE_DATA) -> runs.RunSummary:
    """Load every new article file in `inbox` into the DuckDB warehouse at `warehouse_path`, or,
    given `lake` (a DuckLake catalog, "postgres:dbname=wirehouse host=..."), into that DuckLake
    with its Parquet files under `lake_data`; the raw store and caches stay beside `warehouse_path`.

    New files go through in batches of `batch_files`, so memory stays flat however many there are.
    Parsing and NER run on `workers` processes; with `chunk_files`, instead, as tasks of that many
    files on the flow's task runner (a Dask cluster). Loading stays here, the only writer, and the
    run is published whole at the end. Large values go to tasks `quote`d: Prefect would otherwise
    walk every span and row looking for futures.
    """
    inbox, warehouse_path = Path(inbox), Path(warehouse_path)
    summary = runs.RunSummary(run_id=str(flow_run.id or uuid.uuid4()), inbox=str(inbox),
                              warehouse=str(warehouse_path), started_at=dt.datetime.now(dt.timezone.utc))
    clock, cpu_clock = time.perf_counter(), time.thread_time()

    def lap(stage_name: str) -> None:
        nonlocal clock, cpu_clock
        summary.add_time(stage_name, time.perf_counter() - clock, time.thread_time() - cpu_clock)
        clock, cpu_clock = time.perf_counter(), time.thread_time()

    loaded, failures, refused, results, validator = set(), [], [], [], None
    target = (lake_module.session(lake, Path(lake_data) if lake_data else None, summary.run_id) if lake
              else warehouse.replacing(warehouse_path))
    with warehouse.write_lock(warehouse_path, LOCK_WAIT_SECONDS), target as con:
        staged = stage(inbox, warehouse_path, con)
        new = staged.filter(pl.col("outcome") == "new")
        spread = _OnTaskRunner(chunk_files) if chunk_files else workers_module.for_run(new.height, workers)
        lap("stage")
        try:
            for prepared in _prepared_batches(spread, new, batch_files, warehouse_path):
                lap("wait for workers")
                summary.add_time("parse", None, prepared.parse_cpu_seconds)
                summary.add_time("ner", None, prepared.ner_cpu_seconds)
                known = warehouse.known_entities(con)
                batch = find_entities(quote(prepared.batch), quote(prepared.spans), quote(known))
                lap("entities")
                validator = validator or validation.Validator(docs_dir(warehouse_path))
                checked = validate(quote(batch), summary.started_at, validator, quote(known))
                lap("validate")
                loadable = checked.batch if checked.passed else checked.batch.without(set(batch.articles["content_sha256"]))
                paragraphs = overlap.paragraphs_of(loadable.articles)
                lap("fingerprint")
                load_batch(con, quote(_batch_frames(loadable, paragraphs, runs.run_frame(summary, _now()))),
                           commit=not lake)
                lap("load")
                loaded |= set(loadable.articles["content_sha256"])
                failures += [f for f in checked.failures if f not in failures]
                refused.append(runs.batch_quarantine(batch, checked))
                results.append(checked.results)
        finally:
            spread.close()
        quarantine = pl.concat([runs.unreadable_rows(staged), *refused])
        runs.summarize(summary, staged, loaded, failures, quarantine)
        finish_run(con, quote({"stg_file": runs.file_outcomes(staged, loaded), "stg_quarantine": quarantine,
                               "stg_validation": pl.concat(results) if results else pl.DataFrame(schema=validation.RESULT_SCHEMA),
                               "stg_run": runs.run_frame(summary, _now())}), articles_added=bool(loaded),
                   search_index=not lake)
        if validator is not None:
            validator.build_docs()
        lap("finish")
    create_markdown_artifact(key="wirehouse-run", markdown=runs.markdown(summary),
                             description=f"wirehouse run: {summary.status}")
    get_run_logger().info("run %s: %s, %d articles loaded", summary.run_id, summary.status, summary.articles_loaded)
    return summary


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


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

"""The run loop: stage the inbox, then, batch after batch, parse, find entities, validate and load.

Plain Python: a library call, a test or a benchmark runs a whole ingest with `run(...)`, no Prefect
server needed. `flows/run/flow.py` runs the same loop as a Prefect flow by handing it `Steps`
whose functions are Prefect tasks.

New files go through in batches, so memory stays flat however many there are. Parsing, NER and
the signals (tone, themes, amounts: flows/signals) run on worker processes (flows/run/workers.py)
a batch ahead of this process, which is the only writer: it annotates, validates and loads each
batch into a private draft of the warehouse, and publishes the run whole at the end
(flows/load/warehouse.py).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import polars as pl

from flows import settings
from flows.batch import RESULT_SCHEMA, ParsedBatch
from flows.entities.annotate import annotate
from flows.load import fingerprints, warehouse
from flows.load import lake as lake_module
from flows.parse.outlets import load_outlets
from flows.run import summary as summaries
from flows.run import workers
from flows.signals.stage import taxonomy_frame
from flows.stage.inbox import classify_files, scan_inbox
from flows.stage.raw_store import keep_raw_copies
from flows.validate import page as validation_page
from flows.validate import quarantine
from flows.validate.expectations import ValidationOutcome

log = logging.getLogger("wirehouse")
# A second run does not wait for the lock: it says the warehouse is busy.
LOCK_WAIT_SECONDS = 0
Known = list[tuple[str, str, int]]     # (canonical_name, entity_type, mentions) of the warehouse's entities


# --- the steps -----------------------------------------------------------------------------------

def stage(inbox: Path, warehouse_path: Path, con) -> pl.DataFrame:
    """Hash every inbox file (unless unchanged since it was last hashed), decide which are new,
    and keep the new ones' bytes."""
    raw = warehouse.Beside.of(warehouse_path).raw
    scanned = scan_inbox(inbox, raw, warehouse.unchanged_files(con, inbox))
    staged = classify_files(scanned, warehouse.loaded_content(con))
    written = keep_raw_copies(staged.filter(pl.col("outcome") == "new"), inbox, raw)
    log.info("staged %d files, %d new contents stored", staged.height, written)
    return staged


def find_entities(batch: ParsedBatch, spans: dict, known: Known) -> ParsedBatch:
    """Mentions, canonical entities and quotations from the model's proposals: one process sees
    the whole batch. Names keep the identities the warehouse's entities (`known`) gave them."""
    batch = annotate(batch, known, spans=spans)
    log.info("found %d mentions of %d entities, %d quotes",
             batch.mentions.height, batch.entities.height, batch.quotes.height)
    return batch


def validate(batch: ParsedBatch, now: dt.datetime, validator: workers.ValidationWorker, known: Known) -> ValidationOutcome:
    checked = validator.check(batch, now, known_entities={name for name, _, _ in known})
    log.info("validation %s, %d rows quarantined", "passed" if checked.passed else "FAILED", checked.quarantine.height)
    return checked


@dataclass(frozen=True)
class Steps:
    """The steps a run calls, in this order; the Prefect flow passes them wrapped as tasks."""
    stage: Callable = stage
    find_entities: Callable = find_entities
    validate: Callable = validate
    load_batch: Callable = warehouse.load_batch
    finish_run: Callable = warehouse.finish_run


# --- the loop ------------------------------------------------------------------------------------

class _Clock:
    """Wall and CPU seconds of each stage, added to the run's summary."""

    def __init__(self, summary: summaries.RunSummary):
        self.summary, self.wall, self.cpu = summary, time.perf_counter(), time.thread_time()

    def lap(self, stage_name: str) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        self.summary.add_time(stage_name, wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu


def _prepared_batches(spread, new: pl.DataFrame, batch_files: int, warehouse_path: Path):
    """Each batch parsed, with the model's proposals, from the workers. The next batch is handed
    to them before this one is waited for, so they go on with it while this process loads."""
    bounds = workers.batch_bounds(new.height, batch_files)

    def hand_out(position: int) -> list:
        if position >= len(bounds):
            return []
        start, end = bounds[position]
        beside = warehouse.Beside.of(warehouse_path)
        return spread.submit(workers.prepare, new[start:end], beside.raw, beside.ner_cache)

    ahead = hand_out(0)
    for position in range(len(bounds)):
        current, ahead = ahead, hand_out(position + 1)
        yield workers.combine([future.result() for future in current])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class _Outcomes:
    """What the batches of one run came to."""
    loaded: set = field(default_factory=set)            # content hashes loaded
    failures: list = field(default_factory=list)        # critical expectations that refused a batch
    refused: list = field(default_factory=list)         # quarantine frames
    results: list = field(default_factory=list)         # validation result frames

    def add(self, batch: ParsedBatch, checked: ValidationOutcome, loadable: ParsedBatch) -> None:
        self.loaded |= set(loadable.articles["content_sha256"])
        self.failures += [f for f in checked.failures if f not in self.failures]
        self.refused += [quarantine.not_articles(batch.rejects), checked.quarantine]
        if not checked.passed:
            self.refused.append(quarantine.refused_batch(batch.articles, checked.failures))
        self.results.append(checked.results)


def _load_batches(con, new: pl.DataFrame, summary, clock: _Clock, steps: Steps, spread, validator,
                  batch_files: int, warehouse_path: Path, commit: bool) -> _Outcomes:
    """Each batch: the workers' parse and proposals, then entities, validation and load here."""
    outcomes, outlets = _Outcomes(), summaries.outlet_frame(load_outlets())
    for prepared in _prepared_batches(spread, new, batch_files, warehouse_path):
        clock.lap("wait for workers")
        summary.add_time("parse", None, prepared.parse_cpu_seconds)
        summary.add_time("ner", None, prepared.ner_cpu_seconds)
        summary.add_time("signals", None, prepared.signals_cpu_seconds)
        known = warehouse.known_entities(con)
        batch = steps.find_entities(prepared.batch, prepared.spans, known)
        clock.lap("entities")
        checked = steps.validate(batch, summary.started_at, validator, known)
        clock.lap("validate")
        loadable = checked.batch if checked.passed else checked.batch.without(set(batch.articles["content_sha256"]))
        paragraphs = fingerprints.paragraphs_of(loadable.articles)
        clock.lap("fingerprint")
        steps.load_batch(con, loadable.load_frames(paragraphs, outlets, summaries.run_frame(summary, _now()),
                                                   taxonomy_frame()), commit)
        clock.lap("load")
        outcomes.add(batch, checked, loadable)
    return outcomes


def run(inbox: Path, warehouse_path: Path, *, steps: Steps = Steps(), spread=None, batch_files: int | None = None,
        processes: int | None = None, lake: str | None = None, lake_data: str | None = None,
        run_id: str | None = None) -> summaries.RunSummary:
    """Load every new article file in `inbox` into the DuckDB warehouse at `warehouse_path`, or,
    given `lake` (a DuckLake catalog, "postgres:dbname=wirehouse host=..."), into that DuckLake
    with its Parquet files under `lake_data`; the raw store and caches stay beside `warehouse_path`.

    Parsing and NER run on `processes` worker processes, or on `spread` when given (anything with
    `submit(fn, items, *args) -> futures` and `close()`, such as the Prefect flow's Dask tasks).
    The suites are checked in a process of their own, started once there is something to check.
    What is not given comes from the settings (flows/settings.py).
    """
    config = settings.current()
    batch_files, processes = batch_files or config.batch_files, processes or config.workers
    lake, lake_data = lake or config.lake or None, lake_data or config.lake_data or None
    inbox, warehouse_path = Path(inbox), Path(warehouse_path)
    summary = summaries.RunSummary(run_id=run_id or str(uuid.uuid4()), inbox=str(inbox), warehouse=str(warehouse_path),
                                   started_at=_now())
    clock = _Clock(summary)
    target = (lake_module.session(lake, Path(lake_data) if lake_data else None, summary.run_id) if lake
              else warehouse.replacing(warehouse_path))
    with warehouse.write_lock(warehouse_path, LOCK_WAIT_SECONDS), target as con, contextlib.ExitStack() as stack:
        staged = steps.stage(inbox, warehouse_path, con)
        new = staged.filter(pl.col("outcome") == "new")
        share = stack.enter_context(contextlib.closing(spread or workers.for_run(new.height, processes)))
        validator = stack.enter_context(contextlib.closing(workers.ValidationWorker())) if new.height else None
        clock.lap("stage")
        outcomes = _load_batches(con, new, summary, clock, steps, share, validator, batch_files, warehouse_path,
                                 commit=not lake)
        refused = pl.concat([quarantine.unreadable(staged), *outcomes.refused])
        summaries.summarize(summary, staged, outcomes.loaded, outcomes.failures, refused)
        results = pl.concat(outcomes.results) if outcomes.results else pl.DataFrame(schema=RESULT_SCHEMA)
        steps.finish_run(con, {"stg_file": summaries.file_outcomes(staged, outcomes.loaded), "stg_quarantine": refused,
                               "stg_validation": results, "stg_run": summaries.run_frame(summary, _now())},
                         bool(outcomes.loaded), not lake)
    validation_page.write(warehouse.Beside.of(warehouse_path).validation_page, summary, results, refused)
    clock.lap("finish")
    log.info("run %s: %s, %d articles loaded", summary.run_id, summary.status, summary.articles_loaded)
    return summary

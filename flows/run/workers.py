"""Worker processes for the CPU-bound stages: parsing, named-entity recognition and signals.

`prepare` is what a worker does with a piece of a batch: parse the files, have the model propose
entities for the bodies (or take them from the cache), and find each article's tone, themes and
amounts (flows/signals, cached beside the NER cache). One pool serves a whole run. Its
processes fork from a server that loaded the parsers' data and the model (flows.run.preload) while
the inbox was being staged; they share that one copy and keep it from batch to batch. The flow
hands them the next batch before it annotates and loads the current one, so the cores never
wait for the loader. A run too small to repay a pool works in-process.
"""
from __future__ import annotations

import math
import multiprocessing
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from flows.batch import ParsedBatch
from flows.entities import ner
from flows.parse.files import parse_stored
from flows.signals.stage import SignalCache, find_signals

# A run with fewer new files than this parses and finds entities in the calling process.
MIN_FILES_FOR_POOL = 400
# The smallest batch the halving at the end of a run makes.
TAIL_BATCH_MIN = 250
# Pieces of work per process and batch: enough to even out slow pieces, few enough to stay cheap.
PIECES_PER_PROCESS = 4
# What the fork server imports once, so that every worker starts with it.
PRELOAD = ["flows.run.preload"]


def batch_bounds(total: int, size: int) -> list[tuple[int, int]]:
    """(start, end) of each batch: `size` files, then halves of what is left. The workers sit idle
    while this process loads the last batch, so the last batches are the smallest."""
    bounds, start = [], 0
    while start < total:
        left = total - start
        step = size if left > 2 * size else min(size, max(left // 2, TAIL_BATCH_MIN))
        if left <= size and left - step < TAIL_BATCH_MIN:
            step = left
        step = min(step, left)
        bounds.append((start, start + step))
        start += step
    return bounds


def pieces(items, processes: int) -> list:
    """Items (a list or a polars frame) cut into about PIECES_PER_PROCESS slices per process."""
    size = max(1, math.ceil(len(items) / (processes * PIECES_PER_PROCESS)))
    return [items[i:i + size] for i in range(0, len(items), size)]


@dataclass
class Prepared:
    batch: ParsedBatch
    spans: dict[str, list[ner.Span]]      # the model's proposals by content hash
    parse_cpu_seconds: float
    ner_cpu_seconds: float
    signals_cpu_seconds: float


def prepare(files, raw_dir: Path, cache_dir: Path | None, model: str | None = None) -> Prepared:
    """Parse a piece of a batch, propose entities for its bodies and find its signals, with the CPU
    time of each. `cache_dir` holds the NER cache; the signals cache sits beside it."""
    started = time.process_time()
    batch = parse_stored(files, raw_dir)
    parsed = time.process_time()
    items = list(batch.articles.select("content_sha256", "body").iter_rows())
    spans = ner.propose_cached(items, ner.SpanCache(cache_dir, model) if cache_dir else None, model, processes=1)
    proposed = time.process_time()
    signal_cache = SignalCache(cache_dir.parent / "signals") if cache_dir else None
    batch = replace(batch, **find_signals(batch.articles, signal_cache))
    return Prepared(batch, spans, parsed - started, proposed - parsed, time.process_time() - proposed)


def combine(prepared: list[Prepared]) -> Prepared:
    """The pieces of one batch as one."""
    return Prepared(ParsedBatch.concat([p.batch for p in prepared]),
                    {sha: spans for p in prepared for sha, spans in p.spans.items()},
                    sum(p.parse_cpu_seconds for p in prepared), sum(p.ner_cpu_seconds for p in prepared),
                    sum(p.signals_cpu_seconds for p in prepared))


class InProcess:
    """The same interface as Pool, for small runs and tests: the work happens here, at once."""

    def submit(self, fn, items, *args) -> list[Future]:
        done: Future = Future()
        done.set_result(fn(items, *args))
        return [done]

    def close(self) -> None:
        pass


class Pool:
    """A process pool that starts warming up as soon as it is made."""

    def __init__(self, processes: int):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self.processes = processes
        self._executor = ProcessPoolExecutor(processes, mp_context=context)
        self._started = [self._executor.submit(_ready) for _ in range(processes)]

    def submit(self, fn, items, *args) -> list[Future]:
        """fn(piece, *args) for each piece of items, queued behind what was submitted before."""
        return [self._executor.submit(fn, piece, *args) for piece in pieces(items, self.processes)]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class ValidationWorker:
    """The expectation suites checked in a process of their own. Great Expectations takes seconds to
    import and set up; started as soon as a run knows it has new files, it does so on the other core
    while this process parses and finds entities, and is ready when the first batch is."""

    def __init__(self):
        self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start_validator)
        self._executor.submit(_ready)

    def check(self, batch: ParsedBatch, now, known_entities: set[str] = frozenset()):
        return self._executor.submit(_check, batch, now, known_entities).result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)


_VALIDATOR = None     # the validation worker's Validator


def _start_validator() -> None:
    global _VALIDATOR
    from flows.validate.expectations import Validator

    _VALIDATOR = Validator()


def _check(batch: ParsedBatch, now, known_entities: set[str]):
    return _VALIDATOR.check(batch, now, known_entities)


def for_run(new_files: int, processes: int):
    """The pool a run of this many new files should use."""
    return Pool(processes) if processes > 1 and new_files >= MIN_FILES_FOR_POOL else InProcess()


def warm_up() -> None:
    """Load what parsing and NER need, ahead of the first file."""
    from flows.entities.gazetteer import cities, load_gazetteer
    from flows.parse.outlets import load_outlets
    from flows.parse.plain_text import detect_language
    from flows.signals import amounts, themes, tone

    load_outlets(), load_gazetteer(), cities(), ner.load_model()
    detect_language("A sentence or two of English to load the language model.")
    tone.analyzer(), themes.load_taxonomy(), amounts.load_lexicon()


def _ready() -> bool:
    return True

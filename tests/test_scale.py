"""At scale: batches, worker processes and the stat cache change how a run goes, never what it loads."""
from __future__ import annotations

import os

import pytest
from conftest import file_facts
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.parse.files import parse_stored
from flows.run import loop, workers
from flows.stage.inbox import classify_files, scan_inbox
from flows.stage.raw_store import keep_raw_copies

pytestmark = pytest.mark.e2e   # real DuckDB files, GX, spaCy, worker processes
LONG_AGO_NS = 1_500_000_000 * 10**9     # 2017: older than any run's start


def test_small_batches_on_worker_processes_load_what_one_batch_in_process_loads(inbox, tmp_path, monkeypatch):
    loop.run(inbox, tmp_path / "one" / "w.duckdb")
    monkeypatch.setattr(workers, "MIN_FILES_FOR_POOL", 1)
    summary = loop.run(inbox, tmp_path / "many" / "w.duckdb", batch_files=2, processes=2)   # 3 batches, 2 processes
    assert summary.ok and summary.files_loaded == 5
    assert summary.cpu_seconds["parse"] > 0 and summary.cpu_seconds["ner"] > 0           # timed in the workers
    assert summary.cpu_seconds["entities"] > 0 and "ner" not in summary.stage_seconds
    assert file_facts(tmp_path / "many" / "w.duckdb") == file_facts(tmp_path / "one" / "w.duckdb")


def test_the_pool_parses_and_proposes_what_this_process_does(inbox, tmp_path):
    raw = tmp_path / "raw"
    files = classify_files(scan_inbox(inbox, raw), set())
    keep_raw_copies(files, inbox, raw)
    here = workers.combine([f.result() for f in workers.InProcess().submit(workers.prepare, files, raw, None)])
    pool = workers.Pool(2)
    try:
        there = workers.combine([f.result() for f in pool.submit(workers.prepare, files, raw, None)])
    finally:
        pool.close()
    assert there.batch.articles.sort("content_sha256").equals(here.batch.articles.sort("content_sha256"))
    assert there.spans == here.spans
    assert parse_stored(files, raw).articles.height == 5


def _age(inbox):
    for path in inbox.iterdir():
        os.utime(path, ns=(LONG_AGO_NS, LONG_AGO_NS))


def test_an_unchanged_file_is_not_read_again(inbox, warehouse_path):
    _age(inbox)
    loop.run(inbox, warehouse_path)
    target = inbox / "003_5d53adf2c53f56b7.txt"
    text = target.read_text()
    target.write_text(text.replace("Putin", "PUTIN"))           # same size; the old time put back
    os.utime(target, ns=(LONG_AGO_NS, LONG_AGO_NS))
    assert loop.run(inbox, warehouse_path).files_new == 0          # trusted, as git trusts its index
    os.utime(target, None)                                       # any new time: read and hashed again
    summary = loop.run(inbox, warehouse_path)
    assert (summary.files_new, summary.articles_loaded) == (1, 1)


def test_a_file_written_just_before_a_run_is_always_read_again(inbox, warehouse_path):
    for path in inbox.iterdir():
        os.utime(path, None)                                     # written now, as the run starts
    loop.run(inbox, warehouse_path)
    target = inbox / "003_5d53adf2c53f56b7.txt"
    stat = target.stat()
    target.write_text(target.read_text().replace("Putin", "PUTIN"))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))   # same size and time as when hashed
    summary = loop.run(inbox, warehouse_path)
    assert (summary.files_new, summary.articles_loaded) == (1, 1)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 50_000), st.integers(1, 5_000))
def test_batches_cover_the_files_once_in_order_none_too_big_and_the_last_small(total, size):
    bounds = workers.batch_bounds(total, size)
    assert [start for start, _ in bounds] == ([0] + [end for _, end in bounds[:-1]] if total else [])
    assert (bounds[-1][1] if bounds else 0) == total
    assert all(0 < end - start <= size for start, end in bounds)
    if total > 2 * size >= 4 * workers.TAIL_BATCH_MIN:
        assert bounds[-1][1] - bounds[-1][0] < size

"""Load: the DuckDB star schema, written whole or not at all.

A run writes into a private copy of the warehouse file, one batch of articles after another, and
once the run is recorded and the copy checkpointed, renames it over the warehouse. A crash at any
moment leaves the previous warehouse untouched, and readers holding the old file open keep a
consistent view.
A lock file keeps a second run from writing at the same time.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from flows import settings
from flows.analysis import search
from flows.batch import BATCH_VIEWS, RUN_VIEWS
from flows.load import stories
from flows.resources import SQL, sql_text

SCHEMA_DIR, MARTS_DIR = SQL / "schema", SQL / "marts"
BATCH_STEPS, RUN_STEPS = SQL / "load" / "batch", SQL / "load" / "run"


@dataclass(frozen=True)
class Beside:
    """What a warehouse keeps beside its file, in one folder named after it: `wirehouse.duckdb` has
    `wirehouse.files/` with the raw copies, the NER cache, the Data Docs and the write lock.
    Warehouses made before that folder existed keep their `raw/`, `cache/` and `data_docs/` in
    the file's own folder."""
    folder: Path
    lock: Path

    @classmethod
    def of(cls, warehouse: Path) -> "Beside":
        warehouse = Path(warehouse)
        own = warehouse.with_name(f"{warehouse.stem}.files")
        if not own.exists() and warehouse.exists() and (warehouse.parent / "raw").is_dir():
            return cls(warehouse.parent, warehouse.with_name(f".{warehouse.name}.lock"))
        return cls(own, own / "lock")

    @property
    def raw(self) -> Path:
        return self.folder / "raw"

    @property
    def ner_cache(self) -> Path:
        return self.folder / "cache" / "ner"

    @property
    def validation_page(self) -> Path:
        return self.folder / "validation.html"


class WarehouseBusy(RuntimeError):
    """Another run holds the write lock."""


@contextlib.contextmanager
def write_lock(warehouse: Path, wait_seconds: float = 0.0):
    """Hold the warehouse's write lock, waiting up to `wait_seconds` for another run to finish."""
    lock_path = Beside.of(warehouse).lock
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    with lock_path.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    raise WarehouseBusy(f"another run is writing {warehouse} (lock {lock_path})") from exc
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in sorted(SCHEMA_DIR.glob("*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))


def create_marts(con: duckdb.DuckDBPyConnection) -> None:
    """The views over the tables (sql/marts), in name order: int_ bases before the mart_ views."""
    for mart in sorted(MARTS_DIR.glob("*.sql")):
        con.execute(mart.read_text(encoding="utf-8"))


@contextlib.contextmanager
def replacing(warehouse: Path, memory_limit: str | None = None):
    """A read-write connection to the next version of the warehouse, in a transaction (which
    load_batch commits batch by batch: only this run sees the draft), published on success.

    The schema is applied first, so a new warehouse starts empty and an old one gains new columns."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    draft = warehouse.with_name(f".{warehouse.name}.next")
    for leftover in (draft, Path(f"{draft}.wal")):
        leftover.unlink(missing_ok=True)
    if warehouse.exists():
        shutil.copyfile(warehouse, draft)
        if Path(f"{warehouse}.wal").exists():
            shutil.copyfile(f"{warehouse}.wal", f"{draft}.wal")
    con = duckdb.connect(str(draft), config={"memory_limit": memory_limit or settings.current().duckdb_memory})
    try:
        con.execute("SET enable_progress_bar = false")   # a run's log is no terminal
        apply_schema(con)
        con.execute("BEGIN TRANSACTION")
        yield con
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.close()
        with open(draft, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(draft, warehouse)
        Path(f"{warehouse}.wal").unlink(missing_ok=True)
    except BaseException:
        con.close()
        draft.unlink(missing_ok=True)
        Path(f"{draft}.wal").unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _staged(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], names: tuple[str, ...]):
    """The frames registered as views while the block runs."""
    missing = set(names) - set(frames)
    if missing:
        raise ValueError(f"load needs frames {sorted(missing)}")
    try:
        for name in names:
            con.register(name, frames[name].to_arrow())
        yield
    finally:
        for name in names:
            con.unregister(name)


def _run_steps(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    for step in sorted(folder.glob("*.sql")):
        try:
            con.execute(step.read_text(encoding="utf-8"))
        except duckdb.Error as exc:
            raise RuntimeError(f"load step {step.parent.name}/{step.name} failed: {exc}") from exc


def load_batch(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], commit: bool = True) -> None:
    """Add one batch of articles, with everything found in them, and place them in stories.

    With `commit`, the batch is committed (and a new transaction begun): in the private draft of
    a DuckDB file nobody sees it, and DuckDB can write it out instead of holding the whole run's
    rows in memory. A DuckLake, which readers see, commits once per run."""
    with _staged(con, frames, BATCH_VIEWS):
        _run_steps(con, BATCH_STEPS)
        stories.assign(con)
    if commit:
        con.execute("COMMIT")
        con.execute("BEGIN TRANSACTION")


def finish_run(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], articles_added: bool,
               search_index: bool = True) -> None:
    """Record the run (files seen, quarantine, validation, the run row itself) and, when it added
    articles, refresh what spans them all: story labels, the marts, the search index (a DuckDB
    file's only: DuckLake keeps no index)."""
    with _staged(con, frames, RUN_VIEWS):
        _run_steps(con, RUN_STEPS)
        if articles_added:
            stories.refresh(con, frames["stg_run"]["run_id"][0])
        create_marts(con)
        if search_index and (articles_added or not search.has_index(con)):
            search.rebuild_index(con)


def _read(con: duckdb.DuckDBPyConnection, table: str, sql: str, parameters=None) -> list[tuple]:
    """Rows of a query, or none when the table does not exist yet."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()[0]
    return con.execute(sql, parameters).fetchall() if exists else []


def loaded_content(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Hashes of every content already in fact_article."""
    return {sha for (sha,) in _read(con, "fact_article", "SELECT content_sha256 FROM fact_article")}


def unchanged_files(con: duckdb.DuckDBPyConnection, inbox: Path) -> dict[str, tuple[int, int, str]]:
    """source_file -> (size, mtime_ns, sha256) of the inbox's files hashed before and safe to trust
    unread while their size and modification time stay the same."""
    return {f: (size, mtime, sha) for f, size, mtime, sha in
            _read(con, "file_ledger", sql_text("stage/unchanged_files.sql"), {"inbox": str(inbox)})}


def known_entities(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """(canonical_name, entity_type, mentions) of every entity in the warehouse."""
    return _read(con, "dim_entity", """
        SELECT e.canonical_name, e.entity_type, count(m.entity_key)::INTEGER
        FROM dim_entity AS e LEFT JOIN fact_entity_mention AS m USING (entity_key)
        GROUP BY ALL""")

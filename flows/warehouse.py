"""Load: the DuckDB star schema, written whole or not at all.

A run writes into a private copy of the warehouse file and, once every statement has committed
and the copy is checkpointed, renames it over the warehouse. A crash at any moment leaves the
previous warehouse untouched, and readers holding the old file open keep a consistent view.
A lock file keeps a second run from writing at the same time.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
from pathlib import Path

import duckdb
import polars as pl

from flows import search, stories

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
SCHEMA_DIR, LOAD_DIR, MARTS_DIR = SQL_DIR / "schema", SQL_DIR / "load", SQL_DIR / "marts"
# The frames a load reads, registered as views; sql/load/*.sql select from them.
STAGING_VIEWS = ("stg_article", "stg_author", "stg_caption", "stg_entity", "stg_mention", "stg_quote",
                 "stg_paragraph", "stg_outlet", "stg_file", "stg_quarantine", "stg_validation", "stg_run")


class WarehouseBusy(RuntimeError):
    """Another run holds the write lock."""


@contextlib.contextmanager
def write_lock(warehouse: Path, wait_seconds: float = 0.0):
    """Hold the warehouse's write lock, waiting up to `wait_seconds` for another run to finish."""
    lock_path = warehouse.with_name(f".{warehouse.name}.lock")
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


@contextlib.contextmanager
def replacing(warehouse: Path):
    """A read-write connection to the next version of the warehouse, published on success."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    draft = warehouse.with_name(f".{warehouse.name}.next")
    for leftover in (draft, Path(f"{draft}.wal")):
        leftover.unlink(missing_ok=True)
    if warehouse.exists():
        shutil.copyfile(warehouse, draft)
        if Path(f"{warehouse}.wal").exists():
            shutil.copyfile(f"{warehouse}.wal", f"{draft}.wal")
    con = duckdb.connect(str(draft))
    try:
        yield con
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


def load(warehouse: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Apply the schema, run sql/load/*.sql over the staging frames, place new articles in
    stories and refresh the marts and the search index: one transaction, published whole."""
    missing = set(STAGING_VIEWS) - set(frames)
    if missing:
        raise ValueError(f"load needs frames {sorted(missing)}")
    with replacing(Path(warehouse)) as con:
        con.execute("BEGIN TRANSACTION")
        apply_schema(con)
        for name in STAGING_VIEWS:
            con.register(name, frames[name].to_arrow())
        for step in sorted(LOAD_DIR.glob("*.sql")):
            try:
                con.execute(step.read_text(encoding="utf-8"))
            except duckdb.Error as exc:
                raise RuntimeError(f"load step {step.name} failed: {exc}") from exc
        stories.assign(con, frames["stg_run"]["run_id"][0])
        for mart in sorted(MARTS_DIR.glob("*.sql")):
            con.execute(mart.read_text(encoding="utf-8"))
        search.rebuild_index(con)
        con.execute("COMMIT")


def _read(warehouse: Path, table: str, sql: str) -> list[tuple]:
    """Rows of a read-only query, or none when the warehouse or the table does not exist yet."""
    if not Path(warehouse).exists():
        return []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return con.execute(sql).fetchall() if table in tables else []


def loaded_content(warehouse: Path) -> set[str]:
    """Hashes of every content already in fact_article."""
    return {sha for (sha,) in _read(warehouse, "fact_article", "SELECT content_sha256 FROM fact_article")}


def known_entities(warehouse: Path) -> list[tuple[str, str, int]]:
    """(canonical_name, entity_type, mentions) of every entity in the warehouse."""
    return _read(warehouse, "dim_entity", """
        SELECT e.canonical_name, e.entity_type, count(m.entity_key)::INTEGER
        FROM dim_entity AS e LEFT JOIN fact_entity_mention AS m USING (entity_key)
        GROUP BY ALL""")

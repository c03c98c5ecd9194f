"""Loads are atomic and single-writer."""
from __future__ import annotations

import hashlib

import duckdb
import polars as pl
import pytest

from flows.batch import BATCH_VIEWS
from flows.load import warehouse
from flows.resources import SQL


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_files_create_the_contract_tables(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        warehouse.apply_schema(con)
        warehouse.apply_schema(con)   # idempotent
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    assert {"dim_source", "dim_author", "dim_date", "dim_entity", "dim_story", "fact_article",
            "bridge_article_author", "fact_entity_mention", "fact_quote", "fact_caption",
            "fact_article_overlap", "etl_run", "quarantine"} <= tables


def test_every_sql_file_says_what_it_does_and_every_table_its_grain():
    for path in sorted(SQL.rglob("*.sql")):
        assert path.read_text().startswith("-- "), path
    for path in sorted(warehouse.SCHEMA_DIR.glob("*.sql")):
        assert "one row is" in path.read_text().split("CREATE")[0], path


def test_a_failed_load_leaves_the_previous_warehouse_whole(tmp_path):
    path = tmp_path / "w.duckdb"
    with warehouse.replacing(path) as con:
        con.execute("insert into dim_source (source_key, source_name) values (1, 'Before')")
    before = _digest(path)
    bad_frames = {name: pl.DataFrame({"nonsense": [1]}) for name in BATCH_VIEWS}
    with pytest.raises(RuntimeError, match="load step batch/01_dim_source.sql failed"):
        with warehouse.replacing(path) as con:
            warehouse.load_batch(con, bad_frames)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


def test_an_exception_inside_the_write_discards_the_draft(tmp_path):
    path = tmp_path / "w.duckdb"
    with pytest.raises(KeyboardInterrupt):
        with warehouse.replacing(path) as con:
            con.execute("create table t (x int)")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_a_reader_keeps_its_view_while_the_file_is_replaced(tmp_path):
    path = tmp_path / "w.duckdb"
    with warehouse.replacing(path) as con:
        con.execute("create table t as select 1 as x")
    reader = duckdb.connect(str(path), read_only=True)
    with warehouse.replacing(path) as con:
        con.execute("insert into t values (2)")
    assert reader.execute("select count(*) from t").fetchone() == (1,)
    reader.close()
    with duckdb.connect(str(path), read_only=True) as fresh:
        assert fresh.execute("select count(*) from t").fetchone() == (2,)


def test_only_one_writer(tmp_path):
    path = tmp_path / "w.duckdb"
    with warehouse.write_lock(path):
        with pytest.raises(warehouse.WarehouseBusy, match="another run is writing"):
            with warehouse.write_lock(path, wait_seconds=0.6):
                pass
    with warehouse.write_lock(path):
        pass


def test_a_new_warehouse_has_no_content_no_entities_and_no_trusted_files():
    with duckdb.connect() as con:
        assert warehouse.loaded_content(con) == set() and warehouse.known_entities(con) == []
        warehouse.apply_schema(con)
        assert warehouse.unchanged_files(con, "inbox") == {}

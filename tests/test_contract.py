"""The batch contract (flows/batch.py), the expectation suites and the warehouse DDL agree."""
from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest

from flows.batch import BATCH_VIEWS, FRAME_SCHEMAS, RUN_VIEWS, THEME_SCHEMA, ParsedBatch
from flows.load import warehouse
from flows.run.summary import RunSummary, run_frame
from flows.validate.expectations import SUITE_FRAMES, load_suites
from flows.validate.quarantine import SOURCES, THEMES


@pytest.mark.parametrize("suite", sorted(SUITE_FRAMES))
def test_each_suite_checks_columns_its_frame_has(suite):
    frame = SUITE_FRAMES[suite]
    columns = {SOURCES: {"source_name"}, THEMES: set(THEME_SCHEMA)}.get(frame) or set(FRAME_SCHEMAS[frame])
    for expectation in load_suites()[suite]["expectations"]:
        kwargs = expectation["kwargs"]
        if expectation["type"] == "expect_table_columns_to_match_set":
            assert set(kwargs["column_set"]) == columns, suite
        named = [kwargs.get(k) for k in ("column", "column_A", "column_B")] + list(kwargs.get("column_list", []))
        assert {c for c in named if c} <= columns, (suite, expectation["type"])


def test_the_load_sql_reads_the_frames_as_the_batch_contract_shapes_them():
    """Every load step runs against empty frames of the contract's schemas: a column the SQL reads
    that a frame lacks, or a type the DDL cannot take, fails here."""
    con = duckdb.connect()
    warehouse.apply_schema(con)
    frames = {name: pl.DataFrame(schema=schema) for name, schema in {**BATCH_VIEWS, **RUN_VIEWS}.items()}
    empty_batch = ParsedBatch(*(pl.DataFrame(schema=FRAME_SCHEMAS[n]) for n in ("articles", "authors", "captions", "rejects")))
    assert set(empty_batch.load_frames(frames["stg_paragraph"], frames["stg_outlet"], frames["stg_run"],
                                       frames["stg_theme"])) == set(BATCH_VIEWS)
    now = dt.datetime.now(dt.timezone.utc)
    frames["stg_run"] = run_frame(RunSummary("run", "inbox", "w.duckdb", now), now)
    con.execute("BEGIN TRANSACTION")
    warehouse.load_batch(con, frames, commit=False)
    warehouse.finish_run(con, frames, articles_added=False, search_index=False)
    assert con.execute("select count(*) from etl_run").fetchone() == (1,)

"""DuckLake: the same warehouse with its catalog in PostgreSQL and its data in Parquet files."""
from __future__ import annotations

import duckdb
import postgres
import pytest
from conftest import facts, file_facts

from flows.load import lake
from flows.run import loop

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(postgres.binaries() is None,
                                 reason="PostgreSQL is not installed: `make test` installs it")]


@pytest.fixture(scope="module")
def catalog():
    with postgres.server() as found:
        yield found


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Where the lake keeps its Parquet files: shared storage, for several machines."""
    return tmp_path_factory.mktemp("lake-data")


def _reader(catalog, data):
    con = duckdb.connect()
    lake.attach(con, catalog, data, read_only=True)
    return con


def test_a_run_into_ducklake_loads_what_a_run_into_a_duckdb_file_loads(inbox, tmp_path, catalog, data):
    loop.run(inbox, tmp_path / "file" / "w.duckdb")
    summary = loop.run(inbox, tmp_path / "work" / "w.duckdb", lake=catalog, lake_data=str(data))
    assert summary.ok and summary.files_loaded == 5
    assert not (tmp_path / "work" / "w.duckdb").exists()          # the lake is the warehouse
    assert list(data.rglob("*.parquet"))
    expected = file_facts(tmp_path / "file" / "w.duckdb")
    with _reader(catalog, data) as con:
        assert facts(con) == expected
        snapshots = con.execute("select count(*) from lake.snapshots()").fetchone()[0]

    again = loop.run(inbox, tmp_path / "work" / "w.duckdb", lake=catalog, lake_data=str(data))
    assert (again.files_skipped, again.articles_loaded) == (5, 0)
    with _reader(catalog, data) as con:
        again_facts = facts(con)
        assert again_facts.pop("ledger") == [(name, "already loaded") for name, _ in expected.pop("ledger")]
        assert again_facts == expected
        assert con.execute("select count(*) from etl_run").fetchone()[0] == 2
        assert con.execute("select count(*) from lake.snapshots()").fetchone()[0] == snapshots + 1   # one per run


def test_a_failed_run_publishes_nothing(inbox, tmp_path, catalog, data, monkeypatch):
    with _reader(catalog, data) as con:
        before = con.execute("select count(*) from lake.snapshots()").fetchone()[0]
        articles = con.execute("select count(*) from fact_article").fetchone()[0]

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")
    monkeypatch.setattr("flows.load.warehouse.stories.refresh", broken)
    (inbox / "extra.txt").write_text((inbox / "000_16e73fbc7140bb2c.txt").read_text() + "\nOne more line.\n")
    with pytest.raises(RuntimeError, match="the disk is full"):
        loop.run(inbox, tmp_path / "work" / "w.duckdb", lake=catalog, lake_data=str(data))
    with _reader(catalog, data) as con:
        assert con.execute("select count(*) from lake.snapshots()").fetchone()[0] == before
        assert con.execute("select count(*) from fact_article").fetchone()[0] == articles


def test_of_two_runs_committing_at_once_the_later_is_refused(catalog, data):
    first, second = lake.session(catalog, data, "run-a"), lake.session(catalog, data, "run-b")
    a, b = first.__enter__(), second.__enter__()
    for con in (a, b):
        con.execute("INSERT INTO dim_source (source_key, source_name) "
                    "SELECT coalesce(max(source_key), 0) + 1, 'Outlet' FROM dim_source")
    first.__exit__(None, None, None)
    with pytest.raises(duckdb.TransactionException):
        second.__exit__(None, None, None)
    with _reader(catalog, data) as con:
        assert con.execute("select run_id from lake_writer").fetchall() == [("run-a",)]
        assert con.execute("select count(*) - count(distinct source_key) from dim_source").fetchone() == (0,)

"""The `ingest` flow end to end on the seeds, with real Prefect, GX and DuckDB."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT, query

from flows.load import warehouse
from flows.run.flow import ingest

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]
CONTRACT = ROOT.parent / "shared" / "design" / "warehouse-contract.md"
CHECK_SEEDS = ROOT.parent / "shared" / "eval" / "check_seeds.py"
FACT_TABLES = ("fact_article", "bridge_article_author", "fact_caption", "dim_source", "dim_author", "dim_date")



def _facts(path):
    return {t: query(path, f"select * exclude (run_id, loaded_at) from {t} order by all")
            if t == "fact_article" else query(path, f"select * from {t} order by all") for t in FACT_TABLES}


def test_seeds_load_into_the_star_schema(inbox, warehouse_path):
    summary = ingest(inbox, warehouse_path)
    assert summary.ok and (summary.files_seen, summary.files_new, summary.articles_loaded) == (5, 5, 5)
    assert query(warehouse_path, "select count(*) from fact_article where is_latest") == [(5,)]
    assert query(warehouse_path, """select a.author_name from bridge_article_author b join dim_author a
                                     using (author_key) order by b.article_key, b.author_position""") == [
        ("Lee Minji",), ("Choe Sang-Hun",), ("Anushka Patil",)]
    assert query(warehouse_path, "select count(*) from fact_article where date_key not in "
                                  "(select date_key from dim_date)") == [(0,)]
    files = warehouse_path.with_name("wirehouse.files")       # everything beside the warehouse, in one folder
    assert (files / "validation.html").exists() and len(list((files / "raw").rglob("*"))) >= 5
    assert sorted(p.name for p in warehouse_path.parent.iterdir()) == ["wirehouse.duckdb", "wirehouse.files"]


@pytest.mark.skipif(not CONTRACT.exists(), reason="no shared design folder beside the project")
def test_the_contract_columns_exist(inbox, warehouse_path):
    ingest(inbox, warehouse_path)
    have = set(query(warehouse_path, "select table_name, column_name from information_schema.columns"))
    for table, columns in re.findall(r"^\| `(\w+)` \| [^|]+ \| (.+) \|$", CONTRACT.read_text(), re.MULTILINE):
        for column in re.findall(r"`(\w+)`", columns):
            if not column.isupper():   # upper case names are allowed values ('PERSON'), not columns
                assert (table, column) in have, f"{table}.{column}"


@pytest.mark.skipif(not CHECK_SEEDS.exists(), reason="no shared eval folder beside the project")
def test_seed_metadata_passes_the_hand_checked_truth(inbox, warehouse_path):
    ingest(inbox, warehouse_path)
    result = subprocess.run([sys.executable, str(CHECK_SEEDS), str(warehouse_path), "--only", "metadata"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_a_second_run_adds_a_run_row_and_no_facts(inbox, warehouse_path):
    ingest(inbox, warehouse_path)
    before = _facts(warehouse_path)
    summary = ingest(inbox, warehouse_path)
    assert (summary.files_new, summary.files_skipped, summary.articles_loaded) == (0, 5, 0)
    assert _facts(warehouse_path) == before
    assert query(warehouse_path, "select count(*), count(distinct run_id) from etl_run") == [(2, 2)]


def test_changed_content_under_the_same_name_is_a_new_version(inbox, warehouse_path):
    ingest(inbox, warehouse_path)
    target = inbox / "003_5d53adf2c53f56b7.txt"
    target.write_text(target.read_text() + "\nThe talks ended late on Wednesday, officials said.\n")
    summary = ingest(inbox, warehouse_path)
    assert (summary.files_new, summary.articles_loaded) == (1, 1)
    rows = query(warehouse_path, """select article_version, is_latest from fact_article
                                     where source_file = '003_5d53adf2c53f56b7.txt' order by 1""")
    assert rows == [(1, False), (2, True)]
    assert len({r[0] for r in query(warehouse_path, "select article_id from fact_article "
                                                     "where source_file like '003%'")}) == 1


def test_bad_files_are_quarantined_and_the_rest_load(inbox, warehouse_path):
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (inbox / "nav.txt").write_text("Skip to content\nShare this article\nLeave a Reply\n")
    (inbox / "copy of 000.txt").write_bytes((inbox / "000_16e73fbc7140bb2c.txt").read_bytes())
    summary = ingest(inbox, warehouse_path)
    assert summary.ok and summary.articles_loaded == 5
    assert (summary.files_seen, summary.files_skipped) == (9, 1)
    reasons = dict(query(warehouse_path, "select source_file, stage || ': ' || reason from quarantine"))
    assert reasons == {"empty.txt": "parse: not an article: empty file",
                       "image.txt": "parse: not an article: binary file (known file signature)",
                       "nav.txt": "parse: not an article: no article text (the page holds only navigation, forms or furniture)"}
    outcomes = dict(query(warehouse_path, "select source_file, outcome from file_ledger"))
    assert outcomes["copy of 000.txt"] == "duplicate" and outcomes["nav.txt"] == "quarantined"


def test_a_busy_warehouse_is_refused_with_a_clear_error(inbox, warehouse_path):
    with warehouse.write_lock(warehouse_path):
        with pytest.raises(warehouse.WarehouseBusy):
            ingest(inbox, warehouse_path)
    assert not warehouse_path.exists()

"""Signals in the warehouse: tone columns, dim_theme, bridge_article_theme, fact_amount, their marts
and `search --like`, loaded from the seeds by the load SQL itself (no parser, model, GX or subprocess)."""
from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import polars as pl
import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from flows.analysis.search import load_fts, rebuild_index
from flows.batch import ARTICLE_SCHEMA, FRAME_SCHEMAS, OUTLET_SCHEMA, RUN_VIEWS, UNKNOWN_DATE_KEY, ParsedBatch
from flows.cli import app
from flows.load import fingerprints, warehouse
from flows.run.summary import RunSummary, run_frame
from flows.signals.like import NoSuchArticle, alike
from flows.signals.stage import find_signals, taxonomy_frame


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    """A warehouse file holding the five seeds, their signals and the search index."""
    articles = pl.DataFrame([{"content_sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "article_id": p.stem,
                              "source_file": p.name, "body": p.read_text(), "word_count": len(p.read_text().split()),
                              "date_key": UNKNOWN_DATE_KEY} for p in sorted(SEEDS.iterdir())], schema=ARTICLE_SCHEMA)
    empty = {name: pl.DataFrame(schema=FRAME_SCHEMAS[name]) for name in ("authors", "captions", "rejects")}
    batch = ParsedBatch(articles, **empty, **find_signals(articles))     # the raw text as the body: no parser needed
    now = dt.datetime.now(dt.timezone.utc)
    run = run_frame(RunSummary("run-1", "seeds", "w.duckdb", now), now)
    path = tmp_path_factory.mktemp("signals") / "w.duckdb"
    connection = duckdb.connect(str(path))
    warehouse.apply_schema(connection)
    connection.execute("BEGIN TRANSACTION")
    warehouse.load_batch(connection, batch.load_frames(fingerprints.paragraphs_of(batch.articles),
                                                       pl.DataFrame(schema=OUTLET_SCHEMA), run, taxonomy_frame()),
                         commit=False)
    frames = {name: pl.DataFrame(schema=schema) for name, schema in RUN_VIEWS.items()} | {"stg_run": run}
    warehouse.finish_run(connection, frames, articles_added=True, search_index=False)
    connection.execute("COMMIT")
    rebuild_index(connection)
    connection.close()
    return path


@pytest.fixture(scope="module")
def con(path):
    connection = duckdb.connect(str(path), read_only=True)
    load_fts(connection)
    yield connection
    connection.close()


def test_every_article_and_paragraph_has_a_tone(con):
    assert con.execute("SELECT count(*) FROM fact_article WHERE tone_compound IS NULL").fetchone() == (0,)
    assert con.execute("SELECT count(*), count(tone_compound) FROM fact_paragraph").fetchone()[1] > 0
    assert con.execute("SELECT min(tone_compound) >= -1 AND max(tone_compound) <= 1 FROM fact_paragraph").fetchone() == (True,)


def test_themes_reference_the_taxonomy_and_every_seed_has_one(con):
    assert con.execute("SELECT count(*) FROM dim_theme").fetchone() == (taxonomy_frame().height,)
    assert con.execute("""SELECT count(DISTINCT article_key) FROM bridge_article_theme
                          JOIN dim_theme USING (theme_key) WHERE level > 1""").fetchone() == (5,)


def test_amounts_keep_their_offsets_into_the_body(con):
    rows = con.execute("""SELECT m.surface_form, substr(a.body, m.char_start + 1, m.char_end - m.char_start)
                          FROM fact_amount AS m JOIN fact_article AS a USING (article_key)""").fetchall()
    assert rows and all(surface == text for surface, text in rows)
    assert ("tens of millions of aging artillery shells",) in con.execute("SELECT surface_form FROM fact_amount").fetchall()


def test_the_marts_answer(con):
    outlets = con.execute("SELECT count(*) FROM mart_tone_daily WHERE entity_key IS NULL").fetchone()[0]
    assert outlets == con.execute("""SELECT count(DISTINCT (coalesce(source_key, wire_source_key), date_key))
                                     FROM fact_article""").fetchone()[0]
    assert con.execute("SELECT sum(articles) FROM mart_theme_daily").fetchone()[0] == \
        con.execute("SELECT count(*) FROM bridge_article_theme").fetchone()[0]


def test_articles_like_one_share_its_topics_and_words(con):
    rows = alike(con, 1, 10).fetchall()
    assert {r[0] for r in rows} == {2, 3, 4, 5} and rows == sorted(rows, key=lambda r: (-r[1], r[0]))
    with pytest.raises(NoSuchArticle):
        alike(con, 99)


def test_search_like_on_the_command_line(path, con):
    runner = CliRunner()
    shown = runner.invoke(app, ["search", "--like", "1", "--warehouse", str(path), "--limit", "2"])
    assert shown.exit_code == 0 and "entities" in shown.output and "topics" in shown.output
    assert runner.invoke(app, ["search", "--like", "99", "--warehouse", str(path)]).exit_code == 4
    assert runner.invoke(app, ["search", "--warehouse", str(path)]).exit_code == 2

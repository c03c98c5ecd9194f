"""Across articles: syndication, stories, search, marts and the report, on a loaded warehouse."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest
from conftest import ROOT, SEEDS, chromium_dom, query

from flows.analysis.report import render, write
from flows.analysis.search import search
from flows.load import fingerprints as overlap
from flows.run import loop

pytestmark = pytest.mark.e2e   # real Prefect, GX, spaCy, DuckDB files or subprocesses

MARTS = ["mart_entity_coverage_daily", "mart_co_mentions", "mart_quotes_by_speaker", "mart_syndication_graph",
         "mart_story_timeline"]
OTHER_STORY = ("Flooding closes schools in Jakarta\nJAKARTA, Jan. 5, 2024 (Reuters) - Heavy rain flooded large "
               "parts of Jakarta on Friday, closing schools and cutting power to thousands of homes, the city's "
               "disaster agency said.\nGovernor Heru Budi Hartono said pumps were working around the clock.\n")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("cross")
    inbox = root / "inbox"
    shutil.copytree(SEEDS, inbox)
    (inbox / "jakarta.txt").write_text(OTHER_STORY)
    path = root / "warehouse" / "wirehouse.duckdb"
    loop.run(inbox, path)
    return path



def test_the_wire_copy_is_found_and_nothing_else(loaded):
    pairs = query(loaded, """select fa.source_file, fb.source_file, shared_paragraphs from fact_article_overlap
                              join fact_article fa on fa.article_key = article_key_a
                              join fact_article fb on fb.article_key = article_key_b""")
    assert [(a[:3], b[:3]) for a, b, _ in pairs] == [("000", "001")]
    assert pairs[0][2] >= 3


def test_short_stock_phrases_make_no_pair():
    phrase = "The talks will continue on Friday, officials said."
    frame = pl.DataFrame({"content_sha256": ["a", "b"], "body": [phrase, phrase]})
    assert overlap.paragraphs_of(frame).height == 0


def test_near_copies_share_a_band_and_unrelated_text_does_not():
    a = ("Analysts have predicted that North Korea may agree to supply Russia with ammunition and weaponry for its "
         "war in Ukraine. Moscow, in return, may agree on a weapons-related technology transfer to Pyongyang.")
    b = ("Analysts have predicted that North Korea may agree to supply Russia with ammunition and weapons for its "
         "war in Ukraine. Moscow, in return, may agree on a weapons-related technology transfer to Pyongyang.")
    c = "Heavy rain flooded large parts of Jakarta on Friday, closing schools and cutting power to many homes."
    p = overlap.paragraphs_of(pl.DataFrame({"content_sha256": ["a", "b", "c"], "body": [a, b, c]}))
    bands = [set(x) for x in p["bands"]]
    assert bands[0] & bands[1] and not bands[0] & bands[2]


def test_one_story_for_the_summit_and_another_for_the_flood(loaded):
    stories = dict(query(loaded, "select source_file, story_key from fact_article"))
    summit = {stories[p.name] for p in SEEDS.iterdir()}
    assert len(summit) == 1 and stories["jakarta.txt"] not in summit
    label = query(loaded, f"select label, article_count from dim_story where story_key = {summit.pop()}")[0]
    assert label[0].startswith("Kim Jong Un, Vladimir Putin") and label[1] == 5


def test_search_ranks_matching_articles(loaded):
    hits = search(loaded, "spy satellite")
    assert hits and all(h[1] > 0 for h in hits)
    assert not any("Jakarta" in (h[4] or "") for h in hits)
    assert search(loaded, "flooded schools")[0][5] == "Flooding closes schools in Jakarta"


@pytest.mark.parametrize("mart", MARTS)
def test_marts_are_queryable(loaded, mart):
    assert query(loaded, f"select count(*) from {mart}")[0][0] > 0


def test_report_is_one_file_that_fetches_nothing(loaded):
    html = render(loaded)
    assert html.count("<figure data-chart=") == 8 and "data-charts='8'" in html
    page = re.sub(r"<script>.*?</script>", "", html, flags=re.S)      # Vega's inlined code, our drawing code
    assert not re.search(r"\b(src|href)=['\"]?(https?:)?//|<link\b|@import|url\(", page)


def test_report_draws_every_chart_in_chromium(loaded, tmp_path):
    """Offline (every host name unresolvable): each chart drew, the map with its country outlines."""
    page = write(loaded, tmp_path / "report.html")
    dom = chromium_dom(page, offline=True)
    assert 'data-charts-drawn="8"' in dom
    world = dom[dom.index("data-chart=\"map\""):]
    assert world[:world.index("</figure>")].count("<path") > 100        # Natural Earth's countries
    if os.environ.get("WIREHOUSE_SCREENSHOTS"):                        # make screenshots
        subprocess.run([str(ROOT / ".venv-bi" / "bin" / "python"), str(ROOT / "bi" / "screenshot.py"), page.as_uri(),
                        str(Path(os.environ["WIREHOUSE_SCREENSHOTS"]) / "report.png"), "--width", "1000"], check=True)


def test_hostile_article_text_is_escaped_in_the_report(tmp_path):
    shared = ("North Korea fired two short-range ballistic missiles toward the East Sea on Wednesday, "
              "South Korea's military said, in an apparent show of force ahead of the summit.")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "<img src=x onerror=alert(1)>.txt").write_text(f"<script>alert(1)</script> Missiles fired\n{shared}\n")
    (inbox / "b.txt").write_text(f"Missiles fired again\nBy Jane Doe\n{shared}\n")
    path = tmp_path / "w" / "w.duckdb"
    loop.run(inbox, path)
    html = render(path)
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html      # the file name reached the page, escaped
    assert "<img src=x" not in html and "<script>alert" not in html

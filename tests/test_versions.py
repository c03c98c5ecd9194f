"""An edited file is a new version of the same article: counted once, never its own copy."""
from __future__ import annotations

import shutil

import pytest
from conftest import SEEDS, query

from flows.analysis.report import render
from flows.run import loop

pytestmark = pytest.mark.e2e   # real runs into a DuckDB file


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """Three seeds loaded, then one of them edited (a line added) and loaded again."""
    root = tmp_path_factory.mktemp("versions")
    inbox, path = root / "inbox", root / "w.duckdb"
    inbox.mkdir()
    for seed in sorted(SEEDS.iterdir())[:3]:
        shutil.copy(seed, inbox / seed.name)
    loop.run(inbox, path)
    first = sorted(inbox.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nThis story has been updated with more detail.\n",
                     encoding="utf-8")
    loop.run(inbox, path)
    return path



def test_both_versions_stay_queryable(edited):
    assert query(edited, "select count(*), count(*) filter (where is_latest) from fact_article") == [(4, 3)]


def test_an_article_never_copies_its_own_earlier_version(edited):
    assert query(edited, """select count(*) from fact_article_overlap o
                           join fact_article a on a.article_key = o.article_key_a
                           join fact_article b on b.article_key = o.article_key_b
                           where a.article_id = b.article_id""") == [(0,)]
    assert query(edited, "select count(*) from mart_syndication_graph where file_a = file_b") == [(0,)]


def test_stories_count_each_article_once(edited):
    assert query(edited, "select sum(article_count) from dim_story") == [(3,)]
    assert query(edited, """select count(distinct story_key) from fact_article where article_id =
                           (select article_id from fact_article where article_version = 2)""") == [(1,)]


def test_the_report_counts_latest_versions(edited):
    assert "<p class='note'>3 articles," in render(edited)

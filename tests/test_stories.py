"""Stories group the reports of one event, and their labels name its actors.

tests/fixtures/stories: three reports of one (invented) port strike in the styles of AP, Reuters
and the BBC, on the same day, with their own wording but the same people, union and places; and
an unrelated story from the same country a day later.
"""
from __future__ import annotations

import shutil

import pytest
from conftest import query

from flows.run import loop

pytestmark = pytest.mark.e2e   # a real run into a DuckDB file
STORIES = __import__("conftest").ROOT / "tests" / "fixtures" / "stories"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("stories")
    shutil.copytree(STORIES, root / "inbox")
    loop.run(root / "inbox", root / "w.duckdb")
    return root / "w.duckdb"


def test_three_reports_of_one_strike_are_one_story(loaded):
    stories = dict(query(loaded, "select source_file, story_key from fact_article"))
    assert stories["ap_strike.txt"] == stories["reuters_strike.txt"] == stories["bbc_strike.txt"]
    assert stories["unrelated.txt"] != stories["ap_strike.txt"]


def test_the_label_names_the_main_actors_not_the_setting(loaded):
    [(label,)] = query(loaded, """select label from dim_story join fact_article using (story_key)
                                  where source_file = 'ap_strike.txt'""")
    names = label.split(", ")
    assert "FNV" in names and "Europe" not in names and "GMT" not in names


def test_the_actors_are_typed_alike_in_every_report(loaded):
    types = set(query(loaded, """select e.canonical_name, e.entity_type from fact_entity_mention m
                                 join dim_entity e using (entity_key)"""))
    for name, etype in [("FNV", "ORG"), ("Port of Rotterdam Authority", "ORG"), ("Maasvlakte", "LOC"),
                        ("Dirk Beljaarts", "PERSON"), ("Niels Siemons", "PERSON"), ("Rotterdam", "LOC")]:
        assert (name, etype) in types
        assert {t for n, t in types if n == name} == {etype}
    assert not {n for n, _ in types} & {"Cranes", "GMT", "CET"}
    fnv = query(loaded, """select count(distinct m.article_key) from fact_entity_mention m
                           join dim_entity e using (entity_key) where e.canonical_name = 'FNV'""")
    assert fnv == [(3,)]      # found in one report, found again in the other two

"""Tone, themes and amounts (flows/signals): the rules on short excerpts, the taxonomy's shape, the
stage's frames and cache, and the labelled set's precision (../shared corpora, when present)."""
from __future__ import annotations

import re

import polars as pl
import pytest
from conftest import SEEDS

from flows.batch import AMOUNT_SCHEMA, ARTICLE_THEME_SCHEMA, PARAGRAPH_TONE_SCHEMA, TONE_SCHEMA
from flows.load.fingerprints import paragraphs_of
from flows.signals import amounts, evaluation, stage, themes, tone


# --- tone -------------------------------------------------------------------------------------

def test_tone_reads_praise_as_positive_and_killing_as_negative():
    assert tone.tone("The rescue was a wonderful success and families were overjoyed.").compound > 0.5
    assert tone.tone("The attack killed twelve people and wounded dozens.").compound < -0.5
    assert tone.tone("The committee meets on Tuesday.") .compound == 0


def test_an_article_is_its_sentences_weighted_by_words_so_it_does_not_saturate():
    body = "\n".join(["Officials said the bombing killed many civilians in the north of the city."] * 3
                      + ["The talks went well, a diplomat said, and both sides agreed to meet again soon."])
    article, paragraphs = tone.body_tone(body)
    assert -1 < article.compound < 0 and [n for n, _ in paragraphs] == [1, 2, 3, 4]
    assert article.polarity == pytest.approx(sum(t.polarity * t.words for _, t in paragraphs) / article.words, abs=1e-3)


def test_paragraph_tones_are_those_of_fact_paragraph_numbered_alike():
    body = (SEEDS / "002_abb6c50867da9230.txt").read_text()
    _, paragraphs = tone.body_tone(body)
    fingerprinted = paragraphs_of(pl.DataFrame({"content_sha256": ["x"], "body": [body]}))
    assert [n for n, _ in paragraphs] == fingerprinted["paragraph_no"].to_list()


# --- themes -----------------------------------------------------------------------------------

def test_the_taxonomy_is_iptc_shaped_and_whole():
    topics = themes.read_topics()
    codes = [t.code for t in topics]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"medtop:\d{8}", c) for c in codes)
    assert sum(1 for t in topics if t.level == 1) == 17                   # every IPTC top level
    assert all(t.description and t.signals for t in topics)
    assert {t.parent for t in topics if t.parent} <= set(codes)


@pytest.mark.parametrize("headline,body,expected", [
    ("North Korea fires missiles", "North Korea fired two short-range ballistic missiles into the sea, "
                                   "its latest weapons test.", {"medtop:20000602"}),
    ("Floods", "Flooding and a landslide after the earthquake left thousands homeless.", {"medtop:20000148"}),
    ("Rates", "The central bank raised interest rates by 50 basis points to fight inflation.",
     {"medtop:20000379", "medtop:20000344"}),                  # monetary policy, or the economy it belongs to
    ("Final", "Ajax beat PSV 2-1 in the cup final; the striker scored twice in the second half of the match "
              "and the goalkeeper saved a penalty in the soccer championship.", {"medtop:20000822"}),
    ("Talks", "The foreign minister held talks with his counterpart; diplomats said the envoy would visit "
              "the embassy after the negotiations.", {"medtop:20000639"}),
])
def test_the_best_subject_of_a_plain_excerpt(headline, body, expected):
    found = [t for t in themes.themes(headline, body) if t.level > 1]
    assert found and found[0].code in expected, found


def test_a_signal_written_in_capitals_matches_only_in_capitals():
    taxonomy = themes.load_taxonomy()
    assert ("who",) in taxonomy.as_written                       # WHO, the World Health Organization
    pronoun = themes._occurrences(taxonomy, "People who were there said so.", lambda at: 1.0)
    assert ("who",) not in pronoun
    assert ("who",) in themes._occurrences(taxonomy, "The WHO said so.", lambda at: 1.0)


def test_the_headline_and_the_lead_weigh_more_than_the_end():
    body = "Farmers met.\n" + "Nothing happened here. " * 40 + "\nThe earthquake was felt."
    late = themes.themes(None, body)
    early = themes.themes("Earthquake", body)
    score = {t.code: t.score for t in early}
    assert score.get("medtop:20000148", 0) > {t.code: t.score for t in late}.get("medtop:20000148", 0)


# --- amounts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("North Korea fired two short-range ballistic missiles toward the sea.", [(2, None, "short-range ballistic missiles")]),
    ("a spaceport some 1,000 kilometers (620 miles) from Vladivostok", [(1000, None, "kilometers"), (620, None, "miles")]),
    ("North Korea may have tens of millions of aging artillery shells", [(1e7, 1e8, "aging artillery shells")]),
    ("agreed to buy it for about $2.1 billion, it said", [(2.1e9, None, "dollars")]),
    ("an investment of three billion baht", [(3e9, None, "baht")]),
    ("Hundreds of farmers blocked the motorways", [(100, 1000, "farmers")]),
    ("a 34% premium and 57 percent of voters", [(34, None, "%"), (57, None, "percent")]),
    ("I felt strong from 30km", [(30, None, "km")]),
    ("NATO troops detained 65 Bosnian Serb policemen", [(65, None, "Bosnian Serb policemen")]),
    ("twenty-five people died", [(25, None, "people")]),
])
def test_counted_quantities_with_the_thing_counted(text, expected):
    assert [(a.amount, a.amount_high, a.counted) for a in amounts.amounts(text)] == expected


@pytest.mark.parametrize("text", [
    "Nantes 0 Lens 1 (Smicer 52nd).", "Pakistan were 473-6 at tea.", "The 36-year-old Aston Villa player",
    "a tour of a Soyuz-2 space rocket launch facility", "North Korea is one of the few countries",
    "Hospital No 31 in the Russian capital", "the 2023 elections", "won in 2:01:22 on Sept. 13",
    "no one knows", "Alec Stewart 3 5 0 396 170 79.20",
])
def test_numbers_that_count_nothing_are_left_out(text):
    assert amounts.amounts(text) == []


def test_amount_offsets_point_into_the_body():
    body = "Officials said two ballistic missiles and 40 seconds."
    for found in amounts.amounts(body):
        assert body[found.char_start:found.char_end] == found.surface_form


# --- the stage --------------------------------------------------------------------------------

def _articles() -> pl.DataFrame:
    bodies = [(SEEDS / name).read_text() for name in sorted(p.name for p in SEEDS.iterdir())[:2]]
    return pl.DataFrame({"content_sha256": ["a" * 64, "b" * 64], "headline": ["Kim meets Putin", None], "body": bodies})


def test_the_stage_fills_the_batch_contract_and_its_cache_gives_the_same(tmp_path):
    fresh = stage.find_signals(_articles(), stage.SignalCache(tmp_path))
    schemas = {"tones": TONE_SCHEMA, "paragraph_tones": PARAGRAPH_TONE_SCHEMA, "article_themes": ARTICLE_THEME_SCHEMA,
               "amounts": AMOUNT_SCHEMA}
    assert {name: dict(frame.schema) for name, frame in fresh.items()} == schemas
    assert fresh["tones"].height == 2 and fresh["article_themes"].height > 0 and fresh["amounts"].height > 0
    assert len(list(tmp_path.rglob("*.json"))) == 2
    cached = stage.find_signals(_articles(), stage.SignalCache(tmp_path))
    assert all(cached[name].equals(fresh[name]) for name in fresh)


def test_the_taxonomy_frame_is_what_dim_theme_loads():
    frame = stage.taxonomy_frame()
    assert frame.height == len(themes.read_topics()) and frame["theme_code"].is_unique().all()


# --- the labelled set -------------------------------------------------------------------------

def test_the_labels_name_topics_of_the_taxonomy():
    labelled = evaluation.read_labels()
    codes = {t.code for t in themes.read_topics()}
    assert 20 <= len(labelled) <= 30
    assert all(item.top_level <= codes and item.subjects <= codes for item in labelled)


def test_precision_at_k_counts_what_was_given():
    gold = [frozenset({"a", "b"}), frozenset({"c"})]
    assert evaluation.precision_at([["a", "x", "b"], ["c"]], gold, 1) == 1.0
    assert evaluation.precision_at([["a", "x", "b"], ["c"]], gold, 3) == 0.75
    assert evaluation.precision_at([[], ["x"]], gold, 1) == 0.0


@pytest.mark.skipif(not all(p.is_dir() for p in evaluation.CORPORA.values()), reason="no ../shared corpora here")
def test_themes_keep_their_precision_on_the_labelled_set():
    """The figures measured when the themes were written (README): P@1 0.857 top-level, 0.643 subjects."""
    labelled = evaluation.read_labels()
    articles = {r["source_file"]: r for r in evaluation.parsed_articles(labelled).iter_rows(named=True)}
    found = [themes.themes(articles[i.file]["headline"], articles[i.file]["body"]) for i in labelled]
    top = [[t.code for t in f if t.level == 1] for f in found]
    subjects = [[t.code for t in f if t.level > 1] for f in found]
    assert evaluation.precision_at(top, [i.top_level for i in labelled], 1) >= 0.85
    assert evaluation.precision_at(subjects, [i.subjects for i in labelled], 1) >= 0.64

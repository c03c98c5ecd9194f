"""`wirehouse eval` scores a corpus of surface forms (the reuters-train form) as the shared scorer does."""
from __future__ import annotations

import json

import pytest

from flows.entities.evaluation import evaluate, fold_surface


@pytest.mark.parametrize(("surface", "key"), [
    ("Mr. Kim", "kim"), ("Dr Smith", "smith"), ("Kim Jong-un", "kim jong un"), ("Moody's", "moody"),
    ("U.S.", "u.s"), ("  New   York ", "new york"), ("Côte d’Ivoire", "côte d'ivoire"), ("Sir Mark", "sir mark"),
])
def test_surface_forms_fold_as_the_shared_scorer_folds_them(surface, key):
    assert fold_surface(surface) == key


@pytest.mark.e2e
def test_a_surface_form_corpus_is_scored_per_article_with_misses_as_written(tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.txt").write_text(
        "Putin meets Kim\nVLADIVOSTOK, Russia 2023-09-13\n"
        "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok on Wednesday.\n"
        "Putin said the talks went well.\n")
    gold = {"a.txt": {"entities": [["Vladimir Putin", "PERSON"], ["Putin", "PERSON"], ["Kim Jong Un", "PERSON"],
                                   ["Vladivostok", "LOC"], ["Atlantis", "LOC"]]}}
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    report = evaluate(tmp_path, processes=1)
    assert report.quotes is None
    assert report.entities["PERSON"].tp == 3 and report.entities["LOC"].fn == 1
    assert report.all_entities.tp == 4
    assert "a.txt: missed LOC Atlantis" in report.miss_lines()
    assert not any(line.startswith("quotes") for line in report.lines())

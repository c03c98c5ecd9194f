"""A fixed sample of the development corpora, loaded and scored: a later change cannot quietly undo
what the parser and the entity layer reach on real articles (figures of November 2026, less a margin).

Uses ../shared/devdata and ../shared/eval/score_devdata.py beside the checkout (bench/devdata.py);
skipped where they are not.
"""
from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import devdata  # noqa: E402

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not (devdata.SHARED / "devdata").is_dir(), reason="no ../shared/devdata here")]
MARGIN = 0.02


def _figure(line: str, label: str) -> float:
    """The number after a label in the scorer's summary line ("F1 0.837", "headline 100.0%")."""
    return float(re.search(rf"\b{label} ([0-9.]+)", line).group(1))


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    work = tmp_path_factory.mktemp("devdata")
    every = {"reuters-train": 8, "page-copies": 9, "layouts": 1}      # about 100, 110 and all 30 files
    return {name: devdata.score(name, step, 0, work)[0][-1] for name, step in every.items()}


def test_reuters_wires(scores):
    line = scores["reuters-train"]
    assert "loaded 103/103" in line
    assert _figure(line, "headline") >= 98 and _figure(line, "dateline city") >= 95 and _figure(line, "date") >= 98
    assert _figure(line, "F1") >= 0.852 - MARGIN


def test_page_copies(scores):
    line = scores["page-copies"]
    assert _figure(line, "P") >= 0.868 - MARGIN and _figure(line, "F1") >= 0.852 - MARGIN
    assert "loaded 110/110" in scores["page-copies"]


def test_layouts(scores):
    line = scores["layouts"]
    assert float(re.search(r"([0-9.]+)% of checks", line).group(1)) >= 98.0 - 100 * MARGIN
    counts = dict(re.findall(r"(\w[\w ]*?) (\d+)/\d+", line))
    assert int(counts["headline"]) >= 29 and int(counts["publisher"]) >= 28 and int(counts["time"]) >= 28
    assert int(counts["captions"]) >= 25 and int(counts["speakers"]) >= 54
    assert "invented dates 0" in line


def test_layouts_of_outlets_nobody_knows():
    """The 30 layouts read with their 30 outlets taken out of outlets.toml: the page alone still names
    most publishers (its logo, its menu, its furniture) and every author (figures of November 2026)."""
    from flows.parse.decoding import decode
    from flows.parse.outlets import Outlets, load_outlets
    from flows.parse.plain_text import parse_article

    folder = devdata.SHARED / "devdata" / "layouts"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    known = load_outlets()
    theirs = {g["publisher"] for g in gold.values()}
    outlets = Outlets([o for o in known.entries if o.name not in theirs], known.corporate_suffixes)
    publishers = authors = 0
    for name, truth in gold.items():
        article = parse_article(decode((folder / "inbox" / name).read_bytes()).text, outlets)
        publishers += (article.publisher or "").lower() == truth["publisher"].lower()
        authors += [a.lower() for a in article.authors] == [a.lower() for a in truth["authors"]]
    assert publishers >= 23 - 2 and authors >= 30 - 1

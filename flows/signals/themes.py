"""Themes: what an article is about, as topics of the taxonomy in flows/data/themes.toml.

Each topic lists the words and phrases that signal it. An article's evidence for a phrase is

    rarity x log2(1 + sum of its occurrences' position weights)

where rarity is how uncommon the phrase is in general English (-log10 of its frequency, from the
wordfreq package's lists: "war" 3.6, "ballistic missile" 6.0), and an occurrence counts double in
the headline and 1.5 times at the top of the body, falling to once at its end: news puts what
matters first. Repeats add less and less. A subject's score is the evidence of its own phrases; a
top-level topic's is that of every distinct phrase in its branch, so the missiles of "military
weaponry" count for "politics" too. Top-level topics and subjects are ranked apart; an article gets
the best few of each whose score is high enough on its own and next to the article's best.
"""
from __future__ import annotations

import math
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flows.parse.text import fold
from flows.resources import DATA

THEMES_FILE = DATA / "themes.toml"
# Where an occurrence is: the headline counts double, the body from 1.5 at its top to 1.0 at its end.
HEADLINE_WEIGHT, LEAD_BONUS = 2.0, 0.5
# -log10 frequency, kept in this range: an unknown word is rare, not infinitely telling.
MIN_RARITY, MAX_RARITY = 1.0, 7.0
# An article gets up to this many topics of each level, each scoring at least MIN_SCORE and at
# least RELATIVE_TO_BEST of the level's best. Set before tests/signals_labels.csv was first scored,
# and not tuned on it since.
MAX_PER_LEVEL, MIN_SCORE, RELATIVE_TO_BEST = 3, 8.0, 0.3
# How many of a topic's strongest phrases its row shows as evidence.
EVIDENCE_SHOWN = 4

_TOKEN = re.compile(r"[a-z0-9]+(?:[&'-][a-z0-9]+)*", re.IGNORECASE)


@dataclass(frozen=True)
class Topic:
    code: str
    label: str
    description: str
    parent: str | None
    level: int
    signals: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    """One topic an article is about."""
    code: str
    level: int
    score: float
    rank: int                 # 1 for the article's best topic of this level
    evidence: str             # its strongest phrases and how often they occur: "missile x3, warhead x1"


def normalize(word: str) -> str:
    """A word as phrases match it: a plural or possessive 's' dropped ("missiles", "Russia's")."""
    if word.endswith("'s"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(fold(text)))


def tokens(text: str) -> list[str]:
    """The words of a text as phrases match them."""
    return [normalize(m.group().lower()) for m in _words(text)]


def _is_acronym(phrase: str) -> bool:
    """A signal written with capitals ("WHO", "UN", "Fed") matches only as written: "who" is a pronoun."""
    return any(c.isupper() for c in phrase)


class Taxonomy:
    """The topics, and every signal phrase indexed for matching, with its rarity and the topics
    (its own and their ancestors) it is evidence for."""

    def __init__(self, topics: list[Topic]):
        self.topics = {t.code: t for t in topics}
        unknown = {t.parent for t in topics if t.parent and t.parent not in self.topics}
        if unknown:
            raise ValueError(f"themes.toml: parents not in the taxonomy: {sorted(unknown)}")
        # phrase -> the subjects that list it, and the top-level topic of each topic that does
        self.evidence_for: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.written: dict[tuple[str, ...], str] = {}
        self.as_written: dict[tuple[str, ...], tuple[str, ...]] = {}     # acronyms: the words as they must be written
        parents = {t.code: t.parent for t in topics}
        for topic in topics:
            top_level = lineage(topic.code, parents)[-1]
            for phrase in topic.signals:
                key = tuple(tokens(phrase))
                if _is_acronym(phrase):
                    self.as_written[key] = tuple(m.group() for m in _words(phrase))
                self.evidence_for[key] |= {topic.code, top_level}
                self.written.setdefault(key, phrase)
        self.by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in sorted(self.evidence_for, key=len, reverse=True):     # longest first
            self.by_first[key[0]].append(key)
        self.rarity = {key: _rarity(phrase) for key, phrase in self.written.items()}


def _rarity(phrase: str) -> float:
    from wordfreq import zipf_frequency      # its word lists load on first use

    return min(MAX_RARITY, max(MIN_RARITY, 9.0 - zipf_frequency(phrase, "en")))


def lineage(code: str, parents: dict[str, str | None]) -> list[str]:
    """A topic and its ancestors, nearest first, by each topic's parent."""
    chain = []
    while code:
        chain.append(code)
        code = parents.get(code)
    return chain


def read_topics(path: Path = THEMES_FILE) -> list[Topic]:
    rows = tomllib.loads(Path(path).read_text(encoding="utf-8"))["topic"]
    parents = {row["code"]: row.get("parent") for row in rows}
    return [Topic(row["code"], row["label"], row["description"], row.get("parent"), len(lineage(row["code"], parents)),
                  tuple(row["signals"])) for row in rows]


@lru_cache(maxsize=2)
def load_taxonomy(path: Path = THEMES_FILE) -> Taxonomy:
    return Taxonomy(read_topics(path))


def _occurrences(taxonomy: Taxonomy, text: str, weight_at) -> dict[tuple[str, ...], list[float]]:
    """Each signal phrase found in a text, with the position weight of each occurrence. Where
    phrases overlap, the longest wins ("ballistic missile" is not also "missile")."""
    spans = _words(text)
    words = [normalize(m.group().lower()) for m in spans]
    found: dict[tuple[str, ...], list[float]] = defaultdict(list)
    i = 0
    while i < len(words):
        match = next((key for key in taxonomy.by_first.get(words[i], ()) if tuple(words[i:i + len(key)]) == key
                      and _written_right(taxonomy, key, spans[i:i + len(key)])), None)
        if match is None:
            i += 1
            continue
        found[match].append(weight_at(spans[i].start()))
        i += len(match)
    return found


def _written_right(taxonomy: Taxonomy, key: tuple[str, ...], spans: list[re.Match]) -> bool:
    written = taxonomy.as_written.get(key)
    return written is None or tuple(m.group() for m in spans) == written


def themes(headline: str | None, body: str, taxonomy: Taxonomy | None = None) -> list[Theme]:
    """The topics an article is about, best first within each level."""
    taxonomy = taxonomy or load_taxonomy()
    occurrences = _occurrences(taxonomy, body, lambda at: 1.0 + LEAD_BONUS * (1 - at / max(len(body), 1)))
    for phrase, weights in _occurrences(taxonomy, headline or "", lambda at: HEADLINE_WEIGHT).items():
        occurrences[phrase] += weights
    evidence = {phrase: taxonomy.rarity[phrase] * math.log2(1 + sum(weights))
                for phrase, weights in occurrences.items()}
    scores: dict[str, float] = defaultdict(float)
    for phrase, value in evidence.items():
        for code in taxonomy.evidence_for[phrase]:
            scores[code] += value
    chosen = []
    for level_is_top in (True, False):
        ranked = sorted(((score, code) for code, score in scores.items()
                         if (taxonomy.topics[code].level == 1) == level_is_top), reverse=True)
        best = ranked[0][0] if ranked else 0.0
        kept = [(s, c) for s, c in ranked[:MAX_PER_LEVEL] if s >= MIN_SCORE and s >= RELATIVE_TO_BEST * best]
        chosen += [Theme(code, taxonomy.topics[code].level, round(score, 3), rank,
                         _evidence(taxonomy, code, evidence, occurrences))
                   for rank, (score, code) in enumerate(kept, start=1)]
    return chosen


def _evidence(taxonomy: Taxonomy, code: str, evidence: dict, occurrences: dict) -> str:
    mine = sorted((p for p in evidence if code in taxonomy.evidence_for[p]), key=evidence.get, reverse=True)
    return ", ".join(f"{taxonomy.written[p]} x{len(occurrences[p])}" for p in mine[:EVIDENCE_SHOWN])

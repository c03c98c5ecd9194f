"""Tone: how positive or negative the words of an article and of each paragraph are.

VADER (vaderSentiment, its lexicon inside the package) scores one sentence at a time: that is what
it was built and validated on. A whole article given to it at once saturates, since its compound
score squashes the sum of every word's valence into -1..1 and a few hundred words reach the ends.
So a text's tone is the mean of its sentences' scores, each weighted by its words:

    positive, negative   the share of the sentences' valence that is positive or negative (0..1)
    compound             the sentences' compound scores averaged (-1 most negative .. +1 most positive)
    polarity             the share of words that carry any valence in the lexicon (GDELT's "polarity")

News prose is not what VADER was made for (tweets and reviews): "killed", "attack" and "war" read
as negative whether a report deplores them or only states them, and "support" or "cooperation"
read as positive in a threat. Compare outlets and days with it, not single sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flows.load.fingerprints import MIN_WORDS, numbered_paragraphs

# Sentences end at . ! or ? followed by a space and a capital, digit or quote; abbreviations such
# as "Mr." or "U.S." are rare enough in one sentence to cost little when cut wrongly.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Tone:
    positive: float
    negative: float
    compound: float
    polarity: float
    words: int


NO_TONE = Tone(0.0, 0.0, 0.0, 0.0, 0)


@lru_cache(maxsize=1)
def analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def tone(text: str) -> Tone:
    """The tone of a text: its sentences' VADER scores, weighted by their words."""
    vader = analyzer()
    scored = []
    for sentence in sentences(text):
        tokens = _WORD.findall(sentence)
        if tokens:
            scores = vader.polarity_scores(sentence)
            polar = sum(1 for t in tokens if t.lower() in vader.lexicon)
            scored.append(Tone(scores["pos"], scores["neg"], scores["compound"], polar / len(tokens), len(tokens)))
    return combine(scored)


def combine(tones: list[Tone]) -> Tone:
    """One tone for several texts (sentences, paragraphs): their scores weighted by their words."""
    words = sum(t.words for t in tones)
    if not words:
        return NO_TONE

    def mean(field: str) -> float:
        return round(sum(getattr(t, field) * t.words for t in tones) / words, 4)
    return Tone(mean("positive"), mean("negative"), mean("compound"), mean("polarity"), words)


def body_tone(body: str) -> tuple[Tone, list[tuple[int, Tone]]]:
    """The tone of a body (all of it), and (paragraph_no, tone) of each paragraph fact_paragraph keeps."""
    paragraphs = [(number, len(words) >= MIN_WORDS, tone(match.group()))
                  for number, match, words in numbered_paragraphs(body)]
    kept = [(number, t) for number, keeps, t in paragraphs if keeps]
    return combine([t for _, _, t in paragraphs]), kept

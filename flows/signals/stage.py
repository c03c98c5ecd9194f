"""The signals stage: tone, themes and amounts of a batch's articles, as the frames the load reads.

Runs in the worker processes after parsing and NER (flows/run/workers.py), so it uses every core.
What it finds depends only on an article's headline and body and on this package's rules and word
lists, so it is cached by the hash of the text, in a folder named after a hash of those rules:
a changed word list or rule reads no old result.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import polars as pl

from flows.batch import AMOUNT_SCHEMA, ARTICLE_THEME_SCHEMA, PARAGRAPH_TONE_SCHEMA, THEME_SCHEMA, TONE_SCHEMA
from flows.signals import amounts, themes, tone
from flows.stage.raw_store import JsonStore

# What the results depend on besides the text: a change to any of these starts a new cache.
RULES = [Path(tone.__file__), Path(themes.__file__), Path(amounts.__file__), themes.THEMES_FILE, amounts.AMOUNTS_FILE]


@lru_cache(maxsize=1)
def rules_id() -> str:
    digest = hashlib.sha256()
    for path in RULES:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def text_key(headline: str | None, body: str) -> str:
    return hashlib.sha256(f"{headline or ''}\x00{body}".encode()).hexdigest()


def signals(headline: str | None, body: str) -> dict:
    """Everything the stage finds in one article, as plain lists (what the cache stores)."""
    article, paragraphs = tone.body_tone(body)
    return {
        "tone": [article.positive, article.negative, article.compound, article.polarity],
        "paragraphs": [[number, t.positive, t.negative, t.compound, t.polarity] for number, t in paragraphs],
        "themes": [[t.code, t.score, t.rank, t.evidence] for t in themes.themes(headline, body)],
        "amounts": [[a.amount, a.amount_high, a.counted, a.surface_form, a.char_start, a.char_end]
                    for a in amounts.amounts(body)],
    }


class SignalCache(JsonStore):
    """Each article's signals stored by the hash of its text, under the hash of the rules."""

    def __init__(self, folder: Path):
        super().__init__(Path(folder) / rules_id())


def find_signals(articles: pl.DataFrame, cache: SignalCache | None = None) -> dict[str, pl.DataFrame]:
    """The tones, paragraph tones, themes and amounts of every article of a frame with
    content_sha256, headline and body, as frames of the batch contract (flows/batch.py)."""
    rows = {"tones": [], "paragraph_tones": [], "article_themes": [], "amounts": []}
    for sha, headline, body in articles.select("content_sha256", "headline", "body").iter_rows():
        key = text_key(headline, body)
        found = cache.get(key) if cache else None
        if found is None:
            found = signals(headline, body)
            if cache:
                cache.put(key, found)
        rows["tones"].append([sha, *found["tone"]])
        rows["paragraph_tones"] += [[sha, *p] for p in found["paragraphs"]]
        rows["article_themes"] += [[sha, *t] for t in found["themes"]]
        rows["amounts"] += [[sha, *a, len(body)] for a in found["amounts"]]
    schemas = {"tones": TONE_SCHEMA, "paragraph_tones": PARAGRAPH_TONE_SCHEMA, "article_themes": ARTICLE_THEME_SCHEMA,
               "amounts": AMOUNT_SCHEMA}
    return {name: pl.DataFrame(rows[name], schema=schemas[name], orient="row") for name in rows}


@lru_cache(maxsize=1)
def taxonomy_frame() -> pl.DataFrame:
    """The taxonomy as dim_theme's staging frame (read from the TOML alone: no word frequencies)."""
    return pl.DataFrame([(t.code, t.label, t.description, t.parent, t.level) for t in themes.read_topics()],
                        schema=THEME_SCHEMA, orient="row")

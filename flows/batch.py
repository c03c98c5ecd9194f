"""The batch contract: every frame a run passes from stage to stage, and the names the load SQL reads.

A run moves files through the stages as polars frames. Their schemas live here, once:

    stage     STAGED        one row per input (a file, or a member of an archive)
    parse     ARTICLE, AUTHOR, CAPTION, REJECT       -> ParsedBatch
    signals   TONE, PARAGRAPH_TONE, ARTICLE_THEME, AMOUNT (THEME: the taxonomy)  -> the same ParsedBatch
    entities  MENTION, QUOTE, ENTITY                 -> the same ParsedBatch, filled in
    validate  QUARANTINE, RESULT
    load      PARAGRAPH, OUTLET, RUN, FILE           registered as the stg_* views that sql/load reads

The columns of ARTICLE, AUTHOR, ... are the columns the suites in expectations/ check and the
load SQL selects; tests/test_contract.py checks that the three agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import polars as pl

UTC = pl.Datetime("us", "UTC")

# --- stage ---------------------------------------------------------------------------------------
STAGED_SCHEMA = {
    "source_file": pl.String,      # path relative to the inbox, with forward slashes
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "content_sha256": pl.String,   # null when the input could not be read
    "problem": pl.String,          # why the input cannot be staged, else null
    "url": pl.String,              # from a WARC record, a JSON-lines row or the manifest
    "crawled_at": UTC,
}
# What staging may know of a file beside its bytes (WARC headers, JSON-lines fields, the manifest).
FILE_META = {"url": pl.String, "crawled_at": UTC, "manifest_source": pl.String, "manifest_published_at": pl.String}

# --- parse ---------------------------------------------------------------------------------------
ARTICLE_SCHEMA = {
    "content_sha256": pl.String, "article_id": pl.String, "source_file": pl.String,
    "encoding": pl.String, "headline": pl.String, "update_tag": pl.String, "slug": pl.String,
    "standfirst": pl.String, "body": pl.String, "language": pl.String, "word_count": pl.Int32,
    "published_at": UTC, "published_tz": pl.String,
    "published_offset_minutes": pl.Int32, "published_precision": pl.String, "published_basis": pl.String,
    "date_key": pl.Int32, "publisher": pl.String, "wire_service": pl.String, "dateline": pl.String,
    "dateline_city": pl.String, "editorial_note": pl.String, "url": pl.String, "crawled_at": UTC,
    "section": pl.String, "published_tz_written": pl.String, "published_label": pl.String, "signoff": pl.String,
    "metadata_origin": pl.String,
}
AUTHOR_SCHEMA = {"content_sha256": pl.String, "author_position": pl.Int32, "author_name": pl.String,
                 "author_name_native": pl.String}
CAPTION_SCHEMA = {"content_sha256": pl.String, "caption_position": pl.Int32, "caption_text": pl.String}
REJECT_SCHEMA = {"source_file": pl.String, "content_sha256": pl.String, "stage": pl.String, "reason": pl.String}
UNKNOWN_DATE_KEY = -1

# --- entities (offsets are into the article's body; body_length lets the suites check them) ------
MENTION_SCHEMA = {"content_sha256": pl.String, "canonical_name": pl.String, "entity_type": pl.String,
                  "surface_form": pl.String, "char_start": pl.Int32, "char_end": pl.Int32, "body_length": pl.Int32}
QUOTE_SCHEMA = {"content_sha256": pl.String, "speaker_name": pl.String, "speaker_type": pl.String,
                "quote_text": pl.String, "char_start": pl.Int32, "char_end": pl.Int32, "body_length": pl.Int32}
ENTITY_SCHEMA = {"canonical_name": pl.String, "entity_type": pl.String, "country_code": pl.String,
                 "latitude": pl.Float64, "longitude": pl.Float64}

# --- signals (flows/signals): tone per article and paragraph, themes, amounts (offsets into the body) ---
TONE = {"tone_positive": pl.Float64, "tone_negative": pl.Float64, "tone_compound": pl.Float64,
        "tone_polarity": pl.Float64}
TONE_SCHEMA = {"content_sha256": pl.String, **TONE}
PARAGRAPH_TONE_SCHEMA = {"content_sha256": pl.String, "paragraph_no": pl.Int32, **TONE}
ARTICLE_THEME_SCHEMA = {"content_sha256": pl.String, "theme_code": pl.String, "score": pl.Float64,
                        "theme_rank": pl.Int32, "evidence": pl.String}
AMOUNT_SCHEMA = {"content_sha256": pl.String, "amount": pl.Float64, "amount_high": pl.Float64, "counted": pl.String,
                 "surface_form": pl.String, "char_start": pl.Int32, "char_end": pl.Int32, "body_length": pl.Int32}
THEME_SCHEMA = {"theme_code": pl.String, "label": pl.String, "description": pl.String, "parent_code": pl.String,
                "level": pl.Int32}

# --- validate ------------------------------------------------------------------------------------
QUARANTINE_SCHEMA = {"source_file": pl.String, "content_sha256": pl.String, "stage": pl.String,
                     "reason": pl.String, "table_name": pl.String}
RESULT_SCHEMA = {"suite_name": pl.String, "expectation_type": pl.String, "column_name": pl.String,
                 "blocking": pl.Boolean, "success": pl.Boolean, "element_count": pl.Int64,
                 "unexpected_count": pl.Int64}

# --- load ----------------------------------------------------------------------------------------
PARAGRAPH_SCHEMA = {"content_sha256": pl.String, "paragraph_no": pl.Int32, "char_start": pl.Int32,
                    "char_end": pl.Int32, "word_count": pl.Int32, "minhash": pl.List(pl.UInt32),
                    "bands": pl.List(pl.Int64)}
OUTLET_SCHEMA = {"name": pl.String, "kind": pl.String, "timezone": pl.String, "country": pl.String}
FILE_SCHEMA = {"source_file": pl.String, "content_sha256": pl.String, "size_bytes": pl.Int64,
               "mtime_ns": pl.Int64, "outcome": pl.String}
RUN_SCHEMA = {"run_id": pl.String, "started_at": UTC, "loaded_at": UTC, "status": pl.String, "inbox": pl.String,
              "files_seen": pl.Int64, "files_new": pl.Int64, "files_skipped": pl.Int64, "files_unreadable": pl.Int64,
              "files_loaded": pl.Int64, "files_quarantined": pl.Int64, "articles_loaded": pl.Int64,
              "rows_quarantined": pl.Int64, "validation_passed": pl.Boolean, "message": pl.String}

# The frames the load SQL reads, registered as views of these names: sql/load/batch/*.sql select
# from the first set once per batch, sql/load/run/*.sql from the second once at the end of a run.
BATCH_VIEWS = {"stg_article": ARTICLE_SCHEMA, "stg_author": AUTHOR_SCHEMA, "stg_caption": CAPTION_SCHEMA,
               "stg_entity": ENTITY_SCHEMA, "stg_mention": MENTION_SCHEMA, "stg_quote": QUOTE_SCHEMA,
               "stg_paragraph": PARAGRAPH_SCHEMA, "stg_outlet": OUTLET_SCHEMA, "stg_run": RUN_SCHEMA,
               "stg_tone": TONE_SCHEMA, "stg_paragraph_tone": PARAGRAPH_TONE_SCHEMA,
               "stg_article_theme": ARTICLE_THEME_SCHEMA, "stg_amount": AMOUNT_SCHEMA, "stg_theme": THEME_SCHEMA}
RUN_VIEWS = {"stg_file": FILE_SCHEMA, "stg_quarantine": QUARANTINE_SCHEMA, "stg_validation": RESULT_SCHEMA,
             "stg_run": RUN_SCHEMA}


# Each frame of a ParsedBatch and its schema.
FRAME_SCHEMAS = {"articles": ARTICLE_SCHEMA, "authors": AUTHOR_SCHEMA, "captions": CAPTION_SCHEMA,
                 "rejects": REJECT_SCHEMA, "mentions": MENTION_SCHEMA, "quotes": QUOTE_SCHEMA,
                 "entities": ENTITY_SCHEMA, "tones": TONE_SCHEMA, "paragraph_tones": PARAGRAPH_TONE_SCHEMA,
                 "article_themes": ARTICLE_THEME_SCHEMA, "amounts": AMOUNT_SCHEMA}


def empty(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


@dataclass
class ParsedBatch:
    """One batch of articles as it moves from parse to load: a frame per kind of row."""
    articles: pl.DataFrame
    authors: pl.DataFrame
    captions: pl.DataFrame
    rejects: pl.DataFrame
    mentions: pl.DataFrame = field(default_factory=lambda: empty(FRAME_SCHEMAS["mentions"]))
    quotes: pl.DataFrame = field(default_factory=lambda: empty(FRAME_SCHEMAS["quotes"]))
    entities: pl.DataFrame = field(default_factory=lambda: empty(FRAME_SCHEMAS["entities"]))
    tones: pl.DataFrame = field(default_factory=lambda: empty(FRAME_SCHEMAS["tones"]))
    paragraph_tones: pl.DataFrame = field(default_factory=lambda: empty(FRAME_SCHEMAS["paragraph_tones"]))
    article_themes: pl.DataFrame = field(default_factory=lambda: empty(FRAME_SCHEMAS["article_themes"]))
    amounts: pl.DataFrame = field(default_factory=lambda: empty(FRAME_SCHEMAS["amounts"]))

    # The frames with one or more rows per article, keyed by content_sha256.
    PER_ARTICLE = ("articles", "authors", "captions", "mentions", "quotes", "tones", "paragraph_tones",
                   "article_themes", "amounts")
    # The frames found article by article (parse, then signals), which pieces of a batch bring along.
    PER_PIECE = ("articles", "authors", "captions", "rejects", "tones", "paragraph_tones", "article_themes", "amounts")

    @classmethod
    def concat(cls, batches: list[ParsedBatch]) -> ParsedBatch:
        """One batch from batches parsed apart (entities are found after, on the whole)."""
        return cls(**{name: pl.concat([getattr(b, name) for b in batches]) for name in cls.PER_PIECE})

    def without(self, sha256s: set[str]) -> ParsedBatch:
        """The batch less the articles with these hashes, and every row that belongs to them."""
        keep = ~pl.col("content_sha256").is_in(list(sha256s))
        return replace(self, **{name: getattr(self, name).filter(keep) for name in self.PER_ARTICLE})

    def load_frames(self, paragraphs: pl.DataFrame, outlets: pl.DataFrame, run: pl.DataFrame,
                    taxonomy: pl.DataFrame) -> dict[str, pl.DataFrame]:
        """The batch as the stg_* frames of BATCH_VIEWS."""
        return {"stg_article": self.articles, "stg_author": self.authors, "stg_caption": self.captions,
                "stg_entity": self.entities, "stg_mention": self.mentions, "stg_quote": self.quotes,
                "stg_paragraph": paragraphs, "stg_outlet": outlets, "stg_run": run, "stg_tone": self.tones,
                "stg_paragraph_tone": self.paragraph_tones, "stg_article_theme": self.article_themes,
                "stg_amount": self.amounts, "stg_theme": taxonomy}

"""Quarantine: every row a run refuses, with the stage that refused it and why. Built here only.

Three sources: inputs staging could not read, files parsing found are not articles, and rows that
broke an expectation. A row that breaks an expectation is removed with everything that depends on
it (an article with its authors, captions, mentions and quotes; an entity with its mentions; a
source name from the articles that carry it), so nothing half-loaded reaches the warehouse.
"""
from __future__ import annotations

from dataclasses import replace

import polars as pl

from flows.batch import QUARANTINE_SCHEMA, ParsedBatch

SOURCES = "sources"     # the publisher and wire names of a batch, a frame of their own
THEMES = "themes"       # the theme taxonomy staged with every batch (its suite only refuses whole batches)

RowFailures = dict[int, tuple[str, str]]     # row number -> (suite, reason)


def _rows(frame: pl.DataFrame, stage, reason, table_name=None) -> pl.DataFrame:
    """Quarantine rows for a frame with source_file and content_sha256; stage, reason and
    table_name are each a value or an expression over the frame."""
    def value(v) -> pl.Expr:
        return v if isinstance(v, pl.Expr) else pl.lit(v, pl.String)
    return frame.select("source_file", "content_sha256", stage=value(stage), reason=value(reason),
                        table_name=value(table_name)).cast(QUARANTINE_SCHEMA)


def unreadable(staged: pl.DataFrame) -> pl.DataFrame:
    """The inputs staging could not read."""
    return _rows(staged.filter(pl.col("outcome") == "unreadable"), "stage", pl.col("problem"))


def not_articles(rejects: pl.DataFrame) -> pl.DataFrame:
    """The files parsing refused (rejects carry their own stage and reason)."""
    return _rows(rejects, pl.col("stage"), pl.col("reason"))


def refused_batch(articles: pl.DataFrame, failures: list[str]) -> pl.DataFrame:
    """Every article of a batch a critical expectation refused."""
    return _rows(articles, "validate", "batch refused: " + "; ".join(failures), "fact_article")


def _marked(frame: pl.DataFrame, rows: RowFailures) -> pl.DataFrame:
    """The failing rows of a frame, with the suite (table_name) and reason that failed them."""
    return frame.with_row_index("_row").filter(pl.col("_row").is_in(list(rows))).with_columns(
        table_name=pl.col("_row").replace_strict({r: s for r, (s, _) in rows.items()}, return_dtype=pl.String),
        reason=pl.col("_row").replace_strict({r: why for r, (_, why) in rows.items()}, return_dtype=pl.String))


def _without_entities(batch: ParsedBatch, bad: pl.DataFrame) -> ParsedBatch:
    """The batch less these (canonical_name, entity_type) and their mentions; quotes they spoke keep
    their text and lose their speaker."""
    speakers = bad.rename({"canonical_name": "speaker_name", "entity_type": "speaker_type"}).with_columns(_bad=True)
    quotes = batch.quotes.join(speakers, on=["speaker_name", "speaker_type"], how="left")
    return replace(
        batch,
        entities=batch.entities.join(bad, on=["canonical_name", "entity_type"], how="anti"),
        mentions=batch.mentions.join(bad, on=["canonical_name", "entity_type"], how="anti"),
        quotes=quotes.with_columns(pl.when(pl.col("_bad")).then(None).otherwise(pl.col(c)).alias(c)
                                   for c in ("speaker_name", "speaker_type")).drop("_bad"))


def _without_sources(batch: ParsedBatch, bad_names: list[str]) -> ParsedBatch:
    """The batch with these publisher and wire names set to null."""
    return replace(batch, articles=batch.articles.with_columns(
        pl.when(pl.col(c).is_in(bad_names)).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("publisher", "wire_service")))


def remove_failed_rows(batch: ParsedBatch, frames: dict[str, pl.DataFrame],
                       bad_rows: dict[str, RowFailures]) -> tuple[ParsedBatch, pl.DataFrame]:
    """The batch without the rows that failed a row-level expectation (and what depends on them),
    and the quarantine rows that say so, one per failing row and the article it belongs to."""
    failed = {name: _marked(frames[name], rows) for name, rows in bad_rows.items()}
    kept = {name: frames[name].with_row_index("_row").filter(~pl.col("_row").is_in(list(rows))).drop("_row")
            for name, rows in bad_rows.items() if name in ParsedBatch.PER_ARTICLE}
    batch = replace(batch, **kept)
    if "articles" in failed:
        batch = batch.without(set(failed["articles"]["content_sha256"]))
    if "entities" in failed:
        bad = failed["entities"].select("canonical_name", "entity_type")
        batch = _without_entities(batch, bad)
        failed["entities"] = failed["entities"].join(   # quarantined under the articles that named it
            frames["mentions"].select("content_sha256", "canonical_name", "entity_type").unique(),
            on=["canonical_name", "entity_type"], how="left")
    if SOURCES in failed:
        batch = _without_sources(batch, failed[SOURCES]["source_name"].to_list())
        by_name = frames["articles"].unpivot(index="content_sha256", on=["publisher", "wire_service"],
                                             value_name="source_name")
        failed[SOURCES] = failed[SOURCES].join(by_name.select("content_sha256", "source_name"), on="source_name")
    files = frames["articles"].select("content_sha256", "source_file")
    quarantine = [_rows(f.join(files, on="content_sha256", how="left"), "validate", pl.col("reason"),
                        pl.col("table_name")) for f in failed.values()]
    return batch, pl.concat(quarantine) if quarantine else pl.DataFrame(schema=QUARANTINE_SCHEMA)

"""Validate: run the Great Expectations suites in `expectations/` over a parsed batch.

An expectation with severity "critical" guards the batch: if it fails, nothing is loaded. One with
severity "warning" guards rows: the rows that break it go to quarantine, named by the expectation.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from flows.parsing import ParsedBatch

EXPECTATIONS_DIR = Path(__file__).resolve().parent.parent / "expectations"
EARLIEST_PUBLICATION = dt.datetime(1990, 1, 1, tzinfo=dt.timezone.utc)
FUTURE_SLACK = dt.timedelta(days=2)
QUARANTINE_SCHEMA = {"source_file": pl.String, "content_sha256": pl.String, "stage": pl.String,
                     "reason": pl.String, "table_name": pl.String}
RESULT_SCHEMA = {"suite_name": pl.String, "expectation_type": pl.String, "column_name": pl.String,
                 "blocking": pl.Boolean, "success": pl.Boolean, "element_count": pl.Int64,
                 "unexpected_count": pl.Int64}
SOURCES = "sources"     # the publisher and wire names of the batch, a frame of their own
# Each suite is named after the warehouse table it guards and checks one frame of the batch.
SUITE_FRAMES = {
    "fact_article": "articles",
    "bridge_article_author": "authors",
    "dim_author": "authors",
    "fact_caption": "captions",
    "dim_source": SOURCES,
    "dim_entity": "entities",
    "fact_entity_mention": "mentions",
    "fact_quote": "quotes",
}


@dataclass
class ValidationOutcome:
    batch: ParsedBatch            # the rows that may be loaded
    quarantine: pl.DataFrame      # rows refused, with the expectation that refused them
    results: pl.DataFrame         # one row per expectation checked
    failures: list[str]           # critical expectations that failed

    @property
    def passed(self) -> bool:
        return not self.failures


def _frames(batch: ParsedBatch) -> dict[str, pl.DataFrame]:
    names = pl.concat([batch.articles.select(source_name="publisher"),
                       batch.articles.select(source_name="wire_service")])
    frames = {name: getattr(batch, name) for name in set(SUITE_FRAMES.values()) - {SOURCES}}
    frames[SOURCES] = names.drop_nulls().unique(maintain_order=True)
    return frames


def load_suites(directory: Path = EXPECTATIONS_DIR) -> dict[str, dict]:
    suites = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("*.json"))}
    missing = set(SUITE_FRAMES) - set(suites)
    if missing:
        raise FileNotFoundError(f"no expectation suite for {sorted(missing)} in {directory}")
    return suites


def _context(docs_dir: Path | None):
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx   # slow to import: only when validating

    # GX pins this module's logger to INFO and announces a temporary docs folder on every context.
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    if docs_dir is not None:
        context.add_data_docs_site("wirehouse", {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(Path(docs_dir).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return gx, context


class Validator:
    """The suites, ready to check one batch after another: GX's context, data assets and
    validation definitions are made once (for a run), and Data Docs are built once, at the end."""

    def __init__(self, docs_dir: Path | None = None, suites: dict[str, dict] | None = None):
        suites = suites or load_suites()
        self.gx, self.context = _context(docs_dir)
        self.docs_dir = docs_dir
        self.definitions = {name: self._definition(suites[name]) for name in SUITE_FRAMES}

    def _definition(self, suite_json: dict):
        gx, context, name = self.gx, self.context, suite_json["name"]
        asset = context.data_sources.add_pandas(f"{name}_source").add_dataframe_asset(name)
        suite = gx.ExpectationSuite(name=name, expectations=suite_json["expectations"], meta=suite_json.get("meta"))
        if len(suite.expectations) != len(suite_json["expectations"]):
            raise ValueError(f"expectations/{name}.json: GX refused some expectations (see its log above)")
        suite = context.suites.add(suite)
        return context.validation_definitions.add(gx.ValidationDefinition(
            name=name, data=asset.add_batch_definition_whole_dataframe(name), suite=suite))

    def check(self, batch: ParsedBatch, now: dt.datetime, known_entities: set[str] = frozenset()) -> ValidationOutcome:
        """Check every frame of the batch; drop and quarantine failing rows; report critical failures.

        `known_entities` are canonical names already in the warehouse, which quote speakers may name.
        """
        frames = _frames(batch)
        parameters = {"earliest_publication": EARLIEST_PUBLICATION, "latest_publication": now + FUTURE_SLACK,
                      "entity_names": sorted(set(batch.entities["canonical_name"]) | set(known_entities))}
        results, failures = [], []
        bad_rows: dict[str, dict[int, tuple[str, str]]] = {}     # frame -> row -> (suite, reason)
        for suite_name, frame_name in SUITE_FRAMES.items():
            outcome = self.definitions[suite_name].run(
                batch_parameters={"dataframe": frames[frame_name].to_pandas()},
                expectation_parameters=parameters, result_format="COMPLETE")
            for result in outcome.results:
                config = result.expectation_config
                column = config.kwargs.get("column") or "|".join(config.kwargs.get("column_list", []) or
                                                                  [config.kwargs.get(k) for k in ("column_A", "column_B")
                                                                   if config.kwargs.get(k)]) or None
                blocking = str(config.severity).lower().endswith("critical")
                reason = f"{config.type}({column})" if column else config.type
                results.append({"suite_name": suite_name, "expectation_type": config.type, "column_name": column,
                                "blocking": blocking, "success": bool(result.success),
                                "element_count": result.result.get("element_count"),
                                "unexpected_count": result.result.get("unexpected_count")})
                if result.success:
                    continue
                rows = result.result.get("unexpected_index_list")
                if blocking or not rows:
                    failures.append(f"{suite_name}: {reason}")
                    continue
                for row in rows:
                    bad_rows.setdefault(frame_name, {}).setdefault(int(row), (suite_name, reason))
        kept, quarantine = _apply_row_failures(batch, frames, bad_rows)
        return ValidationOutcome(kept, quarantine, pl.DataFrame(results, schema=RESULT_SCHEMA), failures)

    def build_docs(self) -> None:
        if self.docs_dir is not None:
            self.context.build_data_docs()


def validate_batch(batch: ParsedBatch, now: dt.datetime, docs_dir: Path | None = None,
                   suites: dict[str, dict] | None = None, known_entities: set[str] = frozenset()) -> ValidationOutcome:
    """Check one batch on its own, and build its Data Docs (see Validator)."""
    validator = Validator(docs_dir, suites)
    checked = validator.check(batch, now, known_entities)
    validator.build_docs()
    return checked


def _failed(frame: pl.DataFrame, rows: dict[int, tuple[str, str]]) -> pl.DataFrame:
    """The failing rows of a frame, with the suite and reason that failed them."""
    marked = frame.with_row_index("_row").filter(pl.col("_row").is_in(list(rows)))
    return marked.with_columns(
        table_name=pl.col("_row").replace_strict({r: s for r, (s, _) in rows.items()}, return_dtype=pl.String),
        reason=pl.col("_row").replace_strict({r: why for r, (_, why) in rows.items()}, return_dtype=pl.String))


def _apply_row_failures(batch: ParsedBatch, frames: dict[str, pl.DataFrame],
                        bad_rows: dict[str, dict[int, tuple[str, str]]]) -> tuple[ParsedBatch, pl.DataFrame]:
    """Remove the rows that failed a row-level expectation, and what depends on them."""
    failed = {name: _failed(frames[name], rows) for name, rows in bad_rows.items()}
    kept = {name: frames[name].with_row_index("_row").filter(~pl.col("_row").is_in(list(rows))).drop("_row")
            for name, rows in bad_rows.items() if name in ParsedBatch.PER_ARTICLE}
    batch = replace(batch, **kept)
    if "articles" in failed:
        batch = batch.without(set(failed["articles"]["content_sha256"]))
    if "entities" in failed:
        bad = failed["entities"].select("canonical_name", "entity_type")
        spoken_by_bad = batch.quotes.join(
            bad.rename({"canonical_name": "speaker_name", "entity_type": "speaker_type"}).with_columns(_bad=True),
            on=["speaker_name", "speaker_type"], how="left")
        batch = replace(
            batch,
            entities=batch.entities.join(bad, on=["canonical_name", "entity_type"], how="anti"),
            mentions=batch.mentions.join(bad, on=["canonical_name", "entity_type"], how="anti"),
            quotes=spoken_by_bad.with_columns(pl.when(pl.col("_bad")).then(None).otherwise(pl.col(c)).alias(c)
                                              for c in ("speaker_name", "speaker_type")).drop("_bad"))
        failed["entities"] = failed["entities"].join(   # quarantine under the articles that named it
            frames["mentions"].select("content_sha256", "canonical_name", "entity_type").unique(),
            on=["canonical_name", "entity_type"], how="left")
    if SOURCES in failed:
        bad_names = failed[SOURCES]["source_name"].to_list()
        batch = replace(batch, articles=batch.articles.with_columns(
            pl.when(pl.col(c).is_in(bad_names)).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("publisher", "wire_service")))
        by_name = frames["articles"].unpivot(index="content_sha256", on=["publisher", "wire_service"],
                                             value_name="source_name")
        failed[SOURCES] = failed[SOURCES].join(by_name.select("content_sha256", "source_name"), on="source_name")
    files = frames["articles"].select("content_sha256", "source_file")
    quarantine = [f.join(files, on="content_sha256", how="left")
                  .select("source_file", "content_sha256", stage=pl.lit("validate"), reason="reason",
                          table_name="table_name") for f in failed.values()]
    return batch, (pl.concat(quarantine).cast(QUARANTINE_SCHEMA) if quarantine
                   else pl.DataFrame(schema=QUARANTINE_SCHEMA))

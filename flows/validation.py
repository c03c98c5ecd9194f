"""Validate: run the Great Expectations suites in `expectations/` over a parsed batch.

An expectation with severity "critical" guards the batch: if it fails, nothing is loaded. One with
severity "warning" guards rows: the rows that break it go to quarantine, named by the expectation.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
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


@dataclass
class ValidationOutcome:
    batch: ParsedBatch            # the rows that may be loaded
    quarantine: pl.DataFrame      # rows refused, with the expectation that refused them
    results: pl.DataFrame         # one row per expectation checked
    failures: list[str]           # critical expectations that failed

    @property
    def passed(self) -> bool:
        return not self.failures


def _source_names(batch: ParsedBatch) -> pl.DataFrame:
    names = pl.concat([batch.articles.select(source_name="publisher"), batch.articles.select(source_name="wire_service")])
    return names.drop_nulls().unique(maintain_order=True)


# Each suite checks one frame: the suite's name is the warehouse table the frame will load.
SUITE_FRAMES = {
    "fact_article": lambda b: b.articles,
    "bridge_article_author": lambda b: b.authors,
    "dim_author": lambda b: b.authors,
    "fact_caption": lambda b: b.captions,
    "dim_source": _source_names,
}


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
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(Path(docs_dir).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return gx, context


def _run_suite(gx, context, suite_json: dict, frame: pl.DataFrame, parameters: dict):
    name = suite_json["name"]
    asset = context.data_sources.add_pandas(f"{name}_source").add_dataframe_asset(name)
    suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=suite_json["expectations"],
                                                   meta=suite_json.get("meta")))
    definition = context.validation_definitions.add(gx.ValidationDefinition(
        name=name, data=asset.add_batch_definition_whole_dataframe(name), suite=suite))
    return definition.run(batch_parameters={"dataframe": frame.to_pandas()},
                          expectation_parameters=parameters, result_format="COMPLETE")


def validate_batch(batch: ParsedBatch, now: dt.datetime, docs_dir: Path | None = None,
                   suites: dict[str, dict] | None = None) -> ValidationOutcome:
    """Check every frame of the batch; drop and quarantine failing rows; report critical failures."""
    suites = suites or load_suites()
    gx, context = _context(docs_dir)
    parameters = {"earliest_publication": EARLIEST_PUBLICATION, "latest_publication": now + FUTURE_SLACK}
    results, failures = [], []
    bad_rows: dict[str, dict[int, str]] = {}
    frames = {name: SUITE_FRAMES[name](batch) for name in SUITE_FRAMES}
    for name, frame in frames.items():
        outcome = _run_suite(gx, context, suites[name], frame, parameters)
        for result in outcome.results:
            config = result.expectation_config
            column = config.kwargs.get("column")
            blocking = str(getattr(config, "severity", "critical")).lower().endswith("critical")
            reason = f"{config.type}({column})" if column else config.type
            if result.exception_info and result.exception_info.get("raised_exception"):
                reason += f": {result.exception_info.get('exception_message')}"
            results.append({"suite_name": name, "expectation_type": config.type, "column_name": column,
                            "blocking": blocking, "success": bool(result.success),
                            "element_count": result.result.get("element_count"),
                            "unexpected_count": result.result.get("unexpected_count")})
            if result.success:
                continue
            if blocking or not result.result.get("unexpected_index_list"):
                failures.append(f"{name}: {reason}")
                continue
            for index in result.result["unexpected_index_list"]:
                bad_rows.setdefault(name, {}).setdefault(int(index), reason)
    if docs_dir is not None:
        context.build_data_docs()
    kept, quarantine = _apply_row_failures(batch, frames, bad_rows)
    return ValidationOutcome(kept, quarantine, pl.DataFrame(results, schema=RESULT_SCHEMA), failures)


def _apply_row_failures(batch: ParsedBatch, frames: dict[str, pl.DataFrame],
                        bad_rows: dict[str, dict[int, str]]) -> tuple[ParsedBatch, pl.DataFrame]:
    """Remove rows that failed a row-level expectation, and say where each went."""
    files = batch.articles.select("content_sha256", "source_file")
    quarantined = []
    for name, rows in bad_rows.items():
        frame = frames[name].with_row_index("_row").filter(pl.col("_row").is_in(list(rows)))
        frame = frame.with_columns(reason=pl.col("_row").replace_strict(rows, return_dtype=pl.String))
        if "content_sha256" not in frame.columns:   # dim_source: the articles naming this source
            named = batch.articles.unpivot(index="content_sha256", on=["publisher", "wire_service"],
                                           value_name="source_name")
            frame = frame.join(named.select("content_sha256", "source_name"), on="source_name")
        quarantined.append(frame.join(files, on="content_sha256", how="left")
                           .select("source_file", "content_sha256", "reason", table_name=pl.lit(name)))
    articles, authors, captions = batch.articles, batch.authors, batch.captions
    if "fact_article" in bad_rows:
        failed = frames["fact_article"][sorted(bad_rows["fact_article"])]["content_sha256"].to_list()
        batch = batch.without(set(failed))
        articles, authors, captions = batch.articles, batch.authors, batch.captions
    bad_author_rows = sorted(set(bad_rows.get("bridge_article_author", {})) | set(bad_rows.get("dim_author", {})))
    if bad_author_rows:
        authors = frames["bridge_article_author"].with_row_index("_row") \
            .filter(~pl.col("_row").is_in(bad_author_rows)).drop("_row").join(
                articles.select("content_sha256"), on="content_sha256", how="semi")
    if "fact_caption" in bad_rows:
        captions = frames["fact_caption"].with_row_index("_row") \
            .filter(~pl.col("_row").is_in(list(bad_rows["fact_caption"]))).drop("_row").join(
                articles.select("content_sha256"), on="content_sha256", how="semi")
    if "dim_source" in bad_rows:
        bad_names = frames["dim_source"][sorted(bad_rows["dim_source"])]["source_name"].to_list()
        articles = articles.with_columns(
            pl.when(pl.col(c).is_in(bad_names)).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("publisher", "wire_service"))
    quarantine = pl.concat([q.with_columns(stage=pl.lit("validate")) for q in quarantined]) \
        .select(list(QUARANTINE_SCHEMA)) if quarantined else pl.DataFrame(schema=QUARANTINE_SCHEMA)
    return ParsedBatch(articles, authors, captions, batch.rejects), quarantine

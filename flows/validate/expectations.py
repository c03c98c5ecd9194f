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

from flows.batch import RESULT_SCHEMA, ParsedBatch
from flows.resources import EXPECTATIONS
from flows.validate.quarantine import SOURCES, THEMES, RowFailures, remove_failed_rows

EARLIEST_PUBLICATION = dt.datetime(1990, 1, 1, tzinfo=dt.timezone.utc)
FUTURE_SLACK = dt.timedelta(days=2)
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
    "fact_article_tone": "tones",                  # the tone columns of fact_article
    "fact_paragraph_tone": "paragraph_tones",      # the tone columns of fact_paragraph
    "bridge_article_theme": "article_themes",
    "fact_amount": "amounts",
    "dim_theme": THEMES,
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
    from flows.signals.stage import taxonomy_frame

    names = pl.concat([batch.articles.select(source_name="publisher"),
                       batch.articles.select(source_name="wire_service")])
    frames = {name: getattr(batch, name) for name in set(SUITE_FRAMES.values()) - {SOURCES, THEMES}}
    frames[SOURCES] = names.drop_nulls().unique(maintain_order=True)
    frames[THEMES] = taxonomy_frame()
    return frames


def load_suites(directory: Path = EXPECTATIONS) -> dict[str, dict]:
    suites = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("*.json"))}
    missing = set(SUITE_FRAMES) - set(suites)
    if missing:
        raise FileNotFoundError(f"no expectation suite for {sorted(missing)} in {directory}")
    return suites


def _context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx  # slow to import: only when validating

    # GX pins this module's logger to INFO and announces a temporary docs folder on every context.
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    return gx, context


def _result_row(suite_name: str, result) -> tuple[dict, list[int]]:
    """One expectation's result as a validation_result row, and the numbers of the rows it failed."""
    config = result.expectation_config
    columns = config.kwargs.get("column_list") or [config.kwargs.get(k) for k in ("column_A", "column_B")
                                                    if config.kwargs.get(k)]
    column = config.kwargs.get("column") or "|".join(columns) or None
    return ({"suite_name": suite_name, "expectation_type": config.type, "column_name": column,
             "blocking": str(config.severity).lower().endswith("critical"), "success": bool(result.success),
             "element_count": result.result.get("element_count"),
             "unexpected_count": result.result.get("unexpected_count")},
            result.result.get("unexpected_index_list") or [])


class Validator:
    """The suites, ready to check one batch after another: GX's context, data assets and
    validation definitions are made once, for a run. (What they found is shown by the run's own
    validation page, flows/validate/page.py: GX's Data Docs fetch their styles from CDNs.)"""

    def __init__(self, suites: dict[str, dict] | None = None):
        suites = suites or load_suites()
        self.gx, self.context = _context()
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
                      "entity_names": sorted(set(batch.entities["canonical_name"]) | set(known_entities)),
                      "theme_codes": sorted(frames[THEMES]["theme_code"])}
        results, failures = [], []
        bad_rows: dict[str, RowFailures] = {}     # frame -> failing rows
        for suite_name, frame_name in SUITE_FRAMES.items():
            outcome = self.definitions[suite_name].run(
                batch_parameters={"dataframe": frames[frame_name].to_pandas()},
                expectation_parameters=parameters, result_format="COMPLETE")
            for result in outcome.results:
                row, failing_rows = _result_row(suite_name, result)
                results.append(row)
                if row["success"]:
                    continue
                reason = f"{row['expectation_type']}({row['column_name']})" if row["column_name"] else row["expectation_type"]
                if row["blocking"] or not failing_rows:
                    failures.append(f"{suite_name}: {reason}")
                    continue
                for number in failing_rows:
                    bad_rows.setdefault(frame_name, {}).setdefault(int(number), (suite_name, reason))
        kept, quarantine = remove_failed_rows(batch, frames, bad_rows)
        return ValidationOutcome(kept, quarantine, pl.DataFrame(results, schema=RESULT_SCHEMA), failures)

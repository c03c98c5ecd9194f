"""What one run did: the outcome of every file, the counts, and the frames that record them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from flows.batch import FILE_SCHEMA, OUTLET_SCHEMA, RUN_SCHEMA
from flows.parse.outlets import Outlets


@dataclass
class RunSummary:
    run_id: str
    inbox: str
    warehouse: str
    started_at: dt.datetime
    status: str = "success"
    files_seen: int = 0
    files_new: int = 0
    files_skipped: int = 0
    files_unreadable: int = 0
    files_loaded: int = 0
    files_quarantined: int = 0
    articles_loaded: int = 0
    rows_quarantined: int = 0
    validation_passed: bool | None = None
    message: str | None = None
    quarantined: list[tuple[str, str]] = field(default_factory=list)   # (source_file, reason)
    stage_seconds: dict[str, float] = field(default_factory=dict)      # wall time of each stage in this process
    cpu_seconds: dict[str, float] = field(default_factory=dict)        # CPU time of each stage, workers' included

    @property
    def ok(self) -> bool:
        return self.status == "success"

    def add_time(self, stage: str, seconds: float | None, cpu: float) -> None:
        """Add one batch's time to a stage's totals (no wall time for work done in workers)."""
        if seconds is not None:
            self.stage_seconds[stage] = round(self.stage_seconds.get(stage, 0.0) + seconds, 3)
        self.cpu_seconds[stage] = round(self.cpu_seconds.get(stage, 0.0) + cpu, 3)


def file_outcomes(staged: pl.DataFrame, loaded: set[str]) -> pl.DataFrame:
    """One row per readable file: its ledger outcome ('loaded', 'quarantined', 'already loaded', 'duplicate')."""
    return staged.filter(pl.col("content_sha256").is_not_null()).with_columns(
        pl.when(pl.col("outcome") != "new").then(pl.col("outcome"))
        .when(pl.col("content_sha256").is_in(list(loaded))).then(pl.lit("loaded"))
        .otherwise(pl.lit("quarantined")).alias("outcome")
    ).select(list(FILE_SCHEMA))


def outlet_frame(outlets: Outlets) -> pl.DataFrame:
    return pl.DataFrame([{"name": o.name, "kind": o.kind, "timezone": o.timezone, "country": o.country}
                         for o in outlets.entries], schema=OUTLET_SCHEMA)


def run_frame(summary: RunSummary, finished_at: dt.datetime) -> pl.DataFrame:
    return pl.DataFrame([{
        "run_id": summary.run_id, "started_at": summary.started_at, "loaded_at": finished_at,
        "status": summary.status, "inbox": summary.inbox, "files_seen": summary.files_seen,
        "files_new": summary.files_new, "files_skipped": summary.files_skipped,
        "files_unreadable": summary.files_unreadable, "files_loaded": summary.files_loaded,
        "files_quarantined": summary.files_quarantined, "articles_loaded": summary.articles_loaded,
        "rows_quarantined": summary.rows_quarantined, "validation_passed": summary.validation_passed,
        "message": summary.message,
    }], schema=RUN_SCHEMA)


def summarize(summary: RunSummary, staged: pl.DataFrame, loaded: set[str], failures: list[str],
              quarantine: pl.DataFrame) -> None:
    """Fill in the counts once every batch is loaded: `loaded` holds the hashes of the articles
    loaded, `failures` the critical expectations that refused a batch."""
    counts = dict(staged.group_by("outcome").len().iter_rows())
    summary.files_seen = staged.height
    summary.files_new = counts.get("new", 0)
    summary.files_skipped = counts.get("already loaded", 0) + counts.get("duplicate", 0)
    summary.files_unreadable = counts.get("unreadable", 0)
    summary.articles_loaded = len(loaded)
    summary.files_loaded = staged.filter((pl.col("outcome") == "new") & pl.col("content_sha256").is_in(list(loaded))).height
    summary.files_quarantined = summary.files_new - summary.files_loaded + summary.files_unreadable
    summary.rows_quarantined = quarantine.height
    summary.validation_passed = not failures
    summary.quarantined = [(f or "", r) for f, r in quarantine.select("source_file", "reason").iter_rows()]
    if failures:
        summary.status = "failed"
        summary.message = "validation refused a batch: " + "; ".join(failures)


def markdown(summary: RunSummary) -> str:
    """The run as a Prefect artifact: counts, validation, and what was quarantined."""
    lines = [f"# wirehouse run `{summary.run_id}`: {summary.status}", "",
             "| files seen | loaded | skipped | quarantined | articles loaded | rows quarantined | validation |",
             "|---|---|---|---|---|---|---|",
             f"| {summary.files_seen} | {summary.files_loaded} | {summary.files_skipped} | {summary.files_quarantined} "
             f"| {summary.articles_loaded} | {summary.rows_quarantined} "
             f"| {'passed' if summary.validation_passed else 'FAILED'} |"]
    if summary.message:
        lines += ["", summary.message]
    if summary.quarantined:
        lines += ["", "## Quarantined", ""] + [f"- `{f}`: {reason}" for f, reason in summary.quarantined[:200]]
    return "\n".join(lines)

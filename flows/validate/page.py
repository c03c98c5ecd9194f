"""The run's validation page: every expectation checked and every row refused, readable offline.

One self-contained HTML file in the warehouse's folder (`wirehouse.files/validation.html`), written
at the end of each run from the frames that also load `validation_result` and `quarantine`: no
script, stylesheet, font or image from anywhere. Every string goes through html.escape.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

import polars as pl

from flows.stage.raw_store import write_atomic

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#222}
h1{font-size:1.5rem} h2{font-size:1.1rem;margin-top:2rem} table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f6f6f6} td.n{text-align:right} .fail{color:#a40000;font-weight:600} .ok{color:#256d1b}
"""


def _table(frame: pl.DataFrame, columns: dict[str, str], css_class=None) -> str:
    """An HTML table of `columns` (name -> heading); css_class(row) may mark a row."""
    head = "".join(f"<th>{escape(title)}</th>" for title in columns.values())
    rows = []
    for row in frame.iter_rows(named=True):
        cells = "".join(f"<td{' class=n' if isinstance(row[c], int) else ''}>{escape('' if row[c] is None else str(row[c]))}</td>"
                        for c in columns)
        mark = css_class(row) if css_class else None
        rows.append(f"<tr{f' class={mark}' if mark else ''}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render(summary, results: pl.DataFrame, quarantine: pl.DataFrame) -> str:
    """The page for one run: its counts, the expectations (summed over its batches), its quarantine."""
    checked = (results.group_by("suite_name", "expectation_type", "column_name", "blocking", maintain_order=True)
               .agg(pl.col("success").all(), pl.col("element_count").sum(), pl.col("unexpected_count").sum())
               if results.height else results)
    failed = checked.filter(~pl.col("success")).height if checked.height else 0
    heading = (f"<h1>Validation of run {escape(summary.run_id)}</h1>"
               f"<p>{escape(summary.status)}: {summary.files_seen} files seen, {summary.articles_loaded} articles "
               f"loaded, {summary.rows_quarantined} rows quarantined; {len(checked)} expectations checked, "
               f"{failed} failed. Inbox {escape(summary.inbox)}, started {escape(str(summary.started_at))}.</p>")
    expectations = _table(checked.with_columns(pl.when(pl.col("success")).then(pl.lit("passed"))
                                               .otherwise(pl.lit("FAILED")).alias("outcome"),
                                               pl.when(pl.col("blocking")).then(pl.lit("refuses the batch"))
                                               .otherwise(pl.lit("quarantines rows")).alias("severity")),
                          {"suite_name": "suite (table)", "expectation_type": "expectation", "column_name": "column",
                           "severity": "when it fails", "element_count": "rows", "unexpected_count": "unexpected",
                           "outcome": "outcome"},
                          lambda row: "ok" if row["success"] else "fail") if checked.height else "<p>Nothing to check.</p>"
    refused = _table(quarantine, {"source_file": "file", "stage": "stage", "table_name": "table", "reason": "reason"}) \
        if quarantine.height else "<p>Nothing quarantined.</p>"
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>wirehouse validation</title>"
            f"<style>{STYLE}</style></head><body>{heading}<h2>Expectations</h2>{expectations}"
            f"<h2>Quarantine</h2>{refused}</body></html>")


def write(path: Path, summary, results: pl.DataFrame, quarantine: pl.DataFrame) -> Path:
    write_atomic(Path(path), render(summary, results, quarantine).encode("utf-8"))
    return Path(path)

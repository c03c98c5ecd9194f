"""The `wirehouse` command line.

Exit status: 0 the command did its work; 1 the run failed (nothing was loaded, or validation
refused a batch: the others loaded); 2 the command line was wrong; 3 another run is writing the warehouse; 4 the SQL or the warehouse could not be read.
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from flows import settings

EXIT_FAILED, EXIT_BUSY, EXIT_UNREADABLE = 1, 3, 4
DEFAULT_WAREHOUSE = Path(settings.WAREHOUSE)
# The star schema and the marts: what `wirehouse export` writes for tools that cannot open DuckDB.
EXPORTED = ("dim_source", "dim_author", "dim_date", "dim_entity", "dim_story", "fact_article",
            "bridge_article_author", "fact_entity_mention", "fact_quote", "fact_caption", "fact_article_overlap",
            "etl_run", "quarantine", "mart_entity_coverage_daily", "mart_co_mentions", "mart_quotes_by_speaker",
            "mart_syndication_graph", "mart_story_timeline")

@contextlib.contextmanager
def reading_warehouse():
    """Turn a DuckDB error (no such file, bad SQL) into a message and exit status 4."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        typer.echo(f"wirehouse: {exc}", err=True)
        raise typer.Exit(EXIT_UNREADABLE) from exc


def _reader(warehouse: Path, lake: str | None, lake_data: str | None):
    """A read-only connection to the DuckDB file, or to the DuckLake when one is named."""
    import duckdb

    if not lake:
        return duckdb.connect(str(warehouse), read_only=True)
    from flows.load.lake import attach

    con = duckdb.connect()
    attach(con, lake, Path(lake_data) if lake_data else None, read_only=True)
    return con


app = typer.Typer(help="wirehouse: raw news article files in, a DuckDB star schema out.",
                  no_args_is_help=True, add_completion=False)

WarehouseOption = typer.Option(DEFAULT_WAREHOUSE, "--warehouse", "-w", envvar="WIREHOUSE_WAREHOUSE",
                               help="The DuckDB warehouse file.", dir_okay=False)
LakeOption = typer.Option(settings.LAKE, "--lake", envvar="WIREHOUSE_LAKE",
                          help='A DuckLake catalog to use instead of the DuckDB file: '
                               '"postgres:dbname=wirehouse host=db.example"')
LakeDataOption = typer.Option(settings.LAKE_DATA, "--lake-data", envvar="WIREHOUSE_LAKE_DATA",
                              help="Where that DuckLake keeps its Parquet files (shared storage).")


@app.command()
def run(
    inbox: Path = typer.Option(Path(settings.INBOX), "--inbox", "-i", envvar="WIREHOUSE_INBOX",
                               help="Folder of article files to ingest.", exists=True, file_okay=False),
    warehouse: Path = WarehouseOption,
    dask: Optional[str] = typer.Option(None, "--dask", envvar="WIREHOUSE_DASK",
                                       help='Parse and find entities on a Dask cluster: "local" starts one '
                                            "here, or give a scheduler address (tcp://host:8786)."),
    chunk: int = typer.Option(500, "--chunk", min=1, help="Files per task on a Dask cluster."),
    lake: Optional[str] = LakeOption,
    lake_data: Optional[str] = LakeDataOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show the flow's log."),
) -> None:
    """Ingest every new file in the inbox: stage, parse, validate, load.

    With --lake, the warehouse is that DuckLake; the --warehouse folder keeps the raw copies."""
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    import duckdb

    from flows.load.warehouse import WarehouseBusy, write_lock

    try:
        with write_lock(warehouse):   # fail fast, before the flow starts its API server
            pass
        from flows.run.flow import ingest, on_dask

        flow_fn = on_dask(dask) if dask else ingest
        summary = flow_fn(inbox=inbox, warehouse_path=warehouse, chunk_files=chunk if dask else None,
                          lake=lake, lake_data=lake_data)
    except WarehouseBusy as exc:
        typer.echo(f"wirehouse: {exc}; try again when it has finished", err=True)
        raise typer.Exit(EXIT_BUSY)
    except (OSError, RuntimeError, duckdb.Error) as exc:   # a full disk, a failed load step, a lake conflict
        typer.echo(f"wirehouse: run failed, the warehouse is unchanged: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED)
    typer.echo(f"run {summary.run_id}: {summary.status}")
    typer.echo(f"  files seen {summary.files_seen}: {summary.files_loaded} loaded, {summary.files_skipped} skipped "
               f"(already loaded), {summary.files_quarantined} quarantined")
    typer.echo(f"  articles loaded {summary.articles_loaded}, rows quarantined {summary.rows_quarantined}")
    typer.echo(f"  validation {'passed' if summary.validation_passed else 'FAILED'}")
    for source_file, reason in summary.quarantined:
        typer.echo(f"  quarantined {source_file}: {reason}")
    if summary.message:
        typer.echo(f"  {summary.message}")
    typer.echo(f"  warehouse {'DuckLake ' + lake if lake else summary.warehouse}")
    if not summary.ok:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def serve(
    cron: str = typer.Option(settings.SCHEDULE_CRON, "--cron", envvar="WIREHOUSE_CRON",
                             help="When to run, as a cron expression."),
    inbox: Path = typer.Option(Path(settings.INBOX), "--inbox", "-i", envvar="WIREHOUSE_INBOX",
                               help="Folder of article files to ingest.", exists=True, file_okay=False),
    warehouse: Path = WarehouseOption,
) -> None:
    """Run `ingest` on a schedule (Prefect serve) until interrupted; one run writes at a time."""
    from prefect import serve as prefect_serve

    from flows.run.flow import deployment

    typer.echo(f"serving ingest of {inbox} into {warehouse} on '{cron}'; Ctrl+C to stop")
    prefect_serve(deployment(cron, inbox.resolve(), warehouse.resolve()))


@app.command()
def export(
    warehouse: Path = WarehouseOption,
    out: Path = typer.Option(Path("warehouse/export"), "--out", "-o", file_okay=False,
                             help="Folder for one Parquet file per table and mart."),
) -> None:
    """Write the star schema and the marts as Parquet, for tools that cannot open DuckDB."""
    import duckdb
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    with reading_warehouse(), duckdb.connect(str(warehouse), read_only=True) as con:
        for name in EXPORTED:      # a fixed list of names: nothing from the command line reaches SQL
            pq.write_table(con.execute(f"SELECT * FROM {name}").to_arrow_table(), out / f"{name}.parquet")
    typer.echo(f"wrote {len(EXPORTED)} Parquet files to {out}")


@app.command()
def sql(
    query: str = typer.Argument(..., help="SQL to run against the warehouse, read-only."),
    warehouse: Path = WarehouseOption,
    output: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
    lake: Optional[str] = LakeOption,
    lake_data: Optional[str] = LakeDataOption,
) -> None:
    """Run a read-only SQL query and print the result."""
    if output not in ("table", "csv", "json"):
        raise typer.BadParameter("must be table, csv or json", param_hint="--format")
    with reading_warehouse(), _reader(warehouse, lake, lake_data) as con:
        frame = con.execute(query).pl()
    if output == "csv":
        sys.stdout.write(frame.write_csv())
    elif output == "json":
        sys.stdout.write(frame.write_json() + "\n")
    else:
        import polars as pl
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=80, tbl_hide_dataframe_shape=True):
            typer.echo(frame)


@app.command()
def search(
    query: str = typer.Argument(..., help='Words to look for, e.g. "spy satellite".'),
    warehouse: Path = WarehouseOption,
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="How many articles to show."),
) -> None:
    """Full-text search (BM25) over headlines and bodies; best matches first."""
    from flows.analysis.search import search as run_search

    with reading_warehouse():
        hits = run_search(warehouse, query, limit)
    for key, score, source, day, title in hits:
        day = day.isoformat() if day else "undated"
        typer.echo(f"{score:7.3f}  #{key:<6} {day:10}  {(source or '-')[:24]:24}  {title}")
    if not hits:
        typer.echo("no matches")


@app.command()
def report(
    warehouse: Path = WarehouseOption,
    out: Path = typer.Option(Path("warehouse/report.html"), "--out", "-o", dir_okay=False,
                             help="Where to write the HTML file."),
) -> None:
    """Write a self-contained HTML report: top entities, co-mentions, timeline, heat map, copies, map."""
    from flows.analysis.report import write

    with reading_warehouse():
        path = write(warehouse, out)
    typer.echo(f"wrote {path} ({path.stat().st_size:,} bytes); open it in any browser, offline")


@app.command("eval")
def evaluate(
    devset: Path = typer.Option(Path("tests/devset"), "--devset", "-d", exists=True, file_okay=False,
                                help="Folder of articles with an annotations.json, or a corpus with a gold.json "
                                     "of surface forms (reuters-train form; articles in the folder or its inbox/)."),
    show_misses: bool = typer.Option(False, "--misses",
                                     help="List the worst articles with their missed and extra entities and quotes."),
) -> None:
    """Score entities and quotations against a hand-annotated corpus: precision, recall, F1 per type."""
    from flows.entities.evaluation import evaluate as run_evaluation

    report = run_evaluation(devset)
    for line in report.lines():
        typer.echo(line)
    if show_misses:
        for line in report.miss_lines():
            typer.echo(f"  {line}")


def main() -> Optional[int]:
    return app()


if __name__ == "__main__":
    sys.exit(main())

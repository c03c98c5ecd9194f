"""The `wirehouse` command line: a thin layer over the package, one command per job.

Exit status: 0 the command did its work; 1 the run failed (nothing was loaded, or validation
refused a batch: the others loaded); 2 the command line or a setting was wrong; 3 another run is
writing the warehouse; 4 the SQL or the warehouse could not be read.

Defaults come from the settings (flows/settings.py): a flag beats WIREHOUSE_<NAME>, which beats
the config file, which beats the built-in default. Heavy libraries are imported by the command
that needs them, so `--help` answers at once.
"""
from __future__ import annotations

import contextlib
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Optional

import typer

from flows import settings

EXIT_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_UNREADABLE = 1, 2, 3, 4
FROM_SETTINGS = "the {} setting (WIREHOUSE_{}, wirehouse.toml; built-in: {})"

app = typer.Typer(help="wirehouse: raw news article files in, a DuckDB star schema out.", no_args_is_help=True,
                  add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})


def _setting_help(text: str, name: str) -> str:
    default = settings.SETTINGS[name].default
    return f"{text} Default: " + FROM_SETTINGS.format(name, name.upper(), default if default not in ("", None) else "none")


def _fail(message: str, status: int) -> typer.Exit:
    typer.echo(f"wirehouse: {message}", err=True)
    return typer.Exit(status)


def _config() -> settings.Settings:
    """The settings in force, or exit 2 with the one line that says what is wrong."""
    try:
        return settings.current()
    except settings.SettingsError as exc:
        raise _fail(str(exc), EXIT_USAGE) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wirehouse {metadata.version('wirehouse')}")
        raise typer.Exit()


@app.callback()
def main_options(
    config: Optional[Path] = typer.Option(None, "--config", "-c", dir_okay=False, metavar="FILE",
                                          help="Settings file (default: WIREHOUSE_CONFIG, else ./wirehouse.toml)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """wirehouse: raw news article files in, a DuckDB star schema out."""
    try:
        settings.use_config(config)
    except settings.SettingsError as exc:
        raise _fail(str(exc), EXIT_USAGE) from None


WAREHOUSE = typer.Option(None, "--warehouse", "-w", dir_okay=False, metavar="FILE",
                         help=_setting_help("The DuckDB warehouse file.", "warehouse"))
INBOX = typer.Option(None, "--inbox", "-i", file_okay=False, metavar="DIR",
                     help=_setting_help("Folder of article files to ingest.", "inbox"))
LAKE = typer.Option(None, "--lake", metavar="CATALOG",
                    help=_setting_help('A DuckLake catalog instead of the DuckDB file: "postgres:dbname=wirehouse '
                                       'host=db.example".', "lake"))
LAKE_DATA = typer.Option(None, "--lake-data", metavar="DIR",
                         help=_setting_help("Where that DuckLake keeps its Parquet files.", "lake_data"))


def _inbox(inbox: Path | None) -> Path:
    inbox = inbox or _config().inbox
    if not inbox.is_dir():
        raise _fail(f"inbox {inbox} is not a folder", EXIT_USAGE)
    return inbox


@contextlib.contextmanager
def reading_warehouse():
    """Turn a DuckDB error (no such file, bad SQL) into a message and exit status 4."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        raise _fail(str(exc).splitlines()[0], EXIT_UNREADABLE) from exc


def _reader(warehouse: Path | None, lake: str | None, lake_data: str | None, allow_files: bool = False):
    """A read-only connection to the warehouse (the DuckDB file, or the DuckLake when one is named)
    that reads nothing else: no other file, no URL, no COPY out, unless `allow_files`."""
    import duckdb

    from flows.analysis.search import load_fts

    config = _config()
    lake, lake_data = lake or config.lake or None, lake_data or config.lake_data or None
    if lake:
        from flows.load.lake import attach

        con = duckdb.connect()
        attach(con, lake, Path(lake_data) if lake_data else None, read_only=True)
    else:
        path = warehouse or config.warehouse
        if not path.is_file():
            raise _fail(f"no warehouse at {path} (run `wirehouse run` first, or give --warehouse)", EXIT_UNREADABLE)
        con = duckdb.connect(str(path), read_only=True)
        load_fts(con)               # before locking: search queries need it
    if not allow_files:
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    return con


def _print_summary(summary, where: str) -> None:
    typer.echo(f"run {summary.run_id}: {summary.status}")
    typer.echo(f"  files seen {summary.files_seen}: {summary.files_loaded} loaded, {summary.files_skipped} skipped "
               f"(already loaded), {summary.files_quarantined} quarantined")
    typer.echo(f"  articles loaded {summary.articles_loaded}, rows quarantined {summary.rows_quarantined}")
    typer.echo(f"  validation {'passed' if summary.validation_passed else 'FAILED'}")
    for source_file, reason in summary.quarantined:
        typer.echo(f"  quarantined {source_file}: {reason}")
    if summary.message:
        typer.echo(f"  {summary.message}")
    typer.echo(f"  warehouse {where}")


def _quiet_logs(verbose: bool) -> None:
    import logging

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    for noisy in ("distributed", "bokeh", "tornado"):       # a local Dask cluster's start-up chatter
        logging.getLogger(noisy).setLevel(logging.ERROR)


@app.command()
def run(
    inbox: Optional[Path] = INBOX,
    warehouse: Optional[Path] = WAREHOUSE,
    dask: Optional[str] = typer.Option(None, "--dask", envvar="WIREHOUSE_DASK", metavar="ADDRESS",
                                       help='Parse and find entities on a Dask cluster: "local" starts one here, '
                                            "or a scheduler address (tcp://host:8786). Runs as a Prefect flow."),
    chunk: int = typer.Option(500, "--chunk", min=1, metavar="N", help="Files per task on a Dask cluster."),
    lake: Optional[str] = LAKE,
    lake_data: Optional[str] = LAKE_DATA,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show the run's log."),
) -> None:
    """Ingest every new file in the inbox: stage, parse, validate, load.

    Runs in this process; as a Prefect flow (with its states, logs and artifact) when PREFECT_API_URL
    names a Prefect server, or with --dask. With --lake, the warehouse is that DuckLake; the
    --warehouse folder keeps the raw copies."""
    _quiet_logs(verbose)
    inbox, warehouse = _inbox(inbox), warehouse or _config().warehouse
    import duckdb

    from flows.load.warehouse import WarehouseBusy

    try:
        if dask or os.environ.get("PREFECT_API_URL"):
            from flows.run.flow import ingest, on_dask

            summary = (on_dask(dask) if dask else ingest)(inbox=inbox, warehouse_path=warehouse, lake=lake,
                                                          lake_data=lake_data, chunk_files=chunk if dask else None)
        else:
            from flows.run.loop import run as run_loop

            summary = run_loop(inbox, warehouse, lake=lake, lake_data=lake_data)
    except WarehouseBusy as exc:
        raise _fail(f"{exc}; try again when it has finished", EXIT_BUSY) from None
    except (OSError, RuntimeError, duckdb.Error) as exc:   # a full disk, a failed load step, a lake conflict
        raise _fail(f"run failed, the warehouse is unchanged: {exc}", EXIT_FAILED) from None
    _print_summary(summary, f"DuckLake {lake}" if lake else summary.warehouse)
    if not summary.ok:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def serve(
    inbox: Optional[Path] = INBOX,
    warehouse: Optional[Path] = WAREHOUSE,
    cron: Optional[str] = typer.Option(None, "--cron", metavar="EXPRESSION",
                                       help=_setting_help("When to run, as a cron expression.", "cron")),
    every: Optional[float] = typer.Option(None, "--every", min=1, metavar="SECONDS",
                                          help="Run every this many seconds instead of on a cron schedule."),
) -> None:
    """Run ingest on a schedule until interrupted (Ctrl+C); one run writes at a time.

    Serves against the Prefect server PREFECT_API_URL names, or starts one on loopback with its
    database in the warehouse's folder (and stops it on exit); the Prefect UI's address is printed."""
    from flows.load.warehouse import Beside

    inbox, warehouse = _inbox(inbox).resolve(), (warehouse or _config().warehouse).resolve()
    schedule = f"every {every:g} s" if every else f"on '{cron or _config().cron}'"
    beside = Beside.of(warehouse)
    beside.folder.mkdir(parents=True, exist_ok=True)
    from flows.run.server import prefect_api

    try:
        with prefect_api(beside.folder / "prefect", beside.folder / "prefect-server.log") as api_url:
            from prefect import serve as prefect_serve

            from flows.run.flow import deployment

            typer.echo(f"serving ingest of {inbox} into {warehouse} {schedule}")
            typer.echo(f"Prefect UI: {api_url.removesuffix('/api')}   (Ctrl+C to stop)", )
            prefect_serve(deployment(inbox, warehouse, cron=None if every else cron or _config().cron,
                                     interval=every), print_starting_message=False)
    except RuntimeError as exc:
        raise _fail(str(exc), EXIT_FAILED) from None
    except KeyboardInterrupt:
        typer.echo("stopped")


@app.command()
def export(
    warehouse: Optional[Path] = WAREHOUSE,
    out: Path = typer.Option(Path("export"), "--out", "-o", file_okay=False, metavar="DIR",
                             help="Folder for one Parquet file per table and view."),
) -> None:
    """Write every table and view of the warehouse as Parquet, for tools that cannot open DuckDB."""
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    with reading_warehouse(), _reader(warehouse, None, None) as con:
        names = [name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        for name in names:
            pq.write_table(con.execute(f'SELECT * FROM "{name}"').to_arrow_table(), out / f"{name}.parquet")
    typer.echo(f"wrote {len(names)} Parquet files to {out}")


@app.command()
def sql(
    query: str = typer.Argument(..., metavar="QUERY", help="SQL to run against the warehouse, read-only."),
    warehouse: Optional[Path] = WAREHOUSE,
    output: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table, csv or json."),
    lake: Optional[str] = LAKE,
    lake_data: Optional[str] = LAKE_DATA,
    allow_files: bool = typer.Option(False, "--allow-files",
                                     help="Let the query read and write other files (read_csv, COPY ... TO)."),
) -> None:
    """Run one read-only SQL query and print the result as the DuckDB shell does.

    The query sees the warehouse and nothing else: reading other files or URLs and COPY ... TO are
    refused unless --allow-files."""
    if output not in ("table", "csv", "json"):
        raise typer.BadParameter("must be table, csv or json", param_hint="--format")
    with reading_warehouse(), _reader(warehouse, lake, lake_data, allow_files) as con:
        relation = con.sql(query)
        if relation is None:
            return
        if output == "table":
            typer.echo(str(relation).rstrip("\n"))
        else:
            frame = relation.pl()
            sys.stdout.write(frame.write_csv() if output == "csv" else frame.write_json() + "\n")


@app.command()
def search(
    query: Optional[str] = typer.Argument(None, metavar="WORDS", help='Words to look for, e.g. "spy satellite".'),
    like: Optional[int] = typer.Option(None, "--like", metavar="ARTICLE_KEY",
                                       help="Instead of words: the articles most like this one, by the entities, "
                                            "topics and words they share."),
    warehouse: Optional[Path] = WAREHOUSE,
    limit: int = typer.Option(10, "--limit", "-n", min=1, metavar="N", help="How many articles to show."),
) -> None:
    """Full-text search (BM25) over headlines and bodies, or articles like one (--like); best first."""
    words = (query or "").strip()
    if like is None and not words:
        raise _fail("search needs words to look for, or --like ARTICLE_KEY", EXIT_USAGE)
    if like is not None and words:
        raise _fail("search takes words or --like ARTICLE_KEY, not both", EXIT_USAGE)
    from flows.analysis.search import matches
    from flows.signals.like import NoSuchArticle, alike

    with reading_warehouse(), _reader(warehouse, None, None) as con:
        try:
            relation = alike(con, like, limit) if like is not None else matches(con, words, limit)
        except NoSuchArticle as exc:
            raise _fail(str(exc), EXIT_UNREADABLE) from None
        if not relation.fetchall():
            typer.echo("no matches")
            return
        typer.echo(str(relation).rstrip("\n"))


@app.command()
def report(
    warehouse: Optional[Path] = WAREHOUSE,
    out: Path = typer.Option(Path("report.html"), "--out", "-o", dir_okay=False, metavar="FILE",
                             help="Where to write the HTML file."),
) -> None:
    """Write a self-contained HTML report that opens offline: charts (entities, co-mentions, coverage,
    sources, copies, a map of places) and tables of articles, quotations, stories and runs."""
    from flows.analysis.report import write

    with reading_warehouse():
        path = write(warehouse or _config().warehouse, out)
    typer.echo(f"wrote {path} ({path.stat().st_size:,} bytes); open it in any browser, offline")


@app.command("eval")
def evaluate(
    devset: Optional[Path] = typer.Option(None, "--devset", "-d", file_okay=False, metavar="DIR",
                                          help=_setting_help("Articles with an annotations.json, or a corpus with a "
                                                             "gold.json of surface forms (articles in the folder or "
                                                             "its inbox/).", "devset")),
    show_misses: bool = typer.Option(False, "--misses",
                                     help="List the worst articles with their missed and extra entities and quotes."),
) -> None:
    """Score entities and quotations against a hand-annotated corpus: precision, recall, F1 per type."""
    devset = devset or _config().devset
    if devset is None or not devset.is_dir():
        raise _fail(f"no dev set at {devset}: give --devset DIR" if devset else "give --devset DIR", EXIT_USAGE)
    if not (devset / "annotations.json").is_file() and not (devset / "gold.json").is_file():
        raise _fail(f"{devset} holds neither annotations.json nor gold.json", EXIT_USAGE)
    from flows.entities.evaluation import evaluate as run_evaluation

    report_ = run_evaluation(devset)
    for line in report_.lines():
        typer.echo(line)
    if show_misses:
        for line in report_.miss_lines():
            typer.echo(f"  {line}")


def main() -> Optional[int]:
    return app()


if __name__ == "__main__":
    sys.exit(main())

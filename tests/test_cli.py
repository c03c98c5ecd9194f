"""The command line: help, output and exit codes scripts can trust; queries that read the warehouse only."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from flows.cli import EXIT_BUSY, EXIT_UNREADABLE, EXIT_USAGE, app
from flows.load import warehouse

pytestmark = pytest.mark.e2e   # real runs into DuckDB files, subprocesses

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(SEEDS, root / "inbox")
    result = runner.invoke(app, ["run", "--inbox", str(root / "inbox"), "--warehouse", str(root / "w.duckdb")])
    assert result.exit_code == 0, result.output
    return root / "w.duckdb", result.output


def test_help_lists_every_command_with_h_or_help_and_no_type_noise():
    for flag in ("--help", "-h"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and all(command in result.output for command in COMMANDS)
    for command in COMMANDS:
        assert "<bool>" not in runner.invoke(app, [command, "--help"]).output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and re.fullmatch(r"wirehouse \d+\.\d+\.\d+\n", result.output)


def test_help_answers_at_once():
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flows.cli", "--help"], check=True, capture_output=True)
    assert time.perf_counter() - started < 5          # the goal is 0.5 s; this only catches an eager import


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    assert re.search(rf"wirehouse {command}\b", (ROOT / "README.md").read_text())


def test_run_prints_what_it_did(loaded):
    _, output = loaded
    assert "files seen 5: 5 loaded, 0 skipped (already loaded), 0 quarantined" in output
    assert "validation passed" in output


def test_sql_prints_a_table_as_the_duckdb_shell_does(loaded):
    path, _ = loaded
    result = runner.invoke(app, ["sql", "select count(*) as n from fact_article", "-w", str(path)])
    assert result.exit_code == 0
    assert result.output.splitlines()[:4] == ["┌───────┐", "│   n   │", "│ int64 │", "├───────┤"]
    result = runner.invoke(app, ["sql", "select count(*) as n from fact_article", "-w", str(path), "-f", "csv"])
    assert (result.exit_code, result.output) == (0, "n\n5\n")


@pytest.mark.parametrize("query", [
    "select * from read_text('/etc/passwd')",
    "copy (select 1) to '/tmp/wirehouse-escape.csv'",
    "set enable_external_access = true",
])
def test_sql_reads_the_warehouse_and_nothing_else(loaded, query):
    path, _ = loaded
    result = runner.invoke(app, ["sql", query, "-w", str(path)])
    assert result.exit_code == EXIT_UNREADABLE, result.output
    assert "root:" not in result.output


def test_sql_may_read_files_when_asked(loaded, tmp_path):
    path, _ = loaded
    (tmp_path / "x.csv").write_text("a\n1\n")
    result = runner.invoke(app, ["sql", f"select a from read_csv('{tmp_path / 'x.csv'}')", "-w", str(path),
                                 "-f", "csv", "--allow-files"])
    assert (result.exit_code, result.output) == (0, "a\n1\n")


def test_search_prints_a_table_with_file_names(loaded):
    path, _ = loaded
    result = runner.invoke(app, ["search", "spy satellite", "-w", str(path)])
    assert result.exit_code == 0
    assert "score" in result.output and "file" in result.output and ".txt" in result.output


def test_search_without_words_is_a_usage_error(loaded):
    path, _ = loaded
    result = runner.invoke(app, ["search", "  ", "-w", str(path)])
    assert result.exit_code == EXIT_USAGE and "needs words" in result.output


def test_run_on_a_busy_warehouse_exits_3(tmp_path):
    with warehouse.write_lock(tmp_path / "w.duckdb"):
        result = runner.invoke(app, ["run", "--inbox", str(SEEDS), "--warehouse", str(tmp_path / "w.duckdb")])
    assert result.exit_code == EXIT_BUSY


def test_sql_on_a_missing_warehouse_exits_4(tmp_path):
    result = runner.invoke(app, ["sql", "select 1", "-w", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == EXIT_UNREADABLE and "no warehouse" in result.output


def test_missing_inbox_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["run", "--inbox", str(tmp_path / "nope")])
    assert result.exit_code == EXIT_USAGE and result.output.startswith("wirehouse: inbox")


def test_eval_without_annotations_says_so(tmp_path):
    result = runner.invoke(app, ["eval", "--devset", str(tmp_path)])
    assert result.exit_code == EXIT_USAGE and "neither annotations.json nor gold.json" in result.output


def test_the_readme_reference_is_what_help_prints_for_every_command():
    from flows import cli_reference

    readme = cli_reference.README.read_text(encoding="utf-8")
    assert cli_reference.with_reference(readme) == readme, "README is stale: run python -m flows.cli_reference"
    assert {"run", "sql", "search", "report", "serve", "export", "eval"} <= set(cli_reference.commands())
    for name in cli_reference.commands():
        assert f"$ wirehouse {name} --help\n" in readme

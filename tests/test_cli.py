"""The command line: help, output and exit codes scripts can trust."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from flows.cli import EXIT_BUSY, EXIT_UNREADABLE, app
from flows.load import warehouse

pytestmark = pytest.mark.e2e   # real Prefect, GX, spaCy, DuckDB files or subprocesses

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    assert re.search(rf"wirehouse {command}\b", (ROOT / "README.md").read_text())


@pytest.mark.usefixtures("prefect_harness")
def test_run_then_sql(inbox, warehouse_path):
    result = runner.invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse_path)])
    assert result.exit_code == 0, result.output
    assert "files seen 5: 5 loaded, 0 skipped (already loaded), 0 quarantined" in result.output and "validation passed" in result.output
    result = runner.invoke(app, ["sql", "select count(*) as n from fact_article", "-w", str(warehouse_path),
                                 "--format", "csv"])
    assert (result.exit_code, result.output) == (0, "n\n5\n")


@pytest.mark.usefixtures("prefect_harness")
def test_run_on_a_busy_warehouse_exits_3(inbox, warehouse_path):
    with warehouse.write_lock(warehouse_path):
        result = runner.invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse_path)])
    assert result.exit_code == EXIT_BUSY


def test_sql_errors_exit_4(tmp_path):
    result = runner.invoke(app, ["sql", "select 1", "-w", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == EXIT_UNREADABLE


def test_missing_inbox_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["run", "--inbox", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_the_readme_reference_is_what_help_prints_for_every_command():
    from flows import cli_reference

    readme = cli_reference.README.read_text(encoding="utf-8")
    assert cli_reference.with_reference(readme) == readme, "README is stale: run python -m flows.cli_reference"
    assert {"run", "sql", "search", "report", "serve", "export", "eval"} <= set(cli_reference.commands())
    for name in cli_reference.commands():
        assert f"$ wirehouse {name} --help\n" in readme

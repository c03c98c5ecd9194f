"""Settings fail loudly: a bad value, an unknown key or a missing file is one line naming it."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows import settings
from flows.cli import app


def _load(tmp_path, text: str | None = None, **env):
    config = None
    if text is not None:
        config = tmp_path / "conf" / "wirehouse.toml"
        config.parent.mkdir(exist_ok=True)
        config.write_text(text)
    return settings.load(config, env={k.upper(): v for k, v in env.items()})


def test_defaults_then_file_then_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                  # no ./wirehouse.toml here
    assert _load(tmp_path).max_file_mb == 20 and _load(tmp_path).origins["max_file_mb"] == "built-in default"
    assert _load(tmp_path, "[limits]\nmax_file_mb = 5\n").max_file_mb == 5
    assert _load(tmp_path, "[limits]\nmax_file_mb = 5\n", wirehouse_max_file_mb="7").max_file_mb == 7


def test_paths_in_a_config_file_are_relative_to_it(tmp_path):
    found = _load(tmp_path, '[wirehouse]\ninbox = "articles"\nwarehouse = "/abs/w.duckdb"\n')
    assert found.inbox == tmp_path / "conf" / "articles" and found.warehouse == Path("/abs/w.duckdb")


@pytest.mark.parametrize(("text", "env", "message"), [
    ("[limits]\nmax_file_mb = 'big'\n", {}, "max_file_mb must be a int, not 'big'"),
    ("[wirehouse]\ninbx = 'seeds'\n", {}, "unknown setting 'inbx'"),
    ("[wirehouse]\nwarehouse = 5\n", {}, "warehouse must be a path, not 5"),
    (None, {"wirehouse_max_file_mb": "abc"}, "WIREHOUSE_MAX_FILE_MB: max_file_mb must be a int, not 'abc'"),
    (None, {"wirehouse_config": "/nowhere/wirehouse.toml"}, "WIREHOUSE_CONFIG: config file /nowhere/wirehouse.toml"),
    ("[limits\n", {}, "not a readable TOML file"),
])
def test_a_bad_setting_names_itself(tmp_path, text, env, message):
    with pytest.raises(settings.SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _load(tmp_path, text, **env)


def test_the_cli_says_what_is_wrong_in_one_line_and_exits_2(tmp_path, monkeypatch):
    monkeypatch.setenv("WIREHOUSE_MAX_FILE_MB", "abc")
    result = CliRunner().invoke(app, ["run", "--inbox", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == "wirehouse: WIREHOUSE_MAX_FILE_MB: max_file_mb must be a int, not 'abc'"
    monkeypatch.delenv("WIREHOUSE_MAX_FILE_MB")
    result = CliRunner().invoke(app, ["--config", str(tmp_path / "missing.toml"), "sql", "select 1"])
    assert result.exit_code == 2 and result.output.startswith("wirehouse: --config: config file")


def test_the_checkout_config_names_only_known_settings():
    found = settings.load(Path(__file__).resolve().parent.parent / "wirehouse.toml", env={})
    assert found.inbox.name == "seeds" and found.devset.name == "devset"

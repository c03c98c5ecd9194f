"""Limits that keep hostile input from exhausting the machine. Each is overridden by an
environment variable of the same name in upper case, prefixed WIREHOUSE_ (e.g. WIREHOUSE_MAX_FILE_MB)."""
from __future__ import annotations

import os


def _setting(name: str, default: float) -> float:
    value = os.environ.get(f"WIREHOUSE_{name.upper()}")
    return type(default)(value) if value else default


MAX_FILE_MB = _setting("max_file_mb", 20)                   # a larger file is refused unread
MAX_ARTICLE_CHARS = _setting("max_article_chars", 1_000_000)  # a longer decoded text is no article
MAX_ARCHIVE_MEMBERS = _setting("max_archive_members", 10_000)
MAX_UNPACKED_MB = _setting("max_unpacked_mb", 200)            # all members of one archive, unpacked
MAX_COMPRESSION_RATIO = _setting("max_compression_ratio", 100.0)  # past this, a member is a bomb

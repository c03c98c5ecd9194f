"""Content-addressed files, written whole or not at all: the store of raw inputs (`raw/<sha[:2]>/<sha>`)
and the JSON stores of results computed from a content (`<folder>/<key[:2]>/<key>.json`)."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import polars as pl


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see either nothing or all of it: a partial file, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


class JsonStore:
    """Results that depend only on a hashed content (NER proposals, signals), one JSON file per key; a
    missing or damaged file reads as nothing, so the result is computed again."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str):
        try:
            return json.loads(self._path(key).read_text())
        except (OSError, ValueError):
            return None

    def put(self, key: str, value) -> None:
        write_atomic(self._path(key), json.dumps(value).encode())


def raw_path(raw_dir: Path, sha256: str) -> Path:
    return Path(raw_dir) / sha256[:2] / sha256


def store(raw_dir: Path, data: bytes) -> str:
    """Keep bytes (unpacked from an archive) in the store; return their hash."""
    sha = hashlib.sha256(data).hexdigest()
    target = raw_path(raw_dir, sha)
    if not target.exists():
        write_atomic(target, data)
    return sha


def keep_raw_copies(staged: pl.DataFrame, inbox: Path, raw_dir: Path) -> int:
    """Copy each new content into the store; returns how many were written."""
    written = 0
    for source_file, sha in staged.filter(pl.col("content_sha256").is_not_null()) \
            .select("source_file", "content_sha256").iter_rows():
        target = raw_path(raw_dir, sha)
        if target.exists():       # stored before, or unpacked from an archive while scanning
            continue
        data = (Path(inbox) / source_file).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha:
            continue   # changed since it was hashed; the next run will see the new content
        write_atomic(target, data)
        written += 1
    return written

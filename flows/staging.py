"""Stage: find the files in an inbox, hash them, keep a content-addressed copy of their bytes.

The inbox is only ever read. A file is known by the sha256 of its bytes: the same bytes under
another name, or in a later run, are the same content and are not parsed twice.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import polars as pl

HASH_CHUNK = 1 << 20
STAGED_SCHEMA = {
    "source_file": pl.String,      # path relative to the inbox, with forward slashes
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "content_sha256": pl.String,   # null when the file could not be read
    "problem": pl.String,          # why the file cannot be staged, else null
}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _inbox_files(inbox: Path):
    """Every file under the inbox, sorted, hidden files and folders left out, links not followed."""
    for folder, subfolders, names in os.walk(inbox, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(folder) / name


def _stage_one(path: Path, inbox: Path) -> dict:
    row = {"source_file": path.relative_to(inbox).as_posix(), "size_bytes": None, "mtime_ns": None,
           "content_sha256": None, "problem": None}
    try:
        target = path.resolve(strict=True)
        if inbox.resolve() not in target.parents:
            row["problem"] = "symbolic link to a file outside the inbox"
        elif not target.is_file():
            row["problem"] = "not a regular file"
        else:
            stat = target.stat()
            row.update(size_bytes=stat.st_size, mtime_ns=stat.st_mtime_ns, content_sha256=_sha256(target))
    except (OSError, RuntimeError) as exc:   # RuntimeError: a symbolic link loop
        row["problem"] = f"unreadable: {exc.strerror or exc.__class__.__name__}" if isinstance(exc, OSError) \
            else "symbolic link loop"
    return row


def scan_inbox(inbox: Path) -> pl.DataFrame:
    """One row per file in the inbox, with its hash or the reason it cannot be read."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox {inbox} is not a folder")
    rows = [_stage_one(path, inbox) for path in _inbox_files(inbox)]
    return pl.DataFrame(rows, schema=STAGED_SCHEMA)


def raw_path(raw_dir: Path, sha256: str) -> Path:
    return Path(raw_dir) / sha256[:2] / sha256


def keep_raw_copies(staged: pl.DataFrame, inbox: Path, raw_dir: Path) -> int:
    """Copy each new content into the content-addressed store; returns how many were written."""
    written = 0
    for source_file, sha in staged.filter(pl.col("content_sha256").is_not_null()) \
            .select("source_file", "content_sha256").iter_rows():
        target = raw_path(raw_dir, sha)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        data = (Path(inbox) / source_file).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha:
            continue   # changed since it was hashed; the next run will see the new content
        partial = target.with_suffix(".partial")
        partial.write_bytes(data)
        os.replace(partial, target)
        written += 1
    return written


def classify_files(staged: pl.DataFrame, loaded_sha256: set[str]) -> pl.DataFrame:
    """Add `outcome`: "new", "already loaded", "duplicate" (same bytes earlier in this batch) or "unreadable"."""
    first_of_content = (
        pl.col("source_file").first().over("content_sha256") if staged.height else pl.lit(None, pl.String))
    return staged.with_columns(
        pl.when(pl.col("problem").is_not_null()).then(pl.lit("unreadable"))
        .when(pl.col("content_sha256").is_in(list(loaded_sha256))).then(pl.lit("already loaded"))
        .when(first_of_content != pl.col("source_file")).then(pl.lit("duplicate"))
        .otherwise(pl.lit("new")).alias("outcome"),
        first_of_content.alias("first_source_file"),
    )

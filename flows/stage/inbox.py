"""Stage: find the files in an inbox, hash them, keep a content-addressed copy of their bytes.

The inbox is only ever read. A file is known by the sha256 of its bytes: the same bytes under
another name, or in a later run, are the same content and are not parsed twice.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat as stat_module
from pathlib import Path

import polars as pl

from flows import settings
from flows.batch import STAGED_SCHEMA
from flows.stage import archives
from flows.stage.raw_store import store

HASH_CHUNK = 1 << 20
MANIFESTS = ("manifest.csv", "manifest.json")
# What a manifest row may say about a file; it overrides what the text implies.
MANIFEST_SCHEMA = {"file": pl.String, "url": pl.String, "source": pl.String, "published_at": pl.String}


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _inbox_files(inbox: Path):
    """(path, name relative to the inbox, is_link) of every file under the inbox, sorted, hidden
    files and folders left out, links not followed. Plain strings: an inbox holds 100,000 files."""
    def walk(folder: str, prefix: str):
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
        for entry in entries:
            if entry.name.startswith(".") or (not prefix and entry.name in MANIFESTS):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from walk(entry.path, f"{prefix}{entry.name}/")
            else:
                yield entry.path, prefix + entry.name, entry.is_symlink()
    yield from walk(str(inbox), "")


def _row(source_file: str, problem: str | None = None, size: int | None = None, mtime_ns: int | None = None,
         sha256: str | None = None, url: str | None = None, crawled_at=None) -> dict:
    return {"source_file": source_file, "size_bytes": size, "mtime_ns": mtime_ns, "content_sha256": sha256,
            "problem": problem, "url": url, "crawled_at": crawled_at}


def _member_rows(name: str, members, stat: os.stat_result, raw_dir: Path) -> list[dict]:
    """Rows for the inputs inside a container; their bytes go straight to the raw store. A
    container with nothing inside is accounted for with a row of its own."""
    rows = [_row(label, problem, len(data) if data is not None else None, stat.st_mtime_ns,
                 store(raw_dir, data) if data is not None else None, meta.get("url"), meta.get("crawled_at"))
            for label, data, problem, meta in members]
    return rows or [_row(name, "holds no article: nothing inside that could be one")]


def _stage_one(path: str, name: str, is_link: bool, inbox: Path, raw_dir: Path, unchanged: dict) -> list[dict]:
    try:
        target = Path(path).resolve(strict=True) if is_link else Path(path)
        if is_link and inbox.resolve() not in target.parents:
            return [_row(name, "symbolic link to a file outside the inbox")]
        stat = os.stat(path)
        if not stat_module.S_ISREG(stat.st_mode):
            return [_row(name, "not a regular file")]
        max_mb = settings.current().max_file_mb
        if stat.st_size > max_mb * 2**20:
            return [_row(name, f"{stat.st_size / 2**20:,.1f} MB is over the {max_mb} MB limit "
                               "(setting WIREHOUSE_MAX_FILE_MB)", stat.st_size, stat.st_mtime_ns)]
        inside = archives.members(target, name, stat.st_size)
        if inside is not None:
            return _member_rows(name, inside, stat, raw_dir)
        size, mtime_ns, sha = unchanged.get(name, (None, None, None))
        if (size, mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            sha = _sha256(path)
        return [_row(name, None, stat.st_size, stat.st_mtime_ns, sha)]
    except RuntimeError:
        return [_row(name, "symbolic link loop")]
    except OSError as exc:
        return [_row(name, f"unreadable: {exc.strerror or exc.__class__.__name__}")]


def scan_inbox(inbox: Path, raw_dir: Path, unchanged: dict[str, tuple[int, int, str]] | None = None) -> pl.DataFrame:
    """One row per file in the inbox (per member, for .zip and .gz), with its hash or the reason
    it cannot be read. Bytes unpacked from archives go straight to the raw store.

    `unchanged` maps paths to the (size, mtime_ns, sha256) they had when last hashed: a file that
    still has that size and time keeps that hash unread (warehouse.unchanged_files says which)."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox {inbox} is not a folder")
    rows = [row for path, name, is_link in _inbox_files(inbox)
            for row in _stage_one(path, name, is_link, inbox, Path(raw_dir), unchanged or {})]
    return apply_manifest(pl.DataFrame(rows, schema=STAGED_SCHEMA), inbox)


def read_manifest(inbox: Path) -> pl.DataFrame:
    """The inbox's sidecar manifest (manifest.csv or manifest.json at its top), or an empty frame."""
    for name in MANIFESTS:
        path = Path(inbox) / name
        if path.is_file():
            frame = (pl.read_csv(path, infer_schema=False) if name.endswith(".csv")
                     else pl.DataFrame(json.loads(path.read_text(encoding="utf-8"))))
            return frame.select([pl.col(c).cast(pl.String) if c in frame.columns else pl.lit(None, pl.String).alias(c)
                                 for c in MANIFEST_SCHEMA])
    return pl.DataFrame(schema=MANIFEST_SCHEMA)


def apply_manifest(staged: pl.DataFrame, inbox: Path) -> pl.DataFrame:
    """Add what the manifest says of each file: its URL (over any other), source and publication time."""
    manifest = read_manifest(inbox).rename({"file": "source_file", "url": "manifest_url",
                                            "source": "manifest_source", "published_at": "manifest_published_at"})
    joined = staged.join(manifest.unique("source_file", keep="last"), on="source_file", how="left")
    return joined.with_columns(pl.coalesce("manifest_url", "url").alias("url")).drop("manifest_url")


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

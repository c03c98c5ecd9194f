"""Stage: find the files in an inbox, hash them, keep a content-addressed copy of their bytes.

The inbox is only ever read. A file is known by the sha256 of its bytes: the same bytes under
another name, or in a later run, are the same content and are not parsed twice.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import posixpath
import re
import stat as stat_module
import zipfile
import zlib
from pathlib import Path

import polars as pl

from flows import containers
from flows.settings import MAX_ARCHIVE_MEMBERS, MAX_COMPRESSION_RATIO, MAX_FILE_MB, MAX_UNPACKED_MB

HASH_CHUNK = 1 << 20
STAGED_SCHEMA = {
    "source_file": pl.String,      # path relative to the inbox, with forward slashes
    "size_bytes": pl.Int64,
    "mtime_ns": pl.Int64,
    "content_sha256": pl.String,   # null when the file could not be read
    "problem": pl.String,          # why the file cannot be staged, else null
    "url": pl.String,              # from a WARC record, a JSON-lines row or the manifest
    "crawled_at": pl.Datetime("us", "UTC"),
}
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


def _member_rows(members, stat: os.stat_result, raw_dir: Path) -> list[dict]:
    return [_row(label, problem, len(data) if data is not None else None, stat.st_mtime_ns,
                 _store(raw_dir, data) if data is not None else None, meta.get("url"), meta.get("crawled_at"))
            for label, data, problem, meta in members]


def _store(raw_dir: Path, data: bytes) -> str:
    """Keep bytes unpacked from an archive in the content-addressed store; return their hash."""
    sha = hashlib.sha256(data).hexdigest()
    target = raw_path(raw_dir, sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(data)
        os.replace(partial, target)
    return sha


def _read_capped(stream, limit: int) -> bytes | None:
    """Up to `limit` bytes of a stream, or None when it holds more (sizes in headers can lie)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _gzip_rows(path: Path, name: str, stat: os.stat_result, raw_dir: Path) -> list[dict]:
    limit = int(min(MAX_FILE_MB * 2**20, max(stat.st_size, 1) * MAX_COMPRESSION_RATIO))
    try:
        with gzip.open(path, "rb") as stream:
            data = _read_capped(stream, limit)
    except (OSError, EOFError, zlib.error) as exc:
        return [_row(name, f"damaged gzip file: {exc}")]
    if data is None:
        return [_row(name, f"gzip file unpacks past {limit:,} bytes (ratio or size limit): refused as a bomb")]
    return [_row(name, None, len(data), stat.st_mtime_ns, _store(raw_dir, data))]


def _zip_rows(path: Path, name: str, stat: os.stat_result, raw_dir: Path) -> list[dict]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [_row(name, f"damaged zip file: {exc}")]
    rows, unpacked = [], 0
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ARCHIVE_MEMBERS:
            return [_row(name, f"zip file holds {len(members):,} files, over the limit of {MAX_ARCHIVE_MEMBERS:,}")]
        for member in members:
            inner = posixpath.normpath(member.filename.replace("\\", "/"))
            label = f"{name}!/{inner}"
            if inner.startswith(("/", "../")) or inner == ".." or re.match(r"^[A-Za-z]:", inner):
                rows.append(_row(label, "zip entry path leaves the archive: refused"))
                continue
            limit = int(min(MAX_FILE_MB * 2**20, MAX_UNPACKED_MB * 2**20 - unpacked,
                            max(member.compress_size, 1) * MAX_COMPRESSION_RATIO))
            try:
                with archive.open(member) as stream:
                    data = _read_capped(stream, max(limit, 0))
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError) as exc:
                rows.append(_row(label, f"unreadable zip entry: {exc}"))
                continue
            if data is None:
                rows.append(_row(label, f"zip entry unpacks past {limit:,} bytes (ratio or size limit): "
                                        "refused as a bomb"))
                continue
            unpacked += len(data)
            rows.append(_row(label, None, len(data), stat.st_mtime_ns, _store(raw_dir, data)))
    return rows


def _stage_one(path: str, name: str, is_link: bool, inbox: Path, raw_dir: Path, unchanged: dict) -> list[dict]:
    try:
        target = Path(path).resolve(strict=True) if is_link else Path(path)
        if is_link and inbox.resolve() not in target.parents:
            return [_row(name, "symbolic link to a file outside the inbox")]
        stat = os.stat(path)
        if not stat_module.S_ISREG(stat.st_mode):
            return [_row(name, "not a regular file")]
        if stat.st_size > MAX_FILE_MB * 2**20:
            return [_row(name, f"{stat.st_size / 2**20:,.1f} MB is over the {MAX_FILE_MB} MB limit "
                               "(setting WIREHOUSE_MAX_FILE_MB)", stat.st_size, stat.st_mtime_ns)]
        if containers.is_warc(name):
            return _member_rows(containers.warc_members(target, name), stat, raw_dir)
        if containers.is_jsonl(name):
            opener = gzip.open if name.lower().endswith(".gz") else open
            return _member_rows(containers.jsonl_members(target, name, opener), stat, raw_dir)
        if name.lower().endswith(".gz") and not name.lower().endswith(".tar.gz"):
            return _gzip_rows(target, name, stat, raw_dir)
        if name.lower().endswith(".zip"):
            return _zip_rows(target, name, stat, raw_dir)
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


def raw_path(raw_dir: Path, sha256: str) -> Path:
    return Path(raw_dir) / sha256[:2] / sha256


def keep_raw_copies(staged: pl.DataFrame, inbox: Path, raw_dir: Path) -> int:
    """Copy each new content into the content-addressed store; returns how many were written."""
    written = 0
    for source_file, sha in staged.filter(pl.col("content_sha256").is_not_null()) \
            .select("source_file", "content_sha256").iter_rows():
        target = raw_path(raw_dir, sha)
        if target.exists():       # stored before, or unpacked from an archive while scanning
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

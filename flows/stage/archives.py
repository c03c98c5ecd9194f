"""Files that hold other files: WARC crawls, JSON-lines exports, gzip and zip, opened into one input each.

A WARC response record (warcio) becomes an input with the page's bytes, its URL and crawl time; a
JSON-lines row (news-please style: title, authors, date_publish, maintext, url) becomes an input
whose bytes are that row; a gzip file, its unpacked bytes; a zip member, its bytes. Inputs are
named `file!/member` so every one is accounted for on its own. Sizes and compression ratios are
capped, so an archive bomb is refused with a reason instead of filling memory.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from flows.parse.datetimes import parse_iso
from flows.settings import MAX_ARCHIVE_MEMBERS, MAX_COMPRESSION_RATIO, MAX_FILE_MB, MAX_UNPACKED_MB

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")

Member = tuple[str, bytes | None, str | None, dict]     # (name, bytes, problem, {"url", "crawled_at"})


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def is_jsonl(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def is_gzip(name: str) -> bool:
    return name.lower().endswith(".gz") and not name.lower().endswith(".tar.gz")


def is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


def _instant(text: str | None) -> dt.datetime | None:
    moment = parse_iso(text) if text else None
    return moment.astimezone(dt.timezone.utc) if moment else None


def warc_members(path: Path, name: str) -> Iterator[Member]:
    """One member per HTTP response record that carries a page."""
    limit = int(MAX_FILE_MB * 2**20)
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if number > MAX_ARCHIVE_MEMBERS:
                    yield f"{name}!/{number}", None, f"more than {MAX_ARCHIVE_MEMBERS:,} records: the rest are skipped", {}
                    return
                if record.rec_type != "response":
                    continue
                meta = {"url": record.rec_headers.get_header("WARC-Target-URI"),
                        "crawled_at": _instant(record.rec_headers.get_header("WARC-Date"))}
                label = f"{name}!/{number}"
                status = record.http_headers.get_statuscode() if record.http_headers else "200"
                kind = (record.http_headers.get_header("Content-Type", "") if record.http_headers else "").lower()
                if status != "200" or not kind.startswith(PAGE_TYPES):
                    continue            # redirects, images, scripts: not articles, and not inputs
                data = record.content_stream().read(limit + 1)
                if len(data) > limit:
                    yield label, None, f"record over the {MAX_FILE_MB} MB limit", meta
                else:
                    yield label, data, None, meta
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield f"{name}!/?", None, f"damaged WARC file: {exc}", {}


def jsonl_members(path: Path, name: str, opener: Callable = open) -> Iterator[Member]:
    """One member per non-empty line; a line that is not a JSON object is refused on its own."""
    with opener(path, "rb") as stream:
        for number, line in enumerate(stream, start=1):
            if number > MAX_ARCHIVE_MEMBERS:
                yield f"{name}!/{number}", None, f"more than {MAX_ARCHIVE_MEMBERS:,} lines: the rest are skipped", {}
                return
            if not line.strip():
                continue
            label = f"{name}!/{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield label, None, f"line {number} is not JSON: {exc}", {}
                continue
            if not isinstance(record, dict):
                yield label, None, f"line {number} is not a JSON object", {}
                continue
            yield label, line.strip(), None, {"url": record.get("url"), "crawled_at": None}


def _read_capped(stream, limit: int) -> bytes | None:
    """Up to `limit` bytes of a stream, or None when it holds more (sizes in headers can lie)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def gzip_members(path: Path, name: str, size: int) -> Iterator[Member]:
    """The one member of a gzip file: its unpacked bytes, within the size and ratio limits."""
    limit = int(min(MAX_FILE_MB * 2**20, max(size, 1) * MAX_COMPRESSION_RATIO))
    try:
        with gzip.open(path, "rb") as stream:
            data = _read_capped(stream, limit)
    except (OSError, EOFError, zlib.error) as exc:
        yield name, None, f"damaged gzip file: {exc}", {}
        return
    if data is None:
        yield name, None, f"gzip file unpacks past {limit:,} bytes (ratio or size limit): refused as a bomb", {}
    else:
        yield name, data, None, {}


def _leaves_archive(inner: str) -> bool:
    return inner.startswith(("/", "../")) or inner == ".." or bool(re.match(r"^[A-Za-z]:", inner))


def zip_members(path: Path, name: str) -> Iterator[Member]:
    """Each file in a zip archive, within the member count, size and ratio limits."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield name, None, f"damaged zip file: {exc}", {}
        return
    unpacked = 0
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ARCHIVE_MEMBERS:
            yield name, None, f"zip file holds {len(members):,} files, over the limit of {MAX_ARCHIVE_MEMBERS:,}", {}
            return
        for member in members:
            inner = posixpath.normpath(member.filename.replace("\\", "/"))
            label = f"{name}!/{inner}"
            if _leaves_archive(inner):
                yield label, None, "zip entry path leaves the archive: refused", {}
                continue
            limit = int(min(MAX_FILE_MB * 2**20, MAX_UNPACKED_MB * 2**20 - unpacked,
                            max(member.compress_size, 1) * MAX_COMPRESSION_RATIO))
            try:
                with archive.open(member) as stream:
                    data = _read_capped(stream, max(limit, 0))
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError) as exc:
                yield label, None, f"unreadable zip entry: {exc}", {}
                continue
            if data is None:
                yield label, None, f"zip entry unpacks past {limit:,} bytes (ratio or size limit): refused as a bomb", {}
                continue
            unpacked += len(data)
            yield label, data, None, {}


def members(path: Path, name: str, size: int) -> Iterator[Member] | None:
    """The inputs inside a container file, or None when the file is an input of its own."""
    if is_warc(name):
        return warc_members(path, name)
    if is_jsonl(name):
        return jsonl_members(path, name, gzip.open if name.lower().endswith(".gz") else open)
    if is_gzip(name):
        return gzip_members(path, name, size)
    if is_zip(name):
        return zip_members(path, name)
    return None

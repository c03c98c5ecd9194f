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

from flows import settings
from flows.parse.datetimes import parse_iso

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


def _warc_member(record, label: str, limit_mb: int) -> Member | None:
    """A response record that carries a page; None for redirects, images, scripts and the rest."""
    if record.rec_type != "response":
        return None
    meta = {"url": record.rec_headers.get_header("WARC-Target-URI"),
            "crawled_at": _instant(record.rec_headers.get_header("WARC-Date"))}
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    kind = (record.http_headers.get_header("Content-Type", "") if record.http_headers else "") or ""
    if status != "200" or not kind.lower().startswith(PAGE_TYPES):
        return None
    limit = limit_mb * 2**20
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return label, None, f"record over the {limit_mb} MB limit", meta
    return label, data, None, meta


def warc_members(path: Path, name: str) -> Iterator[Member]:
    """One member per HTTP response record that carries a page. A record cut short or garbled
    costs itself; where the file cannot be read on, the rest of it is refused with the reason."""
    config = settings.current()
    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if number > config.max_archive_members:
                    yield (f"{name}!/{number}", None,
                           f"more than {config.max_archive_members:,} records: the rest are skipped", {})
                    return
                try:
                    member = _warc_member(record, f"{name}!/{number}", config.max_file_mb)
                except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on damaged records
                    member = f"{name}!/{number}", None, f"damaged WARC record: {exc.__class__.__name__}: {exc}", {}
                if member is not None:
                    yield member
    except Exception as exc:  # noqa: BLE001 - whatever breaks the reading, the file is accounted for
        yield f"{name}!/{number + 1}-", None, f"damaged WARC file: {exc.__class__.__name__}: {exc}", {}


def _jsonl_member(line: bytes, label: str, number: int) -> Member | None:
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except ValueError as exc:
        return label, None, f"line {number} is not JSON: {exc}", {}
    if not isinstance(record, dict):
        return label, None, f"line {number} is not a JSON object", {}
    return label, line.strip(), None, {"url": record.get("url"), "crawled_at": None}


def jsonl_members(path: Path, name: str, opener: Callable = open) -> Iterator[Member]:
    """One member per non-empty line; a line that is not a JSON object is refused on its own, and
    a file that cannot be read on (a gzip cut short) has the rest of it refused."""
    config = settings.current()
    number = 0
    try:
        with opener(path, "rb") as stream:
            for number, line in enumerate(stream, start=1):
                if number > config.max_archive_members:
                    yield (f"{name}!/{number}", None,
                           f"more than {config.max_archive_members:,} lines: the rest are skipped", {})
                    return
                member = _jsonl_member(line, f"{name}!/{number}", number)
                if member is not None:
                    yield member
    except (OSError, EOFError, zlib.error) as exc:
        yield f"{name}!/{number + 1}-", None, f"damaged file after line {number}: {exc}", {}


def _read_capped(stream, limit: int) -> bytes | None:
    """Up to `limit` bytes of a stream, or None when it holds more (sizes in headers can lie)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def gzip_members(path: Path, name: str, size: int) -> Iterator[Member]:
    """The one member of a gzip file: its unpacked bytes, within the size and ratio limits."""
    config = settings.current()
    limit = int(min(config.max_file_mb * 2**20, max(size, 1) * config.max_compression_ratio))
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
    unpacked, config = 0, settings.current()
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > config.max_archive_members:
            yield name, None, f"zip file holds {len(members):,} files, over the limit of {config.max_archive_members:,}", \
                {}
            return
        for member in members:
            inner = posixpath.normpath(member.filename.replace("\\", "/"))
            label = f"{name}!/{inner}"
            if _leaves_archive(inner):
                yield label, None, "zip entry path leaves the archive: refused", {}
                continue
            limit = int(min(config.max_file_mb * 2**20, config.max_unpacked_mb * 2**20 - unpacked,
                            max(member.compress_size, 1) * config.max_compression_ratio))
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

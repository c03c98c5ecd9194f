"""Files that hold many articles: WARC crawls and JSON-lines exports, opened into one input each.

A WARC response record (warcio) becomes an input with the page's bytes, its URL and crawl time; a
JSON-lines row (news-please style: title, authors, date_publish, maintext, url) becomes an input
whose bytes are that row. Inputs are named `file!/n` so every one is accounted for on its own.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from flows.settings import MAX_ARCHIVE_MEMBERS, MAX_FILE_MB

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")

Member = tuple[str, bytes | None, str | None, dict]     # (name, bytes, problem, {"url", "crawled_at"})


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def is_jsonl(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def _instant(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc) if text else None
    except ValueError:
        return None


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

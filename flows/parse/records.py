"""Scraper exports: one JSON object per article, news-please style (title, authors, date_publish,
maintext, url, source_domain). The fields say what they are; the text parser still cleans the body.
"""
from __future__ import annotations

import json

from flows.parse import datetimes
from flows.parse.decoding import too_long
from flows.parse.metadata import Evidence, resolve
from flows.parse.outlets import Outlets
from flows.parse.plain_text import ParsedArticle, parse_article

TEXT_FIELDS = ("maintext", "text", "body", "content")
DATE_FIELDS = ("date_publish", "published_at", "date", "pubdate")


def as_record(text: str) -> dict | None:
    """The JSON object a text holds, or None when it is not one with article text in it."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) and any(record.get(f) for f in TEXT_FIELDS) else None


def parse_record(record: dict, outlets: Outlets, evidence: tuple[Evidence, ...] = ()) -> ParsedArticle:
    """An article from an export's row: its text through the text parser, its fields as evidence."""
    text = next(str(record[f]) for f in TEXT_FIELDS if record.get(f))
    too_long(text)
    authors = record.get("authors")
    authors = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    source = record.get("source_domain") or record.get("source") or record.get("publisher")
    stamp = next((s for s in (datetimes.metadata_stamp(record.get(f)) for f in DATE_FIELDS) if s is not None), None)
    fields = [Evidence("headline", record.get("title"), "record"),
              Evidence("authors", [str(a).strip() for a in authors if str(a).strip()], "record"),
              Evidence("publisher", str(source) if source else None, "record"),
              Evidence("published", stamp, "record")]
    return resolve(parse_article(text, outlets), [*evidence, *fields], outlets)

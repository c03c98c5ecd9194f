"""Scraper exports: one JSON object per article, news-please style (title, authors, date_publish,
maintext, url, source_domain). The fields say what they are; the text parser still cleans the body.
"""
from __future__ import annotations

import json

from flows.parse import datetimes
from flows.parse.outlets import Outlets
from flows.parse.plain_text import ParsedArticle, parse_article, zone_fallbacks

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


def _stamp(value) -> datetimes.Stamp | None:
    if not isinstance(value, str) or not value.strip():
        return None
    moment = datetimes.parse_iso(value)
    if moment is None:
        return datetimes.find_stamp(value)
    zone = moment.strftime("%z") if moment.tzinfo else None
    zone = f"{zone[:3]}:{zone[3:]}" if zone else None
    has_time = (moment.hour, moment.minute, moment.second) != (0, 0, 0) or "T" in value or ":" in value
    return datetimes.Stamp(moment.replace(tzinfo=None), zone, "second" if has_time else "day")


def parse_record(record: dict, outlets: Outlets) -> ParsedArticle:
    text = next(str(record[f]) for f in TEXT_FIELDS if record.get(f))
    article = parse_article(text, outlets)
    article.headline = record.get("title") or article.headline
    authors = record.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if isinstance(authors, list) and authors:
        article.authors = [str(a).strip() for a in authors if str(a).strip()]
    source = record.get("source_domain") or record.get("source") or record.get("publisher")
    article.publisher = outlets.canonical(str(source)) if source else article.publisher
    stamp = next((s for s in (_stamp(record.get(f)) for f in DATE_FIELDS) if s is not None), None)
    if stamp is not None:
        article.published = datetimes.settle(stamp, zone_fallbacks(article, outlets))
    return article

"""One place that decides each metadata field from every source's evidence, and keeps where it came from.

An article's text says what it says (flows/parse/plain_text.py); beside it a saved page's markup
(title, author, og:site_name, article:published_time), a JSON-lines row's fields and the inbox
manifest may offer the same fields. Each offers `Evidence` with its origin; `resolve` takes, for
each field, the first origin in PRECEDENCE that offers a value, and records it in
`ParsedArticle.origins` (loaded as fact_article.metadata_origin).
"""
from __future__ import annotations

from dataclasses import dataclass

from flows.parse import datetimes
from flows.parse.fields import zone_countries, zone_fallbacks
from flows.parse.outlets import Outlets
from flows.parse.plain_text import ParsedArticle

# Which source wins each field, best first. "text" is what the article's own text says; "html (day)"
# is a page's metadata date without a time, which loses to a text that states one.
PRECEDENCE = {
    "headline": ("record", "html", "text"),
    "authors": ("record", "text", "html"),
    "publisher": ("manifest", "record", "html", "text"),
    "published": ("manifest", "record", "html", "text", "html (day)"),
}


@dataclass(frozen=True)
class Evidence:
    field: str          # a key of PRECEDENCE
    value: object       # a string, a list of names, or a datetimes.Stamp (for "published")
    origin: str         # "manifest", "record", "html" or "html (day)"


def resolve(article: ParsedArticle, evidence: list[Evidence], outlets: Outlets) -> ParsedArticle:
    """The article with each field taken from its best source. Publisher is decided before the
    publication time, whose zone may come from the publisher's newsroom."""
    for field, order in PRECEDENCE.items():
        offered: dict[str, object] = {}
        for item in evidence:
            if item.field == field and item.value:
                offered.setdefault(item.origin, item.value)
        if getattr(article, field):
            offered["text"] = getattr(article, field)
        origin = next((o for o in order if o in offered), None)
        if origin is None:
            continue
        article.origins[field] = origin
        if origin == "text":
            continue
        value = offered[origin]
        if field == "publisher":
            value = outlets.canonical(value)
        elif field == "published":
            value = datetimes.settle(value, zone_fallbacks(article, outlets), tuple(zone_countries(article, outlets)))
        setattr(article, field, value)
    return article


def manifest_evidence(meta: dict) -> list[Evidence]:
    """What the inbox manifest says of a file (its `source` and `published_at` columns)."""
    return [Evidence("publisher", meta.get("manifest_source"), "manifest"),
            Evidence("published", datetimes.metadata_stamp(meta.get("manifest_published_at")), "manifest")]

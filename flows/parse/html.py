"""Saved web pages: main text and metadata through trafilatura, then the plain-text parser.

trafilatura removes the page furniture and reads the title, author, site name and date from the
markup; the text parser still finds what only the text says (dateline, wire credit, captions).
"""
from __future__ import annotations

import datetime as dt
import re

import trafilatura

from flows.parse import datetimes
from flows.parse.outlets import Outlets
from flows.parse.plain_text import ParsedArticle, parse_article, zone_fallbacks

HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                        re.IGNORECASE | re.DOTALL)
AUTHOR_SPLIT = re.compile(r"\s*(?:;|,| and |&)\s*")


def looks_like_html(text: str) -> bool:
    return bool(HTML_START.match(text[:2000]))


def parse_html(html: str, outlets: Outlets) -> ParsedArticle:
    """An article from a saved page; an empty body when trafilatura finds no main text."""
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        return ParsedArticle()
    article = parse_article(doc.text, outlets)
    article.headline = doc.title or article.headline
    if doc.title and article.body.startswith(doc.title):
        article.body = article.body[len(doc.title):].lstrip()
    if not article.authors and doc.author:
        article.authors = [a for a in AUTHOR_SPLIT.split(doc.author) if a]
    article.publisher = article.publisher or (outlets.canonical(doc.sitename) if doc.sitename else None)
    if article.published is None and doc.date:
        try:
            day = dt.datetime.strptime(doc.date[:10], "%Y-%m-%d")
        except ValueError:
            day = None
        if day is not None:
            stamp = datetimes.Stamp(day, None, "day")
            article.published = datetimes.settle(stamp, zone_fallbacks(article, outlets))
    return article

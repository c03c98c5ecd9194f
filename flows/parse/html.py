"""Saved web pages: main text and metadata through trafilatura, then the plain-text parser.

trafilatura removes the page furniture and reads the title, author, site name and publication time
from the markup (`article:published_time`, JSON-LD, `<time>`: asked for with its time of day and
offset, not only the day); the page's `<figcaption>`s are its photo captions. The text parser
still finds what only the text says (dateline, wire credit, bylines, stamps printed in the text).
"""
from __future__ import annotations

import re

import trafilatura

from flows.parse import datetimes
from flows.parse.decoding import too_long
from flows.parse.metadata import Evidence, resolve
from flows.parse.outlets import Outlets
from flows.parse.plain_text import ParsedArticle, parse_article
from flows.parse.text import fold_key, word_count

HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                        re.IGNORECASE | re.DOTALL)
AUTHOR_SPLIT = re.compile(r"\s*(?:;|,| and |&)\s*")
# htmldate (inside trafilatura) gives only the day unless asked for the time of day and offset.
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
CAPTION_MAX_CHARS = 600


def looks_like_html(text: str) -> bool:
    return bool(HTML_START.match(text[:2000]))


def _figcaptions(html: str) -> list[str]:
    """The text of each <figcaption>, white space collapsed."""
    try:
        import lxml.html
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, ImportError):
        return []
    except Exception:  # noqa: BLE001 - lxml raises several parser errors on broken markup
        return []
    found = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and len(text) <= CAPTION_MAX_CHARS and text not in found:
            found.append(text)
    return found


def parse_html(html: str, outlets: Outlets, evidence: tuple[Evidence, ...] = ()) -> ParsedArticle:
    """An article from a saved page; an empty body when trafilatura finds no main text. The
    markup's title, author, site name and date are evidence beside the text's (and `evidence`'s)."""
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      date_extraction_params={"original_date": True, "extensive_search": True,
                                                              "outputformat": DATE_FORMAT})
    if doc is None or not (doc.text or "").strip():
        return ParsedArticle()
    too_long(doc.text)
    article = parse_article(doc.text, outlets)
    if doc.title and article.body.startswith(doc.title):
        article.body = article.body[len(doc.title):].lstrip()
    for caption in _figcaptions(html):
        if fold_key(caption) not in {fold_key(c) for c in article.captions}:
            article.captions.append(caption)
        # the caption leaves the body, whether trafilatura gave it a paragraph of its own or ran it in
        article.body = "\n\n".join(q for q in (" ".join(p.replace(caption, " ").split())
                                               for p in article.body.split("\n\n")) if q)
    article.word_count = word_count(article.body)
    stamp = datetimes.metadata_stamp(doc.date)
    markup = [Evidence("headline", doc.title, "html"),
              Evidence("authors", [a for a in AUTHOR_SPLIT.split(doc.author or "") if a], "html"),
              Evidence("publisher", doc.sitename, "html"),       # og:site_name says whose page it is
              Evidence("published", stamp, "html (day)" if stamp and stamp.precision == "day" else "html")]
    return resolve(article, [*evidence, *markup], outlets)

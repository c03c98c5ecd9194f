"""Parse: staged files to polars frames, one row per article plus its authors and captions.

Pure functions: bytes in, frames out. Files that are not articles come back as rejects with a
reason, to be quarantined; nothing raises on strange input.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import polars as pl

from flows.batch import (
    ARTICLE_SCHEMA,
    AUTHOR_SCHEMA,
    CAPTION_SCHEMA,
    FILE_META,
    REJECT_SCHEMA,
    UNKNOWN_DATE_KEY,
    ParsedBatch,
)
from flows.parse.decoding import NotText, decode, too_long
from flows.parse.html import looks_like_html, parse_html
from flows.parse.metadata import manifest_evidence, resolve
from flows.parse.outlets import Outlets, load_outlets
from flows.parse.plain_text import ParsedArticle, parse_article
from flows.parse.records import as_record, parse_record
from flows.progress import track


def article_id(source_file: str) -> str:
    """Stable identity of an article across versions: its path in the inbox."""
    return hashlib.sha256(source_file.encode("utf-8")).hexdigest()[:16]


def date_key(published) -> int:
    """yyyymmdd of the publication day where it was published; the unknown member otherwise."""
    if published is None:
        return UNKNOWN_DATE_KEY
    local = published.utc + dt.timedelta(minutes=published.offset_minutes)
    return local.year * 10000 + local.month * 100 + local.day


def _article_row(sha: str, source_file: str, encoding: str, art: ParsedArticle) -> dict:
    pub = art.published
    return {
        "content_sha256": sha, "article_id": article_id(source_file), "source_file": source_file,
        "encoding": encoding, "headline": art.headline, "update_tag": art.update_tag, "slug": art.slug,
        "standfirst": art.standfirst, "body": art.body, "language": art.language, "word_count": art.word_count,
        "published_at": pub.utc if pub else None, "published_tz": pub.zone if pub else None,
        "published_offset_minutes": pub.offset_minutes if pub else None,
        "published_precision": pub.precision if pub else None, "published_basis": pub.basis if pub else None,
        "date_key": date_key(pub), "publisher": art.publisher, "wire_service": art.wire_service,
        "dateline": art.dateline, "dateline_city": art.dateline_city,
        "editorial_note": "\n".join(art.editorial_notes) or None, "url": None, "crawled_at": None,
        "section": art.section, "published_tz_written": pub.zone_as_written if pub else None,
        "published_label": pub.label if pub else None, "signoff": "\n".join(art.signoffs) or None,
        "metadata_origin": ", ".join(f"{k}={v}" for k, v in art.origins.items()) or None,
    }


def _author_rows(sha: str, art: ParsedArticle) -> list[dict]:
    # A byline in another script names the same person as a lone Latin byline ("김서연" = "Kim Seo-yeon").
    native = art.authors_native[0] if len(art.authors) == 1 and len(art.authors_native) == 1 else None
    return [{"content_sha256": sha, "author_position": i, "author_name": name,
             "author_name_native": native if name != native else None}
            for i, name in enumerate(art.authors, start=1)]


def _read(text: str, outlets: Outlets, evidence: list) -> tuple[ParsedArticle, dict]:
    """The article in a decoded file (an export's row, a saved page or plain text), and the row's fields."""
    record = as_record(text)
    if record is not None:
        return parse_record(record, outlets, evidence), record
    if looks_like_html(text):
        return parse_html(text, outlets, evidence), {}
    too_long(text)
    return resolve(parse_article(text, outlets), evidence, outlets), {}


def parse_one(data: bytes, source_file: str, sha: str, outlets: Outlets,
              meta: dict | None = None) -> tuple[dict, list, list]:
    """One file's rows: (article, authors, captions). Raises NotText for what is not an article."""
    meta = meta or {}
    decoded = decode(data)
    art, record = _read(decoded.text, outlets, manifest_evidence(meta))
    if not art.body.strip():
        raise NotText("no article text (the page holds only navigation, forms or furniture)")
    captions = [{"content_sha256": sha, "caption_position": i, "caption_text": text}
                for i, text in enumerate(art.captions, start=1)]
    row = _article_row(sha, source_file, decoded.encoding, art)
    row.update(url=meta.get("url") or record.get("url"), crawled_at=meta.get("crawled_at"))
    return row, _author_rows(sha, art), captions


def parse_files(files: pl.DataFrame, read_bytes, outlets: Outlets | None = None) -> ParsedBatch:
    """Parse each (source_file, content_sha256) in `files`; `read_bytes(sha)` returns a file's bytes."""
    outlets = outlets or load_outlets()
    files = files.with_columns(pl.lit(None, dtype).alias(c) for c, dtype in FILE_META.items() if c not in files.columns)
    articles, authors, captions, rejects = [], [], [], []
    rows = files.select("source_file", "content_sha256", *FILE_META).iter_rows(named=True)
    for row in track(rows, files.height, "parsing"):
        source_file, sha = row["source_file"], row["content_sha256"]
        try:
            article, by, caps = parse_one(read_bytes(sha), source_file, sha, outlets, row)
        except NotText as exc:
            rejects.append({"source_file": source_file, "content_sha256": sha, "stage": "parse",
                            "reason": f"not an article: {exc}"})
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not sink the batch
            rejects.append({"source_file": source_file, "content_sha256": sha, "stage": "parse",
                            "reason": f"parser error: {exc.__class__.__name__}: {exc}"})
            continue
        articles.append(article)
        authors += by
        captions += caps
    return ParsedBatch(pl.DataFrame(articles, schema=ARTICLE_SCHEMA), pl.DataFrame(authors, schema=AUTHOR_SCHEMA),
                       pl.DataFrame(captions, schema=CAPTION_SCHEMA), pl.DataFrame(rejects, schema=REJECT_SCHEMA))


def read_from(raw_dir: Path):
    """A `read_bytes` for parse_files over the content-addressed store."""
    from flows.stage.raw_store import raw_path
    return lambda sha: raw_path(raw_dir, sha).read_bytes()


def parse_stored(files: pl.DataFrame, raw_dir: Path) -> ParsedBatch:
    """parse_files over the content-addressed store: what a worker process is sent."""
    return parse_files(files, read_from(raw_dir))

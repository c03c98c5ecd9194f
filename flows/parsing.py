"""Parse: staged files to polars frames, one row per article plus its authors and captions.

Pure functions: bytes in, frames out. Files that are not articles come back as rejects with a
reason, to be quarantined; nothing raises on strange input.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from flows import datetimes
from flows.article_text import ParsedArticle, parse_article, zone_fallbacks
from flows.decoding import NotText, decode
from flows.html_input import looks_like_html, parse_html
from flows.record_input import as_record, parse_record
from flows.settings import MAX_ARTICLE_CHARS
from flows.outlets import Outlets, load_outlets
from flows.progress import track

ARTICLE_SCHEMA = {
    "content_sha256": pl.String, "article_id": pl.String, "source_file": pl.String,
    "encoding": pl.String, "headline": pl.String, "update_tag": pl.String, "slug": pl.String,
    "standfirst": pl.String, "body": pl.String, "language": pl.String, "word_count": pl.Int32,
    "published_at": pl.Datetime("us", "UTC"), "published_tz": pl.String,
    "published_offset_minutes": pl.Int32, "published_precision": pl.String, "published_basis": pl.String,
    "date_key": pl.Int32, "publisher": pl.String, "wire_service": pl.String, "dateline": pl.String,
    "dateline_city": pl.String, "editorial_note": pl.String, "url": pl.String,
    "crawled_at": pl.Datetime("us", "UTC"),
}
# What staging may know of a file beside its bytes (WARC headers, JSON-lines fields, the manifest).
FILE_META = {"url": pl.String, "crawled_at": pl.Datetime("us", "UTC"), "manifest_source": pl.String,
             "manifest_published_at": pl.String}
AUTHOR_SCHEMA = {"content_sha256": pl.String, "author_position": pl.Int32, "author_name": pl.String,
                 "author_name_native": pl.String}
CAPTION_SCHEMA = {"content_sha256": pl.String, "caption_position": pl.Int32, "caption_text": pl.String}
REJECT_SCHEMA = {"source_file": pl.String, "content_sha256": pl.String, "stage": pl.String,
                 "reason": pl.String}
# Filled by flows.annotate: offsets are into the article's body; body_length lets GX check them.
MENTION_SCHEMA = {"content_sha256": pl.String, "canonical_name": pl.String, "entity_type": pl.String,
                  "surface_form": pl.String, "char_start": pl.Int32, "char_end": pl.Int32, "body_length": pl.Int32}
QUOTE_SCHEMA = {"content_sha256": pl.String, "speaker_name": pl.String, "speaker_type": pl.String,
                "quote_text": pl.String, "char_start": pl.Int32, "char_end": pl.Int32, "body_length": pl.Int32}
ENTITY_SCHEMA = {"canonical_name": pl.String, "entity_type": pl.String, "country_code": pl.String,
                 "latitude": pl.Float64, "longitude": pl.Float64}
UNKNOWN_DATE_KEY = -1


@dataclass
class ParsedBatch:
    articles: pl.DataFrame
    authors: pl.DataFrame
    captions: pl.DataFrame
    rejects: pl.DataFrame
    mentions: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=MENTION_SCHEMA))
    quotes: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=QUOTE_SCHEMA))
    entities: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=ENTITY_SCHEMA))

    # The frames with one or more rows per article, keyed by content_sha256.
    PER_ARTICLE = ("articles", "authors", "captions", "mentions", "quotes")

    @classmethod
    def concat(cls, batches: list[ParsedBatch]) -> ParsedBatch:
        """One batch from batches parsed apart (entities are found after, on the whole)."""
        frames = ("articles", "authors", "captions", "rejects")
        return cls(**{name: pl.concat([getattr(b, name) for b in batches]) for name in frames})

    def without(self, sha256s: set[str]) -> ParsedBatch:
        """The batch less the articles with these hashes, and every row that belongs to them."""
        keep = ~pl.col("content_sha256").is_in(list(sha256s))
        return replace(self, **{name: getattr(self, name).filter(keep) for name in self.PER_ARTICLE})


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
    }


def _author_rows(sha: str, art: ParsedArticle) -> list[dict]:
    # A byline in another script names the same person as a lone Latin byline ("이민지" = "Lee Minji").
    native = art.authors_native[0] if len(art.authors) == 1 and len(art.authors_native) == 1 else None
    return [{"content_sha256": sha, "author_position": i, "author_name": name,
             "author_name_native": native if name != native else None}
            for i, name in enumerate(art.authors, start=1)]


def _apply_meta(art: ParsedArticle, meta: dict, outlets: Outlets) -> None:
    """What a manifest says beats what the text implies."""
    if meta.get("manifest_source"):
        art.publisher = outlets.canonical(meta["manifest_source"])
    stamp = datetimes.find_stamp(meta["manifest_published_at"]) if meta.get("manifest_published_at") else None
    if stamp is not None:
        art.published = datetimes.settle(stamp, zone_fallbacks(art, outlets))


def parse_one(data: bytes, source_file: str, sha: str, outlets: Outlets,
              meta: dict | None = None) -> tuple[dict, list, list]:
    """One file's rows: (article, authors, captions). Raises NotText for what is not an article."""
    meta = meta or {}
    decoded = decode(data)
    if len(decoded.text) > MAX_ARTICLE_CHARS:
        raise NotText(f"{len(decoded.text):,} characters is longer than any article "
                      f"(limit {MAX_ARTICLE_CHARS:,}, setting WIREHOUSE_MAX_ARTICLE_CHARS)")
    record = as_record(decoded.text)
    if record is not None:
        art = parse_record(record, outlets)
    elif looks_like_html(decoded.text):
        art = parse_html(decoded.text, outlets)
    else:
        art = parse_article(decoded.text, outlets)
    _apply_meta(art, meta, outlets)
    captions = [{"content_sha256": sha, "caption_position": i, "caption_text": text}
                for i, text in enumerate(art.captions, start=1)]
    row = _article_row(sha, source_file, decoded.encoding, art)
    row.update(url=meta.get("url") or (record or {}).get("url"), crawled_at=meta.get("crawled_at"))
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
    from flows.staging import raw_path
    return lambda sha: raw_path(raw_dir, sha).read_bytes()


def parse_stored(files: pl.DataFrame, raw_dir: Path) -> ParsedBatch:
    """parse_files over the content-addressed store: what a worker process is sent."""
    return parse_files(files, read_from(raw_dir))

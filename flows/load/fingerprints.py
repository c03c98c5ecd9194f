"""Paragraph fingerprints for finding republished text: MinHash signatures and LSH band hashes.

Each paragraph long enough to be more than a stock phrase gets a MinHash signature (datasketch,
with CRC-32 for the shingle hash: stable across runs and several times faster than SHA-1)
over its word shingles. Signatures are cut into bands; two paragraphs that agree on a whole band
are candidates, and the share of agreeing signature values estimates their Jaccard similarity.
The bands live in the warehouse (`paragraph_band`), so candidates are a join, not a comparison
of every pair, and a new article is compared with everything loaded before it.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

import numpy as np
import polars as pl

from flows.parse.text import fold

MIN_WORDS = 12          # shorter paragraphs are stock phrases ("The talks will continue, officials said.")
SHINGLE_WORDS = 3
NUM_PERM, BANDS = 64, 16            # 16 bands of 4 rows: pairs above ~0.5 Jaccard become candidates
ROWS = NUM_PERM // BANDS
SEED = 20230913
PARAGRAPH_SCHEMA = {"content_sha256": pl.String, "paragraph_no": pl.Int32, "char_start": pl.Int32,
                    "char_end": pl.Int32, "word_count": pl.Int32, "minhash": pl.List(pl.UInt32),
                    "bands": pl.List(pl.Int64)}
_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+")


def _shingles(tokens: list[str]) -> list[bytes]:
    return [" ".join(tokens[i:i + SHINGLE_WORDS]).encode() for i in range(len(tokens) - SHINGLE_WORDS + 1)]


def band_hashes(signatures: np.ndarray) -> np.ndarray:
    """One 63-bit hash per band of each signature row (n x NUM_PERM -> n x BANDS)."""
    rows = signatures.astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    mixed = np.zeros((len(signatures), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            mixed = mixed * np.uint64(0x100000001B3) ^ rows[:, :, r]
        mixed = mixed * np.uint64(0x9E3779B97F4A7C15) + np.arange(BANDS, dtype=np.uint64)
    return (mixed >> np.uint64(1)).astype(np.int64)


def numbered_paragraphs(body: str) -> Iterator[tuple[int, re.Match, list[str]]]:
    """Each paragraph of a body (a non-empty line) as fact_paragraph numbers it, from 1, with its
    folded words; those of MIN_WORDS words or more are the ones fact_paragraph keeps."""
    for number, match in enumerate(_PARAGRAPH.finditer(body), start=1):
        yield number, match, _WORD.findall(fold(match.group()).casefold())


def paragraphs_of(articles: pl.DataFrame) -> pl.DataFrame:
    """Fingerprints of every paragraph of MIN_WORDS or more, one row per paragraph."""
    rows, shingles = [], []
    for sha, body in articles.select("content_sha256", "body").iter_rows():
        for number, match, tokens in numbered_paragraphs(body):
            if len(tokens) >= MIN_WORDS:
                rows.append((sha, number, match.start(), match.end(), len(tokens)))
                shingles.append(_shingles(tokens))
    if not rows:
        return pl.DataFrame(schema=PARAGRAPH_SCHEMA)
    from datasketch import MinHash     # its LSH pulls in scipy: half a second a run need not pay

    signatures = np.array([m.hashvalues for m in MinHash.bulk(shingles, num_perm=NUM_PERM, seed=SEED,
                                                               hashfunc=zlib.crc32)], dtype=np.uint32)
    frame = pl.DataFrame(rows, schema=list(PARAGRAPH_SCHEMA)[:5], orient="row")
    return frame.with_columns(pl.Series("minhash", signatures).cast(pl.List(pl.UInt32)),
                              pl.Series("bands", band_hashes(signatures)).cast(pl.List(pl.Int64)))

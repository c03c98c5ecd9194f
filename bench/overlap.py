"""Benchmark syndication detection: N articles through fingerprinting and the warehouse overlap join.

The corpus is built from the paragraphs of real articles (seeds/ and tests/devset/): each new
paragraph is a real one with half its words replaced at random, so articles are distinct; one in
twenty articles republishes three paragraphs of an earlier one word for word. The run then loads
the fingerprints with the same SQL the pipeline uses and reports time, throughput, and how many
of the planted copies were found.

    .venv/bin/python bench/overlap.py --articles 100000
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.load import fingerprints as overlap
from flows.load import warehouse  # noqa: E402
from flows.parse.decoding import decode  # noqa: E402
from flows.parse.plain_text import parse_article  # noqa: E402

COPY_SHARE, COPIED_PARAGRAPHS = 0.05, 3
LOAD_STEPS = ["09_fact_paragraph.sql", "10_paragraph_band.sql", "11_fact_article_overlap.sql"]


def real_paragraphs() -> list[list[str]]:
    files = sorted((ROOT / "seeds").iterdir()) + sorted((ROOT / "tests" / "devset").glob("*.txt"))
    bodies = [parse_article(decode(p.read_bytes()).text).body for p in files]
    return [p.split() for body in bodies for p in body.split("\n\n") if len(p.split()) >= overlap.MIN_WORDS]


def copies_of(bodies: list[list[str]]) -> set[tuple[int, int]]:
    """Article pairs (1-based keys) that share an opening paragraph word for word: the planted
    copies and the copies of copies."""
    by_opening: dict[str, list[int]] = {}
    for key, paragraphs in enumerate(bodies, start=1):
        by_opening.setdefault(paragraphs[0], []).append(key)
    return {(a, b) for keys in by_opening.values() for i, a in enumerate(keys) for b in keys[i + 1:]}


def corpus(n: int, seed: int = 7) -> tuple[pl.DataFrame, set[tuple[int, int]]]:
    rng = random.Random(seed)
    pool = real_paragraphs()
    vocabulary = sorted({w for p in pool for w in p})
    bodies: list[list[str]] = []
    for i in range(n):
        paragraphs = [" ".join(w if rng.random() < 0.5 else rng.choice(vocabulary) for w in rng.choice(pool))
                      for _ in range(rng.randint(6, 12))]
        if i and rng.random() < COPY_SHARE:
            source = rng.randrange(i)
            paragraphs[:COPIED_PARAGRAPHS] = bodies[source][:COPIED_PARAGRAPHS]
        bodies.append(paragraphs)
    texts = ["\n\n".join(p) for p in bodies]
    return pl.DataFrame({"content_sha256": [hashlib.sha256(t.encode()).hexdigest() for t in texts],
                         "body": texts}), copies_of(bodies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()

    started = time.perf_counter()
    articles, planted = corpus(args.articles)
    built = time.perf_counter()
    paragraphs = overlap.paragraphs_of(articles)
    fingerprinted = time.perf_counter()

    with tempfile.TemporaryDirectory() as folder:
        con = duckdb.connect(str(Path(folder) / "bench.duckdb"))
        warehouse.apply_schema(con)
        now = dt.datetime.now(dt.timezone.utc)
        stub = articles.with_row_index("article_key", offset=1).select(
            pl.col("article_key").cast(pl.Int64), "content_sha256", article_id=pl.col("content_sha256").str.head(16),
            article_version=pl.lit(1), is_latest=pl.lit(True), source_file=pl.col("content_sha256"), body=pl.lit(""),
            word_count=pl.lit(0), date_key=pl.lit(-1), run_id=pl.lit("bench"), loaded_at=pl.lit(now))
        con.register("stub", stub.to_arrow())
        con.execute("INSERT INTO fact_article BY NAME SELECT * FROM stub")
        con.register("stg_paragraph", paragraphs.to_arrow())
        con.register("stg_run", pl.DataFrame({"run_id": ["bench"]}).to_arrow())
        con.register("stg_article", articles.select("content_sha256").to_arrow())
        timings = {}
        for step in LOAD_STEPS:
            t = time.perf_counter()
            con.execute((warehouse.BATCH_STEPS / step).read_text())
            timings[step] = time.perf_counter() - t
        found = set(con.execute("SELECT article_key_a, article_key_b FROM fact_article_overlap").fetchall())
        con.close()

    total = time.perf_counter() - started
    words = sum(len(b.split()) for b in articles["body"])
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles            {args.articles:,} ({words:,} words, {paragraphs.height:,} fingerprinted paragraphs)")
    print(f"build corpus        {built - started:8.1f} s")
    print(f"fingerprint         {fingerprinted - built:8.1f} s  ({args.articles / (fingerprinted - built):,.0f} articles/s)")
    for step, seconds in timings.items():
        print(f"{step:28}{seconds:6.1f} s")
    print(f"overlap, end to end {fingerprinted - built + sum(timings.values()):8.1f} s (corpus building excluded)")
    print(f"copied pairs        {len(planted):,}; found {len(planted & found):,} "
          f"(recall {len(planted & found) / max(len(planted), 1):.3f}); other pairs {len(found - planted):,}")
    print(f"peak memory         {peak_mib:,.0f} MiB; total {total:.1f} s")


if __name__ == "__main__":
    main()

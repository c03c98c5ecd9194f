"""Benchmark the whole `ingest` flow on N articles, against the NER floor.

The corpus is made from real articles (seeds/ and tests/devset/, five layouts and more): each
copy keeps its layout (headers, bylines, datelines, captions, furniture) while a third of the
words of its longer paragraphs are replaced, so no two articles are the same; one in ten is
saved as Windows-1252, one in twenty as UTF-16, one in ten wrapped in HTML. Then, on this machine:

1. a first run over the inbox, stage by stage: seconds, articles/s, MB/s; peak memory;
2. the NER floor: `nlp.pipe` over the same bodies on the same cores, and the ratio of
   end-to-end throughput to it;
3. a no-op re-run over the fully loaded inbox;
4. an incremental run after adding 1% new files.

    .venv/bin/python bench/pipeline.py --articles 1000
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import duckdb  # noqa: E402

from flows import ner  # noqa: E402
from flows.pipeline import ingest  # noqa: E402
from flows.text import word_count  # noqa: E402

TEMPLATES = sorted((ROOT / "seeds").iterdir()) + sorted((ROOT / "tests" / "devset").glob("*.txt"))


def variant(template: str, rng: random.Random, vocabulary: list[str], serial: int) -> str:
    lines = []
    for line in template.splitlines():
        words = line.split(" ")
        if len(words) >= 12:
            words = [w if rng.random() < 0.67 or not w.isalpha() else rng.choice(vocabulary) for w in words]
        lines.append(" ".join(words))
    return "\n".join(lines) + f"\n\nReference {serial}.\n"


def encode(text: str, rng: random.Random, serial: int) -> tuple[str, bytes]:
    roll = rng.random()
    if roll < 0.10:
        title, _, rest = text.partition("\n")
        page = (f"<!doctype html><html><head><title>{escape(title)}</title></head><body><nav>Home | World</nav>"
                f"<article><h1>{escape(title)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in rest.split("\n") if p)
                + "</article><footer>Contact us</footer></body></html>")
        return f"a{serial:06d}.html", page.encode()
    if roll < 0.20:
        return f"a{serial:06d}.txt", text.encode("cp1252", errors="replace")
    if roll < 0.25:
        return f"a{serial:06d}.txt", text.encode("utf-16")
    return f"a{serial:06d}.txt", text.encode()


def build_inbox(inbox: Path, start: int, count: int, seed: int) -> int:
    rng = random.Random(seed)
    templates = [p.read_text() for p in TEMPLATES]
    vocabulary = sorted({w for t in templates for w in t.split() if w.isalpha() and w.islower()})
    written = 0
    for serial in range(start, start + count):
        folder = inbox / f"{serial // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        name, data = encode(variant(rng.choice(templates), rng, vocabulary, serial), rng, serial)
        (folder / name).write_bytes(data)
        written += len(data)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    n = args.articles
    with tempfile.TemporaryDirectory() as folder:
        inbox, path = Path(folder) / "inbox", Path(folder) / "w" / "wirehouse.duckdb"
        size = build_inbox(inbox, 0, n, seed=1)
        print(f"corpus: {n:,} articles, {size / 2**20:,.1f} MB, {len(TEMPLATES)} real templates")

        started = time.perf_counter()
        first = ingest(inbox, path)
        elapsed = time.perf_counter() - started
        print(f"first run: {first.status}, {first.files_loaded:,} loaded, {first.files_quarantined:,} quarantined, "
              f"{elapsed:,.1f} s, {n / elapsed:,.1f} articles/s end to end")
        for stage_name, seconds in first.stage_seconds.items():
            print(f"  {stage_name:12} {seconds:8.2f} s  {n / max(seconds, 1e-9):10,.0f} articles/s  "
                  f"{size / 2**20 / max(seconds, 1e-9):8.1f} MB/s")
        print(f"  peak memory  {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB (this process)")

        with duckdb.connect(str(path), read_only=True) as con:
            bodies = [b for (b,) in con.execute("SELECT body FROM fact_article").fetchall()]
        words = sum(word_count(b) for b in bodies)
        t = time.perf_counter()
        ner.propose(bodies)
        floor = time.perf_counter() - t
        print(f"NER floor: nlp.pipe over {len(bodies):,} bodies ({words:,} words): {floor:,.1f} s, "
              f"{len(bodies) / floor:,.1f} articles/s, {words / floor:,.0f} words/s")
        print(f"end to end / NER floor: {(n / elapsed) / (len(bodies) / floor):.2f}")

        t = time.perf_counter()
        noop = ingest(inbox, path)
        print(f"no-op re-run: {time.perf_counter() - t:,.1f} s ({noop.files_skipped:,} skipped, "
              f"{noop.files_loaded} loaded)")
        build_inbox(inbox, n, max(n // 100, 1), seed=2)
        t = time.perf_counter()
        more = ingest(inbox, path)
        print(f"incremental run (+1%): {time.perf_counter() - t:,.1f} s ({more.files_loaded:,} loaded)")


if __name__ == "__main__":
    main()

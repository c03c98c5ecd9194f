"""Benchmark a whole run (what `wirehouse run` does) on N articles, against the NER floor.

The corpus is made from real articles (seeds/ and tests/devset/, five layouts and more): each
copy keeps its layout (headers, bylines, datelines, captions, furniture) while a third of the
words of its longer paragraphs are replaced, so no two articles are the same; one in ten is
saved as Windows-1252, one in twenty as UTF-16, one in ten wrapped in HTML. Then, on this machine:

1. a first run over the inbox, stage by stage: seconds, articles/s, MB/s; peak memory of this
   process and of the whole process tree (workers, fork server, Prefect's API server); the
   signals stage (tone, themes, amounts) against NER, both in the workers;
2. the NER floor: `nlp.pipe` over the loaded bodies (a sample of --floor-articles of them on a
   larger corpus) on the same cores, and the ratio of end-to-end throughput to it;
3. a no-op re-run over the fully loaded inbox, in this process and as a fresh `wirehouse run`;
4. an incremental run after adding 1% new files.

    .venv/bin/python bench/pipeline.py --articles 1000
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import duckdb  # noqa: E402

from flows import settings  # noqa: E402
from flows.entities import ner
from flows.parse.text import word_count  # noqa: E402

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


class TreeMemory:
    """Samples the proportional set size (shared pages split among their users) of this process
    and all its descendants, and keeps the peak: what the run really holds in memory."""

    def __init__(self, interval: float = 0.25):
        self.peak, self.interval, self._stop = 0, interval, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(os.getpid())))


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def report_run(label: str, summary, elapsed: float, n: int, size: int, processes: int) -> None:
    """Each stage's wall time in the flow, its CPU time, and its own speed: articles per CPU
    second, which is what one core does. Parsing and NER run on `processes` workers at once and
    have no wall time of their own (the flow waits for them); their pool's speed is given too."""
    print(f"{label}: {summary.status}, {summary.files_loaded:,} loaded, {summary.files_skipped:,} skipped, "
          f"{summary.files_quarantined:,} quarantined; {elapsed:,.1f} s, {n / elapsed:,.1f} articles/s end to end")
    print(f"  {'stage':18} {'wall s':>8} {'CPU s':>8} {'articles/CPU s':>15} {'MB/CPU s':>9}")
    for stage_name in dict.fromkeys([*summary.stage_seconds, *summary.cpu_seconds]):
        wall, cpu = summary.stage_seconds.get(stage_name), summary.cpu_seconds.get(stage_name, 0.0)
        pool = f"  ({n / (cpu / processes):,.0f} articles/s on {processes} workers)" if wall is None else ""
        # validation's CPU is the validation worker's, not this process's: it has a wall time only
        rates = f"{n / cpu:15,.0f} {size / 2**20 / cpu:9.1f}" if cpu >= 0.01 else f"{'(in a worker)':>15}"
        print(f"  {stage_name:18} {'' if wall is None else f'{wall:8.2f}':>8} {cpu:8.2f} {rates}{pool}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--floor-articles", type=int, default=10_000,
                        help="bodies the NER floor is measured on (a random sample of a larger corpus)")
    parser.add_argument("--keep", type=Path, help="build the corpus and warehouse here and keep them")
    args = parser.parse_args()
    n = args.articles
    from flows.run.loop import run as ingest  # here, not at the top: worker processes import this script
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        inbox, path = folder / "inbox", folder / "w" / "wirehouse.duckdb"
        size = build_inbox(inbox, 0, n, seed=1)
        print(f"corpus: {n:,} articles, {size / 2**20:,.1f} MB, {len(TEMPLATES)} real templates, "
              f"{os.cpu_count()} cores")

        started = time.perf_counter()
        with TreeMemory() as memory:
            first = ingest(inbox, path)
        elapsed = time.perf_counter() - started
        report_run("first run", first, elapsed, n, size, settings.current().workers)
        flow_seconds = sum(first.stage_seconds.values())
        print(f"  all stages   {flow_seconds:8.2f} s  {n / flow_seconds:10,.1f} articles/s "
              f"(the rest, {elapsed - flow_seconds:,.1f} s, is opening the warehouse and starting the workers)")
        print(f"  peak memory: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB "
              f"(RSS); whole process tree {memory.peak / 2**20:,.0f} MiB (PSS)")

        with duckdb.connect(str(path), read_only=True) as con:
            bodies = [b for (b,) in con.execute("SELECT body FROM fact_article").fetchall()]
        sample = random.Random(3).sample(bodies, min(len(bodies), args.floor_articles))
        words = sum(word_count(b) for b in sample)
        t = time.perf_counter()
        ner.propose(sample)
        floor = time.perf_counter() - t
        floor_rate = len(sample) / floor
        print(f"NER floor: nlp.pipe over {len(sample):,} bodies ({words:,} words) on {os.cpu_count()} processes: "
              f"{floor:,.1f} s, {floor_rate:,.1f} articles/s, {words / floor:,.0f} words/s")
        signals, ner_cpu = first.cpu_seconds.get("signals", 0.0), first.cpu_seconds["ner"]
        print(f"signals (tone, themes, amounts) in the workers: {signals:,.1f} CPU s, {n / signals:,.0f} articles per "
              f"CPU s, {signals / ner_cpu:.0%} of NER's {ner_cpu:,.1f} CPU s" if signals else "signals: none measured")
        print(f"end to end / NER floor: {(n / elapsed) / floor_rate:.2f} "
              f"(all stages / floor: {(n / flow_seconds) / floor_rate:.2f}; "
              f"NER in the workers / floor: {(n / (first.cpu_seconds['ner'] / settings.current().workers)) / floor_rate:.2f})")

        t = time.perf_counter()
        noop = ingest(inbox, path)
        print(f"no-op re-run, in this process: {time.perf_counter() - t:,.1f} s ({noop.files_skipped:,} skipped, "
              f"{noop.files_loaded} loaded; stage {noop.stage_seconds['stage']:.1f} s, "
              f"finish {noop.stage_seconds['finish']:.1f} s)")
        t = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("wirehouse")), "run", "--inbox", str(inbox),
                        "--warehouse", str(path)], check=True, capture_output=True)
        print(f"no-op re-run, a fresh `wirehouse run` process: {time.perf_counter() - t:,.1f} s")

        added = max(n // 100, 1)
        build_inbox(inbox, n, added, seed=2)
        t = time.perf_counter()
        more = ingest(inbox, path)
        print(f"incremental run (+1%, {added:,} files): {time.perf_counter() - t:,.1f} s "
              f"({more.files_loaded:,} loaded, {more.files_skipped:,} skipped)")
        print(f"warehouse: {path.stat().st_size / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()

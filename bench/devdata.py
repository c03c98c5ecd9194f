"""Score the pipeline on the development corpora (../shared/devdata), each loaded into a warehouse of its own.

    .venv/bin/python bench/devdata.py                      # every corpus, whole (make eval-devdata)
    .venv/bin/python bench/devdata.py --sample 100 layouts # every 100/Nth file of one corpus

Each corpus is copied (or sampled) into a temporary inbox, loaded by the plain run loop, and scored
by ../shared/eval/score_devdata.py against its gold (limited to the sampled files). The summary
lines are printed, with the seconds each load took; `--misses N` passes through to the scorer.
The corpora are research data and stay outside this repository.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIREHOUSE_SHARED", ROOT.parent / "shared"))
CORPORA = ("reuters-train", "page-copies", "layouts")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")


def sample_inbox(corpus: Path, target: Path, every: int) -> dict:
    """Copy every `every`-th file of the corpus's inbox into target; return the gold of those files."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    names = sorted(gold)[::every]
    target.mkdir(parents=True)
    for name in names:
        shutil.copy(corpus / "inbox" / name, target / name)
    return {name: gold[name] for name in names}


def score(corpus_name: str, inbox_every: int, misses: int, work: Path) -> tuple[list[str], float]:
    """Load one corpus (a sample when inbox_every > 1) and score it: (scorer's output lines, load seconds)."""
    from flows.run import loop

    corpus = SHARED / "devdata" / corpus_name
    inbox, gold_file, warehouse = work / corpus_name / "inbox", work / corpus_name / "gold.json", work / corpus_name / "w.duckdb"
    gold_file.parent.mkdir(parents=True, exist_ok=True)
    gold = sample_inbox(corpus, inbox, inbox_every)
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    started = time.perf_counter()
    loop.run(inbox, warehouse)
    seconds = time.perf_counter() - started
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score_devdata.py"), corpus_name, str(warehouse),
                             "--gold", str(gold_file), "--misses", str(misses)],
                            capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines(), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", metavar="CORPUS", help=f"any of {', '.join(CORPORA)} (default: all)")
    parser.add_argument("--sample", type=int, default=0, help="about this many files of each corpus (0: all)")
    parser.add_argument("--misses", type=int, default=0, help="list this many failing files per corpus")
    args = parser.parse_args()
    unknown = set(args.corpora) - set(CORPORA)
    if unknown:
        parser.error(f"unknown corpus {sorted(unknown)}: choose from {', '.join(CORPORA)}")
    if not (SHARED / "devdata").is_dir():
        sys.exit(f"no development corpora at {SHARED / 'devdata'} (set WIREHOUSE_SHARED)")
    with tempfile.TemporaryDirectory(prefix="wirehouse-devdata-") as work:
        for name in args.corpora or CORPORA:
            total = len(json.loads((SHARED / "devdata" / name / "gold.json").read_text(encoding="utf-8")))
            every = max(total // args.sample, 1) if args.sample else 1
            lines, seconds = score(name, every, args.misses, Path(work))
            print("\n".join(lines[:-1]))
            print(f"{lines[-1]}  [{seconds:.0f} s]", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

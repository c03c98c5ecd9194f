"""Themes measured against hand labels: precision at 1 and at 3, top-level topics and subjects apart.

The labels (tests/signals_labels.csv) name, for each article, the topics a reader agrees it is about;
they were written before the themes were first computed. The articles themselves stay in the
development corpora (../shared/devdata, ../shared/seeds): only their file names are in the repo.

    .venv/bin/python -m flows.signals.evaluation [--show]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from flows.resources import PACKAGE

LABELS = PACKAGE.parent / "tests" / "signals_labels.csv"
SHARED = PACKAGE.parent.parent / "shared"
CORPORA = {"reuters-train": SHARED / "devdata" / "reuters-train" / "inbox",
           "layouts": SHARED / "devdata" / "layouts" / "inbox", "seeds": SHARED / "seeds"}


@dataclass(frozen=True)
class Labelled:
    corpus: str
    file: str
    top_level: frozenset[str]      # full codes: "medtop:15000000"
    subjects: frozenset[str]

    @property
    def path(self) -> Path:
        return CORPORA[self.corpus] / self.file


def read_labels(path: Path = LABELS) -> list[Labelled]:
    def codes(field: str) -> frozenset[str]:
        return frozenset(f"medtop:{c}" for c in field.split())
    with open(path, newline="", encoding="utf-8") as handle:
        return [Labelled(r["corpus"], r["file"], codes(r["top_level"]), codes(r["subjects"]))
                for r in csv.DictReader(handle)]


def parsed_articles(labelled: list[Labelled]) -> pl.DataFrame:
    """The labelled articles as the pipeline parses them (headline and body apart)."""
    from flows.parse.files import parse_files

    data = {item.file: item.path.read_bytes() for item in labelled}
    shas = {name: hashlib.sha256(content).hexdigest() for name, content in data.items()}
    files = pl.DataFrame({"source_file": list(shas), "content_sha256": list(shas.values())})
    by_sha = {shas[name]: content for name, content in data.items()}
    return parse_files(files, by_sha.__getitem__).articles


def precision_at(ranked: list[list[str]], gold: list[frozenset[str]], k: int) -> float:
    """Of the first k topics given for each article (fewer when fewer were given), the share a
    reader agrees with; an article given none counts as k misses."""
    hits = sum(len(set(r[:k]) & g) for r, g in zip(ranked, gold))
    given = sum(max(len(r[:k]), 1) for r in ranked)
    return hits / given if given else 0.0


def main() -> None:
    from flows.signals.themes import load_taxonomy, themes

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print each article's themes beside its labels")
    args = parser.parse_args()
    labelled = read_labels()
    articles = {row["source_file"]: row for row in parsed_articles(labelled).iter_rows(named=True)}
    taxonomy = load_taxonomy()
    ranked = {"top-level": [], "subjects": []}
    for item in labelled:
        article = articles[item.file]
        found = themes(article["headline"], article["body"], taxonomy)
        top = [t.code for t in found if t.level == 1]
        sub = [t.code for t in found if t.level > 1]
        ranked["top-level"].append(top)
        ranked["subjects"].append(sub)
        if args.show:
            print(f"{item.file}: {(article['headline'] or '')[:70]}")
            for theme in found:
                mark = "+" if theme.code in item.top_level | item.subjects else "-"
                print(f"   {mark} {theme.code[7:]} {taxonomy.topics[theme.code].label} {theme.score:.1f} | {theme.evidence}")
    print(f"{len(labelled)} labelled articles")
    for level, gold in (("top-level", [i.top_level for i in labelled]), ("subjects", [i.subjects for i in labelled])):
        given = sum(1 for r in ranked[level] if r)
        print(f"{level:10} P@1 {precision_at(ranked[level], gold, 1):.3f}   P@3 {precision_at(ranked[level], gold, 3):.3f}"
              f"   (articles given any: {given}/{len(labelled)})")


if __name__ == "__main__":
    main()

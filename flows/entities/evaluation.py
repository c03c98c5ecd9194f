"""Score entity and quotation extraction against a hand-annotated dev set.

The dev set is a folder of article files and an `annotations.json` (see tests/devset). Entities
are compared per article as (canonical name, type); quotations by the text they contain, then by
speaker. Nothing here touches a warehouse: files go through the same parse and annotate code.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows.entities.annotate import annotate
from flows.entities.gazetteer import identity_key
from flows.parse.files import parse_files
from flows.parse.text import fold

SCORED_TYPES = ("PERSON", "ORG", "LOC")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    entities: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in SCORED_TYPES})
    quotes: Tally = field(default_factory=Tally)
    speakers_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def all_entities(self) -> Tally:
        return Tally(*(sum(getattr(t, k) for t in self.entities.values()) for k in ("tp", "fp", "fn")))

    def lines(self) -> list[str]:
        rows = [f"{'':10} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for name, t in [*self.entities.items(), ("entities", self.all_entities), ("quotes", self.quotes)]:
            rows.append(f"{name:10} {t.precision:9.3f} {t.recall:7.3f} {t.f1:6.3f} {t.tp:4} {t.fp:4} {t.fn:4}")
        found = self.quotes.tp
        rows.append(f"speakers right on found quotes: {self.speakers_right}/{found}"
                    f" ({self.speakers_right / found if found else 0:.3f})")
        return rows


def _score_entities(report: Report, name: str, gold: list[dict], predicted: set[tuple[str, str]]) -> None:
    unmatched = set(predicted)
    for entity in gold:
        keys = {(identity_key(n), entity["type"]) for n in [entity["name"], *entity.get("also", [])]}
        hit = keys & unmatched
        if hit:
            report.entities[entity["type"]].tp += 1
            unmatched -= hit
        else:
            report.entities[entity["type"]].fn += 1
            report.misses.append(f"{name}: missed {entity['type']} {entity['name']}")
    for key, etype in sorted(unmatched):
        report.entities[etype].fp += 1
        report.misses.append(f"{name}: extra {etype} {key}")


def _score_quotes(report: Report, name: str, gold: list[dict], predicted: list[tuple[str, str | None]]) -> None:
    unused = list(predicted)
    for quote in gold:
        want = fold(quote["text_contains"]).casefold()
        candidates = sorted((q for q in unused if want in fold(q[0]).casefold()), key=lambda q: len(q[0]))
        if not candidates:
            report.quotes.fn += 1
            report.misses.append(f"{name}: missed quote {quote['text_contains'][:40]!r}")
            continue
        text, speaker = candidates[0]
        unused.remove(candidates[0])
        report.quotes.tp += 1
        wanted = quote["speaker"] if isinstance(quote["speaker"], list) else [quote["speaker"]]
        right = any((speaker is None and w is None) or (speaker is not None and w is not None
                                                         and identity_key(speaker) == identity_key(w)) for w in wanted)
        report.speakers_right += right
        if not right:
            report.misses.append(f"{name}: quote {quote['text_contains'][:30]!r} by {speaker}, not {quote['speaker']}")
    report.quotes.fp += len(unused)
    report.misses += [f"{name}: extra quote {text[:40]!r}" for text, _ in unused]


def evaluate(devset: Path, processes: int | None = None) -> Report:
    devset = Path(devset)
    annotations = json.loads((devset / "annotations.json").read_text(encoding="utf-8"))["articles"]
    data = {name: (devset / name).read_bytes() for name in annotations}
    sha = {name: hashlib.sha256(raw).hexdigest() for name, raw in data.items()}
    by_sha = {sha[name]: raw for name, raw in data.items()}
    files = pl.DataFrame({"source_file": list(data), "content_sha256": [sha[n] for n in data]})
    batch = annotate(parse_files(files, by_sha.__getitem__), processes=processes)
    report = Report()
    for name, gold in annotations.items():
        mentions = batch.mentions.filter(pl.col("content_sha256") == sha[name])
        predicted = {(identity_key(n), t) for n, t in mentions.select("canonical_name", "entity_type").iter_rows()
                     if t in SCORED_TYPES}
        _score_entities(report, name, gold["entities"], predicted)
        quotes = batch.quotes.filter(pl.col("content_sha256") == sha[name]).sort("char_start")
        _score_quotes(report, name, gold["quotes"], list(quotes.select("quote_text", "speaker_name").iter_rows()))
    return report


"""Score entity and quotation extraction against a hand-annotated corpus.

Two forms of corpus, told apart by their gold file:
- a dev set: article files and an `annotations.json` (see tests/devset). Entities are compared per
  article as (canonical name, type); quotations by the text they contain, then by speaker.
- a surface-form corpus in the reuters-train form: article files (in the folder or its `inbox/`)
  and a `gold.json` mapping each file name to {"entities": [[surface, type], ...]}. Entities are
  compared per article as sets of (folded surface form, type), exactly as the shared scorer
  (score_devdata.py) scores a warehouse loaded from the corpus.
Nothing here touches a warehouse: files go through the same parse and annotate code as a run.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows.entities.annotate import annotate
from flows.entities.gazetteer import identity_key
from flows.parse.files import parse_files
from flows.parse.text import fold

SCORED_TYPES = ("PERSON", "ORG", "LOC")
DEVSET_GOLD, SURFACE_GOLD = "annotations.json", "gold.json"
# The gold's type names as the shared scorer maps them.
GOLD_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
WORST_SHOWN = 25        # articles `--misses` lists, worst first


def fold_surface(text: str) -> str:
    """A surface form as the shared scorer compares it: case, quotes, hyphens and spaces folded,
    no leading Mr/Mrs/Ms/Dr, no trailing possessive or full stop."""
    text = (text or "").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = re.sub(r"^(mr|mrs|ms|dr)\.? ", "", text)
    return re.sub(r"'s$", "", text).rstrip(".")


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

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass
class ArticleMisses:
    name: str
    lines: list[str] = field(default_factory=list)     # "missed ORG Foreign Ministry", as written


@dataclass
class Report:
    entities: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in SCORED_TYPES})
    all_entities: Tally = field(default_factory=Tally)
    quotes: Tally | None = None          # None: the corpus has no quotations
    speakers_right: int = 0
    articles: list[ArticleMisses] = field(default_factory=list)

    def lines(self) -> list[str]:
        rows = [f"{'':10} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        tallies = [*self.entities.items(), ("entities", self.all_entities)]
        for name, t in tallies + ([("quotes", self.quotes)] if self.quotes is not None else []):
            rows.append(f"{name:10} {t.precision:9.3f} {t.recall:7.3f} {t.f1:6.3f} {t.tp:5} {t.fp:5} {t.fn:5}")
        if self.quotes is not None:
            found = self.quotes.tp
            rows.append(f"speakers right on found quotes: {self.speakers_right}/{found}"
                        f" ({self.speakers_right / found if found else 0:.3f})")
        return rows

    def miss_lines(self, limit: int = WORST_SHOWN) -> list[str]:
        """The articles with the most errors, each with what it missed and what it added."""
        worst = sorted((a for a in self.articles if a.lines), key=lambda a: (-len(a.lines), a.name))[:limit]
        return [f"{a.name}: {line}" for a in worst for line in a.lines]


# --- running the pipeline's code over a folder -----------------------------------------------

def _annotated(files: dict[str, bytes], processes: int | None):
    """The parsed and annotated batch of these files, and each file's content hash."""
    sha = {name: hashlib.sha256(raw).hexdigest() for name, raw in files.items()}
    by_sha = {sha[name]: raw for name, raw in files.items()}
    frame = pl.DataFrame({"source_file": list(files), "content_sha256": [sha[n] for n in files]})
    return annotate(parse_files(frame, by_sha.__getitem__), processes=processes), sha


def _rows(frame: pl.DataFrame, sha: str, *columns: str) -> list[tuple]:
    return list(frame.filter(pl.col("content_sha256") == sha).sort("char_start").select(*columns).iter_rows())


# --- a dev set: canonical names and quotations -------------------------------------------------

def _score_entities(report: Report, misses: ArticleMisses, gold: list[dict], predicted: dict[tuple, str]) -> None:
    """`predicted` maps (identity key, type) to the canonical name as written."""
    unmatched = dict(predicted)
    for entity in gold:
        keys = {(identity_key(n), entity["type"]) for n in [entity["name"], *entity.get("also", [])]}
        hit = keys & unmatched.keys()
        tally = report.entities[entity["type"]]
        if hit:
            tally.tp += 1
            report.all_entities.tp += 1
            for key in hit:
                del unmatched[key]
        else:
            tally.fn += 1
            report.all_entities.fn += 1
            misses.lines.append(f"missed {entity['type']} {entity['name']}")
    for (_, etype), name in sorted(unmatched.items()):
        report.entities[etype].fp += 1
        report.all_entities.fp += 1
        misses.lines.append(f"extra {etype} {name}")


def _score_quotes(report: Report, misses: ArticleMisses, gold: list[dict],
                  predicted: list[tuple[str, str | None]]) -> None:
    unused = list(predicted)
    for quote in gold:
        want = fold(quote["text_contains"]).casefold()
        candidates = sorted((q for q in unused if want in fold(q[0]).casefold()), key=lambda q: len(q[0]))
        if not candidates:
            report.quotes.fn += 1
            misses.lines.append(f"missed quote {quote['text_contains'][:40]!r}")
            continue
        _, speaker = candidates[0]
        unused.remove(candidates[0])
        report.quotes.tp += 1
        wanted = quote["speaker"] if isinstance(quote["speaker"], list) else [quote["speaker"]]
        right = any((speaker is None and w is None) or (speaker is not None and w is not None
                                                         and identity_key(speaker) == identity_key(w)) for w in wanted)
        report.speakers_right += right
        if not right:
            misses.lines.append(f"quote {quote['text_contains'][:30]!r} by {speaker}, not {quote['speaker']}")
    report.quotes.fp += len(unused)
    misses.lines += [f"extra quote {text[:40]!r}" for text, _ in unused]


def _evaluate_devset(folder: Path, processes: int | None) -> Report:
    annotations = json.loads((folder / DEVSET_GOLD).read_text(encoding="utf-8"))["articles"]
    batch, sha = _annotated({name: (folder / name).read_bytes() for name in annotations}, processes)
    report = Report(quotes=Tally())
    for name, gold in annotations.items():
        misses = ArticleMisses(name)
        entities = _rows(batch.mentions, sha[name], "canonical_name", "entity_type")
        predicted = {(identity_key(n), t): n for n, t in entities if t in SCORED_TYPES}
        _score_entities(report, misses, gold["entities"], predicted)
        _score_quotes(report, misses, gold["quotes"], _rows(batch.quotes, sha[name], "quote_text", "speaker_name"))
        report.articles.append(misses)
    return report


# --- a surface-form corpus (reuters-train) ----------------------------------------------------

def _by_key(pairs) -> dict[tuple[str, str], str]:
    """(folded surface, type) -> the first surface form written for it."""
    found: dict[tuple[str, str], str] = {}
    for surface, etype in pairs:
        found.setdefault((fold_surface(surface), GOLD_TYPES.get(etype, etype)), surface)
    return found


def _evaluate_surfaces(folder: Path, processes: int | None) -> Report:
    gold_entities = {name: _by_key(g["entities"])
                     for name, g in json.loads((folder / SURFACE_GOLD).read_text(encoding="utf-8")).items()}
    articles = folder / "inbox" if (folder / "inbox").is_dir() else folder
    names = [name for name in gold_entities if (articles / name).is_file()]
    batch, sha = _annotated({name: (articles / name).read_bytes() for name in names}, processes)
    report = Report()
    for name, gold in gold_entities.items():
        predicted = _by_key(_rows(batch.mentions, sha[name], "surface_form", "entity_type")) if name in sha else {}
        report.all_entities.add(set(gold), set(predicted))
        for etype, tally in report.entities.items():
            tally.add({k for k in gold if k[1] == etype}, {k for k in predicted if k[1] == etype})
        misses = ArticleMisses(name, [f"missed {k[1]} {gold[k]}" for k in gold if k not in predicted]
                               + [f"extra {k[1]} {predicted[k]}" for k in predicted if k not in gold])
        report.articles.append(misses)
    return report


def evaluate(folder: Path, processes: int | None = None) -> Report:
    """Score the corpus in `folder`: a dev set (annotations.json) or a surface-form corpus (gold.json)."""
    folder = Path(folder)
    if (folder / DEVSET_GOLD).is_file():
        return _evaluate_devset(folder, processes)
    if (folder / SURFACE_GOLD).is_file():
        return _evaluate_surfaces(folder, processes)
    raise FileNotFoundError(f"{folder} holds neither {DEVSET_GOLD} nor {SURFACE_GOLD}")

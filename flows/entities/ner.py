"""Named-entity proposals from the pinned spaCy pipeline, batched, on every core, cached by content.

The model only proposes: `flows/entities/mentions.py` decides what a mention is and who it refers to.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from flows import settings
from flows.progress import track
from flows.stage.raw_store import JsonStore

# Only tok2vec and ner are needed for entities.
EXCLUDED_PIPES = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
# PERSON, ORG and places become mentions; the others are names of no stored type that keep their
# words out of the mentions around them (PRODUCT and LANGUAGE: +0.0007 F1 on Reuters).
LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT",
                    "LANGUAGE"})
# Worker processes pay for themselves only on batches this large.
MULTIPROCESS_MIN_DOCS = 64
BATCH_SIZE = 32
# spaCy refuses texts past nlp.max_length; long bodies go through in paragraph-aligned chunks.
CHUNK_CHARS = 100_000

Span = tuple[int, int, str]          # start, end (exclusive), label


def default_model() -> str:
    return settings.current().spacy_model


@lru_cache(maxsize=2)
def load_model(name: str | None = None):
    import spacy

    return spacy.load(name or default_model(), exclude=EXCLUDED_PIPES)


def model_id(name: str | None = None) -> str:
    nlp = load_model(name)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', name or default_model())}-{nlp.meta.get('version', '0')}"


def _chunks(body: str) -> list[tuple[int, str]]:
    """(offset, text) pieces no longer than CHUNK_CHARS, cut at paragraph or line breaks."""
    pieces, start = [], 0
    while len(body) - start > CHUNK_CHARS:
        cut = body.rfind("\n", start, start + CHUNK_CHARS)
        cut = cut if cut > start else start + CHUNK_CHARS
        pieces.append((start, body[start:cut]))
        start = cut
    pieces.append((start, body[start:]))
    return pieces


def propose(bodies: list[str], model: str | None = None, processes: int | None = None) -> list[list[Span]]:
    """Entity spans the model proposes for each body, as character offsets into that body."""
    pieces = [(i, offset, text) for i, body in enumerate(bodies) for offset, text in _chunks(body)]
    if processes is None:
        processes = min(os.cpu_count() or 1, 2) if len(pieces) >= MULTIPROCESS_MIN_DOCS else 1
    out: list[list[Span]] = [[] for _ in bodies]
    docs = load_model(model).pipe((text for _, _, text in pieces), batch_size=BATCH_SIZE, n_process=processes)
    for (i, offset, _), doc in track(zip(pieces, docs), len(pieces), "finding entities"):
        out[i] += [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS]
    return out


class SpanCache(JsonStore):
    """Proposals stored by the hash of the body they were found in, the model and the labels kept:
    a body is never run through NER twice, and neither a new parser (another body from the same
    file) nor a change of LABELS reads old proposals."""

    def __init__(self, folder: Path, model: str | None = None):
        labels = hashlib.sha256(",".join(sorted(LABELS)).encode()).hexdigest()[:8]
        super().__init__(Path(folder) / f"{model_id(model)}-{labels}")

    def get(self, sha256: str) -> list[Span] | None:
        spans = super().get(sha256)
        return None if spans is None else [tuple(s) for s in spans]


def propose_cached(items: list[tuple[str, str]], cache: SpanCache | None, model: str | None = None,
                   processes: int | None = None) -> dict[str, list[Span]]:
    """Spans for each (article sha256, body), by article; computed only for bodies the cache does not hold."""
    keys = {sha: hashlib.sha256(body.encode()).hexdigest() for sha, body in items}
    found = {sha: cache.get(keys[sha]) for sha, _ in items} if cache else {}
    todo = [(sha, body) for sha, body in items if found.get(sha) is None]
    for (sha, _), spans in zip(todo, propose([body for _, body in todo], model, processes)):
        found[sha] = spans
        if cache:
            cache.put(keys[sha], spans)
    return found

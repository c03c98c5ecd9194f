"""Entities and quotations for a parsed batch, as frames ready to validate and load."""
from __future__ import annotations

import polars as pl

from flows.batch import ENTITY_SCHEMA, MENTION_SCHEMA, QUOTE_SCHEMA, ParsedBatch
from flows.entities import ner
from flows.entities.gazetteer import Gazetteer, load_gazetteer
from flows.entities.identity import canonicalize, resolve_in_article
from flows.entities.lines import read_body
from flows.entities.mentions import Mention, article_mentions, propagate
from flows.entities.quotes import find_quotes


def batch_mentions(bodies: list[str], spans: list, gaz: Gazetteer) -> list[list[Mention]]:
    """Each body's mentions of people, organizations and places, found again across the batch and
    resolved within their article."""
    read = [read_body(body, gaz) for body in bodies]
    per_article = [article_mentions(body, body_spans, gaz, body=r) for body, body_spans, r in zip(bodies, spans, read)]
    propagate(list(zip(bodies, per_article)), gaz, read)
    for mentions in per_article:
        resolve_in_article(mentions, gaz)
    return per_article


def annotate(batch: ParsedBatch, existing: list[tuple[str, str, int]] = (), cache: ner.SpanCache | None = None,
             model: str | None = None, gaz: Gazetteer | None = None,
             processes: int | None = None, spans: dict | None = None) -> ParsedBatch:
    """The batch with its mentions, quotes and entities filled in.

    `existing` lists the warehouse's entities (canonical_name, entity_type, mentions) so that
    names keep the identity earlier runs gave them. `spans` are the model's proposals by content
    hash when they were computed elsewhere (on a cluster); otherwise the model runs here.
    """
    gaz = gaz or load_gazetteer()
    items = list(batch.articles.select("content_sha256", "body").iter_rows())
    if spans is None:
        spans = ner.propose_cached(items, cache, model, processes)
    per_article = batch_mentions([body for _, body in items], [spans[sha] for sha, _ in items], gaz)
    entities = canonicalize(per_article, gaz, existing)

    mention_rows, quote_rows = [], []
    for (sha, body), mentions in zip(items, per_article):
        mention_rows += [{"content_sha256": sha, "canonical_name": m.canonical, "entity_type": m.type,
                          "surface_form": body[m.start:m.end], "char_start": m.start, "char_end": m.end,
                          "body_length": len(body)} for m in mentions]
        quote_rows += [{"content_sha256": sha, "speaker_name": q.speaker.canonical if q.speaker else None,
                        "speaker_type": q.speaker.type if q.speaker else None, "quote_text": q.text,
                        "char_start": q.start, "char_end": q.end, "body_length": len(body)}
                       for q in find_quotes(body, mentions, gaz)]
    batch.mentions = pl.DataFrame(mention_rows, schema=MENTION_SCHEMA)
    batch.quotes = pl.DataFrame(quote_rows, schema=QUOTE_SCHEMA)
    batch.entities = pl.DataFrame([vars(e) for e in entities], schema=ENTITY_SCHEMA)
    return batch

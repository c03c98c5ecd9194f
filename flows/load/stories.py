"""Stories: articles that report the same event, clustered as they arrive.

A new article joins the story it resembles most: one holding an article it shares text with, or
one whose most mentioned people, organizations and places overlap its own, published within a
few days of it. An article without a date joins by content alone. An article that resembles no
story starts one of its own. Each article is compared with stories, not with every article, so
the cost grows with the number of stories its entities lead to.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from flows.resources import sql_text

TOP_ENTITIES = 8
MIN_SHARED_ENTITIES = 2
MIN_OVERLAP_COEFFICIENT = 0.5       # shared top entities / the smaller of the two lists, weighted by rarity
WINDOW = dt.timedelta(days=3)


def _day(date_key: int) -> dt.date | None:
    return None if date_key == -1 else dt.date(date_key // 10000, date_key // 100 % 100, date_key % 100)


@dataclass
class _Story:
    key: int
    entities: Counter = field(default_factory=Counter)
    first: dt.date | None = None
    last: dt.date | None = None

    def add(self, entities: list[int], day: dt.date | None) -> None:
        self.entities.update(entities)
        if day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def resemblance(self, entities: list[int], day: dt.date | None, rarity: dict[int, float]) -> float:
        """The shared share of the smaller of the two lists of main entities, each entity weighted
        by its rarity: sharing a union and a minister says more than sharing "Europe"."""
        if day is not None and self.first is not None and not (self.first - WINDOW <= day <= self.last + WINDOW):
            return 0.0
        top = [e for e, _ in self.entities.most_common(TOP_ENTITIES)]
        shared = set(top) & set(entities)
        if len(shared) < MIN_SHARED_ENTITIES:
            return 0.0
        def weight(keys) -> float:
            return sum(rarity.get(e, 1.0) for e in keys)
        return weight(shared) / min(weight(top), weight(set(entities)))


def _rarity(con: duckdb.DuckDBPyConnection) -> dict[int, float]:
    """entity_key -> 1 + log(articles / articles naming it), over the latest versions: the inverse
    document frequency of each entity."""
    rows = con.execute(sql_text("stories/entity_rarity.sql")).fetchall()
    return {entity: 1.0 + math.log(total / naming) for entity, naming, total in rows}


class _Stories:
    """The stories the articles of this batch may join, and the articles already placed in them."""

    def __init__(self, rarity: dict[int, float], copies: dict[int, set[int]]):
        self.rarity, self.copies = rarity, copies
        self.stories: dict[int, _Story] = {}
        self.by_entity: dict[int, set[int]] = defaultdict(set)     # entity -> stories it appears in
        self.story_of: dict[int, int] = {}                         # article -> story
        self.fresh = 0                       # new stories get negative ids until they have keys

    def place(self, article: int, story: int, entities: list[int], day) -> None:
        self.stories.setdefault(story, _Story(story)).add(entities, day)
        for entity in entities:
            self.by_entity[entity].add(story)
        self.story_of[article] = story

    def choose(self, article: int, entities: list[int], day, earlier_version_story: int | None) -> int:
        """An edited file stays in its story; an article that copies text joins the copied one's;
        else the story it most resembles, if enough; else a new one."""
        if earlier_version_story is not None:
            return earlier_version_story
        copied = [self.story_of[other] for other in self.copies[article] if other in self.story_of]
        if copied:
            return copied[0]
        candidates = {s for e in entities for s in self.by_entity[e]}
        score, best = max(((self.stories[s].resemblance(entities, day, self.rarity), s) for s in candidates),
                          default=(0.0, None))
        if best is not None and score >= MIN_OVERLAP_COEFFICIENT:
            return best
        self.fresh -= 1
        return self.fresh


def _copies(con: duckdb.DuckDBPyConnection) -> dict[int, set[int]]:
    copies = defaultdict(set)
    for a, b in con.execute("SELECT article_key_a, article_key_b FROM fact_article_overlap").fetchall():
        copies[a].add(b)
        copies[b].add(a)
    return copies


def assign(con: duckdb.DuckDBPyConnection) -> None:
    """Give every article without a story a story_key, creating dim_story rows as needed."""
    rows = con.execute(sql_text("stories/article_top_entities.sql"), {"top": TOP_ENTITIES}).fetchall()
    placed = _Stories(_rarity(con), _copies(con))
    new = []
    for key, date_key, story, is_new, entities, earlier in rows:
        if is_new:
            new.append((key, _day(date_key), entities, earlier))
        elif story is not None:
            placed.place(key, story, entities, _day(date_key))
    for key, day, entities, earlier in new:
        placed.place(key, placed.choose(key, entities, day, earlier), entities, day)
    first_key = con.execute("SELECT coalesce(max(story_key), 0) + 1 FROM dim_story").fetchone()[0]
    con.execute("INSERT INTO dim_story (story_key, article_count) SELECT ?::INTEGER + range, 0 FROM range(?)",
                [first_key, -placed.fresh])
    real = {-(i + 1): first_key + i for i in range(-placed.fresh)}
    assignments = pa.table({"article_key": [k for k, *_ in new],
                            "story_key": [real.get(placed.story_of[k], placed.story_of[k]) for k, *_ in new]})
    con.register("stg_story_assignment", assignments)
    con.execute("""UPDATE fact_article AS f SET story_key = s.story_key
                   FROM stg_story_assignment AS s WHERE f.article_key = s.article_key""")
    con.unregister("stg_story_assignment")


def refresh(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Label, time span and size of every story the run added articles to."""
    con.execute(sql_text("stories/refresh_dim_story.sql"), {"run_id": run_id})

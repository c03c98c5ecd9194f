"""Stories: articles that report the same event, clustered as they arrive.

A new article joins the story of the loaded (or earlier new) article it resembles most: one it
shares text with, or one whose most mentioned people, organizations and places overlap its own,
published within a few days of it. An article without a date joins by content alone. An article
that resembles nothing starts a story of its own.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa

STORY_SQL = Path(__file__).resolve().parent.parent / "sql" / "stories"
TOP_ENTITIES = 8
MIN_SHARED_ENTITIES = 2
MIN_OVERLAP_COEFFICIENT = 0.5       # shared top entities / the smaller of the two lists
WINDOW = dt.timedelta(days=3)


def _day(date_key: int) -> dt.date | None:
    return None if date_key == -1 else dt.date(date_key // 10000, date_key // 100 % 100, date_key % 100)


def _resembles(a: dict, b: dict, copies: set[tuple[int, int]]) -> float:
    """How strongly two articles look like one story: 1 for shared text, else entity overlap."""
    if (min(a["key"], b["key"]), max(a["key"], b["key"])) in copies:
        return 1.0
    day_a, day_b = _day(a["date_key"]), _day(b["date_key"])
    if day_a and day_b and abs(day_a - day_b) > WINDOW:
        return 0.0
    shared = len(set(a["entities"]) & set(b["entities"]))
    if shared < MIN_SHARED_ENTITIES:
        return 0.0
    return shared / min(len(a["entities"]), len(b["entities"]))


def assign(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Give every article of this run a story_key, creating dim_story rows as needed."""
    rows = con.execute((STORY_SQL / "article_top_entities.sql").read_text(),
                       {"run_id": run_id, "top": TOP_ENTITIES}).fetchall()
    articles = [{"key": k, "date_key": d, "story": s, "new": new, "entities": e} for k, d, s, new, e in rows]
    copies = set(con.execute("SELECT article_key_a, article_key_b FROM fact_article_overlap").fetchall())
    placed = [a for a in articles if not a["new"] and a["story"] is not None]
    fresh = 0                                   # new stories get negative ids until they have keys
    for article in (a for a in articles if a["new"]):
        score, best = max(((_resembles(article, other, copies), other) for other in placed),
                          key=lambda pair: pair[0], default=(0.0, None))
        if best is not None and score >= MIN_OVERLAP_COEFFICIENT:
            article["story"] = best["story"]
        else:
            fresh -= 1
            article["story"] = fresh
        placed.append(article)
    keys = [row[0] for row in con.execute(
        "INSERT INTO dim_story (article_count) SELECT 0 FROM range(?) RETURNING story_key", [-fresh]).fetchall()]
    story_of = {-(i + 1): key for i, key in enumerate(sorted(keys))}
    assignments = pa.table({"article_key": [a["key"] for a in articles if a["new"]],
                            "story_key": [story_of.get(a["story"], a["story"]) for a in articles if a["new"]]})
    con.register("stg_story_assignment", assignments)
    con.execute("""UPDATE fact_article AS f SET story_key = s.story_key
                   FROM stg_story_assignment AS s WHERE f.article_key = s.article_key""")
    con.unregister("stg_story_assignment")
    con.execute((STORY_SQL / "refresh_dim_story.sql").read_text(), {"run_id": run_id})

"""Articles like this one: `wirehouse search --like ARTICLE_KEY` (the query: sql/like/articles_like.sql).

Two articles are alike when they name the same people, organizations and places, are about the same
topics and use the same words; a shared name or topic counts for more the fewer articles have it.
The words are the article's headline and lead, matched against the full-text index.
"""
from __future__ import annotations

import duckdb

from flows.resources import SQL

LIKE_SQL = SQL / "like" / "articles_like.sql"
# How much of the body's start joins the headline as the article's own words.
LEAD_CHARS = 400


class NoSuchArticle(LookupError):
    """The warehouse has no article with that key."""


def alike(con: duckdb.DuckDBPyConnection, article_key: int, limit: int = 10) -> duckdb.DuckDBPyRelation:
    """The articles most like `article_key`, best first: article, score, entities, topics, terms,
    day, source, title (the fts extension loaded on `con`)."""
    row = con.execute("SELECT concat_ws(' ', headline, left(body, ?)) FROM fact_article WHERE article_key = ?",
                      [LEAD_CHARS, article_key]).fetchone()
    if row is None:
        raise NoSuchArticle(f"no article {article_key} in the warehouse")
    return con.sql(LIKE_SQL.read_text(encoding="utf-8"),
                   params={"article_key": article_key, "terms": row[0], "limit": limit})

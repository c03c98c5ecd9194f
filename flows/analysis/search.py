"""Full-text search: a BM25 index over headline and body, from the pinned fts extension package.

The extension binary ships in the `duckdb-extension-fts` wheel, so nothing is downloaded.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import duckdb_extension_fts

from flows.resources import SQL

EXTENSION = next((Path(duckdb_extension_fts.__file__).parent / "extensions").glob("v*/fts.duckdb_extension"))
SEARCH_SQL = SQL / "analysis" / "search_articles.sql"


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"INSTALL '{EXTENSION}'")
    con.execute("LOAD fts")


def has_index(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_fact_article'").fetchone()[0] > 0


def rebuild_index(con: duckdb.DuckDBPyConnection) -> None:
    load_fts(con)
    con.execute("PRAGMA create_fts_index('fact_article', 'article_key', 'headline', 'body', overwrite=1)")


def matches(con: duckdb.DuckDBPyConnection, query: str, limit: int = 10) -> duckdb.DuckDBPyRelation:
    """The articles matching `query`, best first: article_key, score, day, source, file, title
    (the fts extension loaded on `con`)."""
    return con.sql(SEARCH_SQL.read_text(encoding="utf-8"), params={"query": query, "limit": limit})


def search(warehouse: Path, query: str, limit: int = 10) -> list[tuple]:
    """The rows of `matches` in a warehouse file."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        load_fts(con)
        return matches(con, query, limit).fetchall()

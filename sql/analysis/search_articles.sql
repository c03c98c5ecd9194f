-- search_articles: one row is one article version matching $query, best BM25 score first.
-- The same query from the DuckDB shell: LOAD fts; then this file with $query and $limit replaced.
SELECT a.article_key AS article,
       round(fts_main_fact_article.match_bm25(a.article_key, $query), 3) AS score,
       d.date AS day,
       coalesce(p.source_name, w.source_name) AS source,
       a.source_file AS file,
       left(coalesce(a.headline, a.body), 40) AS title
FROM fact_article AS a
LEFT JOIN dim_source AS p ON p.source_key = a.source_key
LEFT JOIN dim_source AS w ON w.source_key = a.wire_source_key
JOIN dim_date AS d USING (date_key)
WHERE score IS NOT NULL AND a.is_latest
ORDER BY score DESC, a.article_key
LIMIT $limit;

-- articles_like: one row is one other article (latest versions only) that shares entities, topics
-- or terms with article $article_key, most alike first.
-- score = shared entities and shared topics, each weighted by its rarity among the latest articles
-- (ln(articles / articles with it)), plus the BM25 match of the article's own words ($terms: its
-- headline and lead) in the full-text index. Needs the fts extension loaded (LOAD fts).
WITH latest AS (
    SELECT article_key FROM fact_article WHERE is_latest
),
total AS (
    SELECT count(*)::DOUBLE AS articles FROM latest
),
mentioned AS (
    SELECT DISTINCT m.article_key, m.entity_key FROM fact_entity_mention AS m JOIN latest USING (article_key)
),
entity_rarity AS (      -- only the entities the article names
    SELECT entity_key, ln((SELECT articles FROM total) / count(*)) AS rarity
    FROM mentioned
    WHERE entity_key IN (SELECT entity_key FROM fact_entity_mention WHERE article_key = $article_key)
    GROUP BY entity_key
),
themed AS (
    SELECT b.article_key, b.theme_key FROM bridge_article_theme AS b JOIN latest USING (article_key)
),
theme_rarity AS (       -- only the topics the article is about
    SELECT theme_key, ln((SELECT articles FROM total) / count(*)) AS rarity
    FROM themed
    WHERE theme_key IN (SELECT theme_key FROM bridge_article_theme WHERE article_key = $article_key)
    GROUP BY theme_key
),
shared_entities AS (
    SELECT o.article_key, count(*) AS entities, sum(r.rarity) AS weight
    FROM mentioned AS o JOIN entity_rarity AS r USING (entity_key)
    WHERE o.article_key <> $article_key
    GROUP BY o.article_key
),
shared_themes AS (
    SELECT o.article_key, count(*) AS themes, sum(r.rarity) AS weight
    FROM themed AS o JOIN theme_rarity AS r USING (theme_key)
    WHERE o.article_key <> $article_key
    GROUP BY o.article_key
),
shared_terms AS (
    SELECT article_key, fts_main_fact_article.match_bm25(article_key, $terms) AS weight
    FROM latest
    WHERE article_key <> $article_key
)
SELECT a.article_key AS article,
       round(coalesce(e.weight, 0) + coalesce(t.weight, 0) + coalesce(w.weight, 0), 3) AS score,
       coalesce(e.entities, 0) AS entities,
       coalesce(t.themes, 0) AS topics,
       round(coalesce(w.weight, 0), 3) AS terms,
       d.date AS day,
       coalesce(p.source_name, s.source_name) AS source,
       left(coalesce(a.headline, a.body), 28) AS title
FROM fact_article AS a
JOIN latest USING (article_key)
JOIN dim_date AS d USING (date_key)
LEFT JOIN shared_entities AS e USING (article_key)
LEFT JOIN shared_themes AS t USING (article_key)
LEFT JOIN shared_terms AS w USING (article_key)
LEFT JOIN dim_source AS p ON p.source_key = a.source_key
LEFT JOIN dim_source AS s ON s.source_key = a.wire_source_key
WHERE a.article_key <> $article_key AND (e.weight > 0 OR t.weight > 0 OR w.weight > 0)
ORDER BY score DESC, a.article_key
LIMIT $limit;

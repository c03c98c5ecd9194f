-- The most mentioned people, organizations and places of this run's articles and of every loaded
-- article that shares one of them: what story assignment compares. One row per article.
WITH counted AS (
    SELECT m.article_key, m.entity_key, count(*) AS mentions
    FROM fact_entity_mention AS m
    JOIN dim_entity AS e USING (entity_key)
    WHERE e.entity_type IN ('PERSON', 'ORG', 'LOC')
    GROUP BY ALL
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY article_key ORDER BY mentions DESC, entity_key) AS rank
    FROM counted
),
top AS (SELECT article_key, list(entity_key ORDER BY rank) AS entities FROM ranked WHERE rank <= $top GROUP BY ALL),
new AS (SELECT article_key FROM fact_article WHERE run_id = $run_id)
SELECT f.article_key, f.date_key, f.story_key, f.run_id = $run_id AS is_new, coalesce(t.entities, []) AS entities
FROM fact_article AS f
LEFT JOIN top AS t USING (article_key)
WHERE f.article_key IN (SELECT article_key FROM new)
   OR f.article_key IN (SELECT DISTINCT t2.article_key FROM top AS t2, top AS tn
                        WHERE tn.article_key IN (SELECT article_key FROM new)
                          AND len(list_intersect(t2.entities, tn.entities)) > 0)
ORDER BY f.date_key, f.article_key;

-- Recompute label, time span and size of the stories this run touched, over the latest version of
-- each article. The label is the story's three most mentioned people, organizations or places.
UPDATE dim_story AS s
SET label = x.label, first_published_at = x.first_at, last_published_at = x.last_at,
    article_count = x.articles
FROM (
    WITH touched AS (SELECT DISTINCT story_key FROM fact_article WHERE run_id = $run_id),
    counts AS (
        SELECT g.story_key, e.canonical_name, count(*) AS n
        FROM fact_entity_mention AS m
        JOIN dim_entity AS e USING (entity_key)
        JOIN fact_article AS g USING (article_key)
        WHERE g.story_key IN (SELECT story_key FROM touched) AND g.is_latest AND e.entity_type IN ('PERSON', 'ORG', 'LOC')
        GROUP BY ALL
    ),
    ranked AS (SELECT *, row_number() OVER (PARTITION BY story_key ORDER BY n DESC, canonical_name) AS r
               FROM counts),
    labels AS (SELECT story_key, string_agg(canonical_name, ', ' ORDER BY r) AS label
               FROM ranked WHERE r <= 3 GROUP BY ALL),
    spans AS (SELECT story_key, min(published_at) AS first_at, max(published_at) AS last_at,
                     count(*) AS articles
              FROM fact_article WHERE story_key IN (SELECT story_key FROM touched) AND is_latest GROUP BY ALL)
    SELECT spans.*, labels.label FROM spans LEFT JOIN labels USING (story_key)
) AS x
WHERE s.story_key = x.story_key;

-- Recompute label, time span and size of the stories this run touched, over the latest version of
-- each article. The label is the story's three main actors (see `ranked`).
UPDATE dim_story AS s
SET label = x.label, first_published_at = x.first_at, last_published_at = x.last_at,
    article_count = x.articles
FROM (
    WITH touched AS (SELECT DISTINCT story_key FROM fact_article WHERE run_id = $run_id),
    counts AS (
        SELECT g.story_key, m.entity_key, e.canonical_name, e.entity_type,
               count(DISTINCT m.article_key) AS articles, count(*) AS mentions
        FROM fact_entity_mention AS m
        JOIN dim_entity AS e USING (entity_key)
        JOIN fact_article AS g USING (article_key)
        WHERE g.story_key IN (SELECT story_key FROM touched) AND g.is_latest AND e.entity_type IN ('PERSON', 'ORG', 'LOC')
        GROUP BY ALL
    ),
    -- how many articles of the whole warehouse name each entity: "Europe" is everywhere, a union rarely
    everywhere AS (
        SELECT m.entity_key, count(DISTINCT m.article_key) AS articles
        FROM fact_entity_mention AS m JOIN fact_article AS g USING (article_key)
        WHERE g.is_latest AND m.entity_key IN (SELECT entity_key FROM counts)
        GROUP BY ALL
    ),
    -- the event's main actors: named by most of the story's articles, people and organizations
    -- before places, the rarer across the warehouse first
    ranked AS (SELECT c.*, row_number() OVER (PARTITION BY c.story_key
                   ORDER BY c.articles DESC, c.entity_type = 'LOC', w.articles, c.mentions DESC, c.canonical_name) AS r
               FROM counts AS c JOIN everywhere AS w USING (entity_key)),
    labels AS (SELECT story_key, string_agg(canonical_name, ', ' ORDER BY r) AS label
               FROM ranked WHERE r <= 3 GROUP BY ALL),
    spans AS (SELECT story_key, min(published_at) AS first_at, max(published_at) AS last_at,
                     count(*) AS articles
              FROM fact_article WHERE story_key IN (SELECT story_key FROM touched) AND is_latest GROUP BY ALL)
    SELECT spans.*, labels.label FROM spans LEFT JOIN labels USING (story_key)
) AS x
WHERE s.story_key = x.story_key;

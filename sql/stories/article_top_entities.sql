-- The most mentioned people, organizations and places of the articles without a story yet, and of every
-- loaded article (latest version) that shares one of them: what story assignment compares. One row per article.
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
top AS (SELECT article_key, entity_key, rank FROM ranked WHERE rank <= $top),
lists AS (SELECT article_key, list(entity_key ORDER BY rank) AS entities FROM top GROUP BY ALL),
new AS (SELECT article_key FROM fact_article WHERE story_key IS NULL),
related AS (
    SELECT DISTINCT t.article_key
    FROM top AS t
    JOIN (SELECT DISTINCT entity_key FROM top WHERE article_key IN (SELECT article_key FROM new)) AS n
      USING (entity_key)
)
SELECT f.article_key, f.date_key, f.story_key, f.story_key IS NULL AS is_new,
       coalesce(l.entities, []) AS entities,
       -- a new version of an edited file stays in the story of the version before it
       (SELECT p.story_key FROM fact_article AS p
        WHERE p.article_id = f.article_id AND p.article_version < f.article_version AND p.story_key IS NOT NULL
        ORDER BY p.article_version DESC LIMIT 1) AS earlier_version_story
FROM fact_article AS f
LEFT JOIN lists AS l USING (article_key)
WHERE f.article_key IN (SELECT article_key FROM new) OR (f.is_latest AND f.article_key IN (SELECT article_key FROM related))
ORDER BY f.date_key, f.article_key;

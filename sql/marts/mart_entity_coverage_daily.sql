-- mart_entity_coverage_daily: one row is one entity covered by one source (the publisher, else
-- the wire service) on one publication day (NULL day: undated articles).
-- Answers: how much did each outlet cover each person, organization and place, day by day?
CREATE OR REPLACE VIEW mart_entity_coverage_daily AS
SELECT
    e.entity_key, e.canonical_name, e.entity_type,
    coalesce(a.source_name, '(unknown source)') AS source_name,
    a.day,
    count(DISTINCT m.article_key) AS articles,
    count(*) AS mentions
FROM fact_entity_mention AS m
JOIN dim_entity AS e USING (entity_key)
JOIN int_latest_articles AS a USING (article_key)
GROUP BY ALL;

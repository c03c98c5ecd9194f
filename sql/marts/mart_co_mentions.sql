-- mart_co_mentions: one row is one pair of entities mentioned in the same article version
-- (entity_key_a < entity_key_b), with how often each is mentioned there.
-- Answers: who and what appear together, and in which articles?
CREATE OR REPLACE VIEW mart_co_mentions AS
WITH per_article AS (
    SELECT m.article_key, m.entity_key, count(*) AS mentions
    FROM fact_entity_mention AS m
    JOIN fact_article AS a USING (article_key)
    WHERE a.is_latest
    GROUP BY ALL
)
SELECT x.article_key,
       x.entity_key AS entity_key_a, ea.canonical_name AS entity_a, ea.entity_type AS type_a,
       y.entity_key AS entity_key_b, eb.canonical_name AS entity_b, eb.entity_type AS type_b,
       x.mentions AS mentions_a, y.mentions AS mentions_b
FROM per_article AS x
JOIN per_article AS y ON y.article_key = x.article_key AND x.entity_key < y.entity_key
JOIN dim_entity AS ea ON ea.entity_key = x.entity_key
JOIN dim_entity AS eb ON eb.entity_key = y.entity_key;

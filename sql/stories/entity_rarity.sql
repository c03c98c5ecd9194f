-- One row per entity named in a latest article version: how many articles name it, and how many
-- there are; story assignment weighs shared entities by their rarity (inverse document frequency).
SELECT m.entity_key, count(DISTINCT m.article_key) AS articles,
       (SELECT count(*) FROM fact_article WHERE is_latest) AS total
FROM fact_entity_mention AS m
JOIN fact_article AS a USING (article_key)
WHERE a.is_latest
GROUP BY ALL;

-- report_places: one row is one place with coordinates and how many articles mention it.
SELECT e.canonical_name, e.country_code, e.latitude, e.longitude, count(DISTINCT m.article_key) AS articles
FROM dim_entity AS e JOIN fact_entity_mention AS m USING (entity_key)
JOIN fact_article AS a USING (article_key)
WHERE e.entity_type = 'LOC' AND e.latitude IS NOT NULL AND a.is_latest
GROUP BY ALL ORDER BY articles DESC, canonical_name LIMIT $limit;

-- report_co_mentions: one row is one of the $limit entity pairs named together in the most articles.
SELECT entity_a, type_a, entity_b, type_b, count(DISTINCT article_key) AS articles
FROM mart_co_mentions
GROUP BY ALL ORDER BY articles DESC, entity_a, entity_b LIMIT $limit;

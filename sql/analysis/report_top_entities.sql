-- report_top_entities: one row is one of the $limit entities mentioned in the most articles.
SELECT canonical_name, entity_type, sum(articles) AS articles, sum(mentions) AS mentions
FROM mart_entity_coverage_daily
GROUP BY ALL ORDER BY articles DESC, mentions DESC, canonical_name LIMIT $limit;

-- report_heatmap: one row is one (source, entity) cell among the top $limit sources and entities.
WITH top_sources AS (SELECT source_name FROM mart_entity_coverage_daily GROUP BY ALL
                     ORDER BY sum(articles) DESC, source_name LIMIT $limit),
     top_entities AS (SELECT canonical_name FROM mart_entity_coverage_daily GROUP BY ALL
                      ORDER BY sum(articles) DESC, canonical_name LIMIT $limit)
SELECT source_name, canonical_name, sum(mentions) AS mentions
FROM mart_entity_coverage_daily
WHERE source_name IN (SELECT * FROM top_sources) AND canonical_name IN (SELECT * FROM top_entities)
GROUP BY ALL;

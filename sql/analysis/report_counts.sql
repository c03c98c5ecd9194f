-- report_counts: one row: how many articles (latest versions), entities, quotations and stories they hold.
SELECT (SELECT count(*) FROM fact_article WHERE is_latest) AS articles,
       (SELECT count(DISTINCT m.entity_key) FROM fact_entity_mention AS m
        JOIN fact_article AS a USING (article_key) WHERE a.is_latest) AS entities,
       (SELECT count(*) FROM fact_quote AS q JOIN fact_article AS a USING (article_key) WHERE a.is_latest) AS quotes,
       (SELECT count(DISTINCT story_key) FROM fact_article WHERE is_latest) AS stories;

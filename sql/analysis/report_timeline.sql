-- report_timeline: one row is one publication day (NULL: undated articles) with its article count.
SELECT d.date AS day, count(*) AS articles, count(DISTINCT a.story_key) AS stories
FROM fact_article AS a JOIN dim_date AS d USING (date_key)
WHERE a.is_latest
GROUP BY ALL ORDER BY day NULLS LAST;

-- mart_theme_daily: one row is one topic of the taxonomy covered by one source (the publisher,
-- else the wire service) on one publication day (NULL day: undated articles); latest versions only.
-- Answers: what does each outlet write about, day by day, how strongly, and in what tone?
CREATE OR REPLACE VIEW mart_theme_daily AS
SELECT t.theme_key, t.theme_code, t.label, t.level,
       coalesce(p.source_name, w.source_name, '(unknown source)') AS source_name,
       d.date AS day,
       count(*) AS articles,
       round(avg(b.score), 3) AS mean_score,
       count(*) FILTER (WHERE b.theme_rank = 1) AS articles_leading,     -- where it is the article's best topic of its level
       round(avg(a.tone_compound), 4) AS tone_compound
FROM bridge_article_theme AS b
JOIN dim_theme AS t USING (theme_key)
JOIN fact_article AS a USING (article_key)
JOIN dim_date AS d USING (date_key)
LEFT JOIN dim_source AS p ON p.source_key = a.source_key
LEFT JOIN dim_source AS w ON w.source_key = a.wire_source_key
WHERE a.is_latest
GROUP BY ALL;

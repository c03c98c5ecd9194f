-- mart_theme_daily: one row is one topic of the taxonomy covered by one source (the publisher,
-- else the wire service) on one publication day (NULL day: undated articles); latest versions only.
-- Answers: what does each outlet write about, day by day, how strongly, and in what tone?
CREATE OR REPLACE VIEW mart_theme_daily AS
SELECT t.theme_key, t.theme_code, t.label, t.level,
       coalesce(a.source_name, '(unknown source)') AS source_name,
       a.day,
       count(*) AS articles,
       round(avg(b.score), 3) AS mean_score,
       count(*) FILTER (WHERE b.theme_rank = 1) AS articles_leading,     -- where it is the article's best topic of its level
       round(avg(a.tone_compound), 4) AS tone_compound
FROM bridge_article_theme AS b
JOIN dim_theme AS t USING (theme_key)
JOIN int_latest_articles AS a USING (article_key)
GROUP BY ALL;

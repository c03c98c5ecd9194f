-- Add the topics each new article version is about, with their scores.
INSERT INTO bridge_article_theme (article_key, theme_key, score, theme_rank, evidence)
SELECT f.article_key, d.theme_key, t.score, t.theme_rank, t.evidence
FROM stg_article_theme AS t
JOIN fact_article AS f USING (content_sha256)
JOIN dim_theme AS d USING (theme_code)
WHERE f.article_key NOT IN (SELECT article_key FROM bridge_article_theme)
ORDER BY f.article_key, d.level, t.theme_rank;

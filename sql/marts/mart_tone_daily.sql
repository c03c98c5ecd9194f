-- mart_tone_daily: one row is one source (the publisher, else the wire service) on one publication
-- day (NULL day: undated articles), either over all its articles (entity_key NULL) or over those
-- that mention one entity. Tone is the articles' mean (flows/signals/tone.py), latest versions only.
-- Answers: how positive or negative is each outlet's coverage, of everything and of each person,
-- organization and place, day by day?
CREATE OR REPLACE VIEW mart_tone_daily AS
WITH articles AS (
    SELECT article_key, day, word_count, coalesce(source_name, '(unknown source)') AS source_name,
           tone_positive, tone_negative, tone_compound, tone_polarity
    FROM int_latest_articles
    WHERE tone_compound IS NOT NULL
),
by_entity AS (
    SELECT DISTINCT m.article_key, m.entity_key FROM fact_entity_mention AS m
    UNION ALL
    SELECT article_key, NULL FROM articles
)
SELECT x.source_name, x.day, b.entity_key, e.canonical_name, e.entity_type,
       count(*) AS articles,
       round(avg(x.tone_compound), 4) AS tone_compound,
       round(avg(x.tone_positive), 4) AS tone_positive,
       round(avg(x.tone_negative), 4) AS tone_negative,
       round(avg(x.tone_polarity), 4) AS tone_polarity,
       sum(x.word_count) AS words
FROM articles AS x
JOIN by_entity AS b USING (article_key)
LEFT JOIN dim_entity AS e ON e.entity_key = b.entity_key
GROUP BY ALL;

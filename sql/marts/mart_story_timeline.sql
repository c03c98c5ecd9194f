-- mart_story_timeline: one row is one story on one publication day (NULL day: undated articles).
-- Answers: how does coverage of each event move over time, and across how many outlets?
CREATE OR REPLACE VIEW mart_story_timeline AS
SELECT
    s.story_key, s.label, a.day,
    count(*) AS articles,
    count(DISTINCT coalesce(a.source_key, a.wire_source_key)) AS sources,
    sum(a.word_count) AS words,
    list(DISTINCT coalesce(a.headline, left(a.body, 80)) ORDER BY coalesce(a.headline, left(a.body, 80))) AS headlines
FROM int_latest_articles AS a
JOIN dim_story AS s USING (story_key)
GROUP BY ALL;

-- report_timeline: one row is one story on one publication day (NULL day: undated articles), with its
-- latest articles' count.
SELECT day, label AS story, articles
FROM mart_story_timeline
ORDER BY day NULLS LAST, articles DESC, story;

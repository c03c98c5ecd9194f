-- report_articles: one row is one article (its latest version) with its outlet, publication day and
-- the raw copy's content hash (the report links the file the warehouse keeps).
SELECT a.article_key, coalesce(a.headline, left(a.body, 90) || '…') AS headline, a.headline IS NULL AS untitled,
       a.source_name AS outlet, a.day, a.word_count, a.source_file, a.content_sha256, a.url
FROM int_latest_articles AS a
ORDER BY a.day DESC NULLS LAST, a.published_at DESC NULLS LAST, a.source_file;

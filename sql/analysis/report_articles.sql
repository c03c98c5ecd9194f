-- report_articles: one row is one article (its latest version) with its outlet, publication day and
-- the raw copy's content hash (the report links the file the warehouse keeps).
SELECT a.article_key, coalesce(a.headline, left(a.body, 90) || '…') AS headline, a.headline IS NULL AS untitled,
       coalesce(p.source_name, w.source_name) AS outlet, d.date AS day, a.word_count,
       a.source_file, a.content_sha256, a.url
FROM fact_article AS a
JOIN dim_date AS d USING (date_key)
LEFT JOIN dim_source AS p ON p.source_key = a.source_key
LEFT JOIN dim_source AS w ON w.source_key = a.wire_source_key
WHERE a.is_latest
ORDER BY d.date DESC NULLS LAST, a.published_at DESC NULLS LAST, a.source_file;

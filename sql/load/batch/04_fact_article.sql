-- Add the new article versions, with their tone. A file seen before with other content becomes its next version.
INSERT INTO fact_article (
    article_key, article_id, article_version, is_latest, source_file, content_sha256, encoding, headline,
    update_tag, slug, standfirst, body, language, word_count, published_at, published_tz,
    published_offset_minutes, published_precision, published_basis, date_key, source_key,
    wire_source_key, dateline, dateline_city, editorial_note, url, crawled_at, section, published_tz_written,
    published_label, signoff, metadata_origin, tone_positive, tone_negative, tone_compound, tone_polarity,
    run_id, loaded_at)
SELECT
    (SELECT coalesce(max(article_key), 0) FROM fact_article) + row_number() OVER (ORDER BY a.source_file),
    a.article_id,
    coalesce((SELECT max(f.article_version) FROM fact_article AS f WHERE f.article_id = a.article_id), 0) + 1,
    TRUE, a.source_file, a.content_sha256, a.encoding, a.headline, a.update_tag, a.slug,
    a.standfirst, a.body, a.language, a.word_count, a.published_at, a.published_tz,
    a.published_offset_minutes, a.published_precision, a.published_basis, a.date_key,
    p.source_key, w.source_key, a.dateline, a.dateline_city, a.editorial_note, a.url, a.crawled_at,
    a.section, a.published_tz_written, a.published_label, a.signoff, a.metadata_origin,
    t.tone_positive, t.tone_negative, t.tone_compound, t.tone_polarity, r.run_id, r.loaded_at
FROM stg_article AS a
CROSS JOIN stg_run AS r
LEFT JOIN stg_tone AS t USING (content_sha256)
LEFT JOIN dim_source AS p ON p.source_name = a.publisher
LEFT JOIN dim_source AS w ON w.source_name = a.wire_service
WHERE a.content_sha256 NOT IN (SELECT content_sha256 FROM fact_article)
ORDER BY a.source_file;

UPDATE fact_article AS f
SET is_latest = FALSE
WHERE f.is_latest
  AND f.article_id IN (SELECT article_id FROM stg_article)
  AND f.article_version < (SELECT max(g.article_version) FROM fact_article AS g WHERE g.article_id = f.article_id);

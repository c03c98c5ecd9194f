-- report_quotes: one row is one quotation in the latest version of an article, with its speaker
-- (NULL: unattributed) and that speaker's number of quotations; the most quoted speakers first.
SELECT coalesce(e.canonical_name, '(unattributed)') AS speaker,
       count(*) OVER (PARTITION BY q.speaker_entity_key) AS speaker_quotes,
       q.quote_text, a.source_name AS outlet, a.source_file
FROM fact_quote AS q
JOIN int_latest_articles AS a USING (article_key)
LEFT JOIN dim_entity AS e ON e.entity_key = q.speaker_entity_key
ORDER BY q.speaker_entity_key IS NULL, speaker_quotes DESC, speaker, a.source_file, q.char_start
LIMIT $limit;

-- Add each new article version's quotations; an unattributed quote keeps a NULL speaker.
INSERT INTO fact_quote (article_key, speaker_entity_key, quote_text, char_start, char_end)
SELECT f.article_key, d.entity_key, q.quote_text, q.char_start, q.char_end
FROM stg_quote AS q
JOIN fact_article AS f USING (content_sha256)
LEFT JOIN dim_entity AS d ON d.canonical_name = q.speaker_name AND d.entity_type = q.speaker_type
WHERE f.article_key NOT IN (SELECT article_key FROM fact_quote)
ORDER BY f.article_key, q.char_start;

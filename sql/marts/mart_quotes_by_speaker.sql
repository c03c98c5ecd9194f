-- mart_quotes_by_speaker: one row is one speaker (an entity, or NULL for unattributed quotes).
-- Answers: who is quoted, how often, by how many outlets, and over what time?
CREATE OR REPLACE VIEW mart_quotes_by_speaker AS
SELECT
    q.speaker_entity_key,
    coalesce(e.canonical_name, '(unattributed)') AS speaker,
    e.entity_type AS speaker_type,
    count(*) AS quotes,
    count(DISTINCT q.article_key) AS articles,
    count(DISTINCT coalesce(a.source_key, a.wire_source_key)) AS sources,
    min(a.published_at) AS first_quoted_at,
    max(a.published_at) AS last_quoted_at,
    arg_max(q.quote_text, length(q.quote_text)) AS longest_quote
FROM fact_quote AS q
JOIN fact_article AS a USING (article_key)
LEFT JOIN dim_entity AS e ON e.entity_key = q.speaker_entity_key
WHERE a.is_latest
GROUP BY ALL;

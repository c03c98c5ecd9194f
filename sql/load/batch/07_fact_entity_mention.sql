-- Add each new article version's entity mentions, with offsets into its body.
INSERT INTO fact_entity_mention (article_key, entity_key, surface_form, char_start, char_end)
SELECT f.article_key, d.entity_key, m.surface_form, m.char_start, m.char_end
FROM stg_mention AS m
JOIN fact_article AS f USING (content_sha256)
JOIN dim_entity AS d USING (canonical_name, entity_type)
WHERE f.article_key NOT IN (SELECT article_key FROM fact_entity_mention)
ORDER BY f.article_key, m.char_start;

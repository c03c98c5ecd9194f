-- Add the counted quantities of each new article version, with offsets into its body.
INSERT INTO fact_amount (article_key, amount, amount_high, counted, surface_form, char_start, char_end)
SELECT f.article_key, m.amount, m.amount_high, m.counted, m.surface_form, m.char_start, m.char_end
FROM stg_amount AS m
JOIN fact_article AS f USING (content_sha256)
WHERE f.article_key NOT IN (SELECT article_key FROM fact_amount)
ORDER BY f.article_key, m.char_start;

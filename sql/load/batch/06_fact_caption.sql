-- Add each new article version's distinct photo captions.
INSERT INTO fact_caption (article_key, caption_position, caption_text)
SELECT f.article_key, s.caption_position, s.caption_text
FROM stg_caption AS s
JOIN fact_article AS f USING (content_sha256)
WHERE f.article_key NOT IN (SELECT article_key FROM fact_caption)
ORDER BY f.article_key, s.caption_position;

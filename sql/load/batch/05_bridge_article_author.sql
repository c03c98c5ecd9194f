-- Credit each new article version's authors, in byline order.
INSERT INTO bridge_article_author (article_key, author_key, author_position)
SELECT f.article_key, d.author_key, s.author_position
FROM stg_author AS s
JOIN fact_article AS f USING (content_sha256)
JOIN dim_author AS d USING (author_name)
WHERE f.article_key NOT IN (SELECT article_key FROM bridge_article_author)
ORDER BY f.article_key, s.author_position;

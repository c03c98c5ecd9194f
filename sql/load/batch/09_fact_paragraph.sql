-- Add the fingerprinted paragraphs of each new article version, and their LSH bands.
INSERT INTO fact_paragraph (article_key, paragraph_no, char_start, char_end, word_count, minhash)
SELECT f.article_key, p.paragraph_no, p.char_start, p.char_end, p.word_count, p.minhash
FROM stg_paragraph AS p
JOIN fact_article AS f USING (content_sha256)
WHERE f.article_key NOT IN (SELECT article_key FROM fact_paragraph)
ORDER BY f.article_key, p.paragraph_no;

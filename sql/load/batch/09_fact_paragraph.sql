-- Add the fingerprinted paragraphs of each new article version, with their tone.
INSERT INTO fact_paragraph (article_key, paragraph_no, char_start, char_end, word_count, minhash,
                            tone_positive, tone_negative, tone_compound, tone_polarity)
SELECT f.article_key, p.paragraph_no, p.char_start, p.char_end, p.word_count, p.minhash,
       t.tone_positive, t.tone_negative, t.tone_compound, t.tone_polarity
FROM stg_paragraph AS p
JOIN fact_article AS f USING (content_sha256)
LEFT JOIN stg_paragraph_tone AS t USING (content_sha256, paragraph_no)
WHERE f.article_key NOT IN (SELECT article_key FROM fact_paragraph)
ORDER BY f.article_key, p.paragraph_no;

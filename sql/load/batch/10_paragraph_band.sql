-- Index the new paragraphs' signatures by band, for the overlap join.
INSERT INTO paragraph_band (band_no, band_hash, article_key, paragraph_no)
SELECT b.band_no, b.band_hash, f.article_key, b.paragraph_no
FROM (SELECT content_sha256, paragraph_no, unnest(bands) AS band_hash,
             unnest(range(0, len(bands))) AS band_no
      FROM stg_paragraph) AS b
JOIN fact_article AS f USING (content_sha256)
WHERE f.run_id = (SELECT run_id FROM stg_run)
ORDER BY b.band_no, b.band_hash;

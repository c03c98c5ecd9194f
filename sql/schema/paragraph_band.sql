-- paragraph_band: one row is one LSH band of one paragraph's MinHash signature. Paragraphs that
-- share a (band_no, band_hash) are candidate copies of each other: a join, not an all-pairs scan.
CREATE TABLE IF NOT EXISTS paragraph_band (
    band_no      TINYINT NOT NULL,
    band_hash    BIGINT NOT NULL,
    article_key  BIGINT NOT NULL,
    paragraph_no INTEGER NOT NULL
);

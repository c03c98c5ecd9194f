-- fact_article_overlap: one row is one pair of article versions that share text.
CREATE TABLE IF NOT EXISTS fact_article_overlap (
    article_key_a      BIGINT NOT NULL,
    article_key_b      BIGINT NOT NULL,
    shared_paragraphs  INTEGER NOT NULL,
    similarity         DOUBLE NOT NULL,
    origin_article_key BIGINT,           -- the likely original, when the evidence says
    PRIMARY KEY (article_key_a, article_key_b),
    CHECK (article_key_a < article_key_b)
);

-- fact_paragraph: one row is one paragraph of an article body long enough to be compared for
-- republished text, with its MinHash signature (flows/overlap.py). Offsets are into the body.
CREATE TABLE IF NOT EXISTS fact_paragraph (
    article_key  BIGINT NOT NULL,
    paragraph_no INTEGER NOT NULL,     -- 1 for the body's first paragraph
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    word_count   INTEGER NOT NULL,
    minhash      UINTEGER[] NOT NULL,
    PRIMARY KEY (article_key, paragraph_no)
);
-- Tone of the paragraph, as fact_article's tone columns (flows/signals/tone.py).
ALTER TABLE fact_paragraph ADD COLUMN IF NOT EXISTS tone_positive DOUBLE;
ALTER TABLE fact_paragraph ADD COLUMN IF NOT EXISTS tone_negative DOUBLE;
ALTER TABLE fact_paragraph ADD COLUMN IF NOT EXISTS tone_compound DOUBLE;
ALTER TABLE fact_paragraph ADD COLUMN IF NOT EXISTS tone_polarity DOUBLE;

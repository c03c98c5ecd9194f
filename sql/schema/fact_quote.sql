-- fact_quote: one row is one direct quotation in an article body.
CREATE TABLE IF NOT EXISTS fact_quote (
    article_key        BIGINT NOT NULL,
    speaker_entity_key INTEGER,          -- NULL when unattributed
    quote_text         VARCHAR NOT NULL,
    char_start         INTEGER NOT NULL,
    char_end           INTEGER NOT NULL,
    PRIMARY KEY (article_key, char_start)
);

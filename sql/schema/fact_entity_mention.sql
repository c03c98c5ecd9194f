-- fact_entity_mention: one row is one mention of an entity in an article body.
-- char_start and char_end are offsets into fact_article.body (end exclusive).
CREATE TABLE IF NOT EXISTS fact_entity_mention (
    article_key  BIGINT NOT NULL,
    entity_key   INTEGER NOT NULL,
    surface_form VARCHAR NOT NULL,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    PRIMARY KEY (article_key, char_start)
);

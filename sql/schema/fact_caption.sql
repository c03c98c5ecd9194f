-- fact_caption: one row is one distinct photo caption of one article version.
CREATE TABLE IF NOT EXISTS fact_caption (
    article_key      BIGINT NOT NULL,
    caption_position INTEGER NOT NULL,
    caption_text     VARCHAR NOT NULL,
    PRIMARY KEY (article_key, caption_position)
);

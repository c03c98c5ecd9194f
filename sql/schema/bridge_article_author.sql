-- bridge_article_author: one row is one author credit on one article version, in byline order.
CREATE TABLE IF NOT EXISTS bridge_article_author (
    article_key     BIGINT NOT NULL,
    author_key      INTEGER NOT NULL,
    author_position INTEGER NOT NULL,   -- 1 for the first name in the byline
    PRIMARY KEY (article_key, author_position)
);

-- bridge_article_theme: one row is one topic an article version is about (flows/signals/themes.py),
-- with its score: the rarity-, position- and count-weighted evidence of its signal phrases.
CREATE TABLE IF NOT EXISTS bridge_article_theme (
    article_key BIGINT NOT NULL,
    theme_key   INTEGER NOT NULL,
    score       DOUBLE NOT NULL,
    theme_rank  INTEGER NOT NULL,      -- 1 for the article's best topic of this level
    evidence    VARCHAR,               -- its strongest phrases: 'ballistic missile x2, warhead x1'
    PRIMARY KEY (article_key, theme_key)
);

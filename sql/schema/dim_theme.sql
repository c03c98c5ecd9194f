-- dim_theme: one row is one topic of the theme taxonomy (flows/data/themes.toml), modelled on IPTC
-- Media Topics: theme_code is IPTC's qcode ('medtop:16000000'), level 1 a top-level topic.
CREATE TABLE IF NOT EXISTS dim_theme (
    theme_key   INTEGER PRIMARY KEY,
    theme_code  VARCHAR NOT NULL UNIQUE,
    label       VARCHAR NOT NULL,
    description VARCHAR,
    parent_code VARCHAR,               -- the nearest broader topic kept; NULL for a top-level topic
    level       INTEGER NOT NULL       -- 1 top-level topic, 2 and more a subject below it
);

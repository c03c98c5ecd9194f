-- dim_story: one row is a news event that several articles report.
CREATE TABLE IF NOT EXISTS dim_story (
    story_key           INTEGER PRIMARY KEY,
    label               VARCHAR,
    first_published_at  TIMESTAMPTZ,
    last_published_at   TIMESTAMPTZ,
    article_count       INTEGER
);

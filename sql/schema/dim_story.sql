-- dim_story: one row is a news event that several articles report.
CREATE SEQUENCE IF NOT EXISTS seq_story_key START 1;
CREATE TABLE IF NOT EXISTS dim_story (
    story_key           INTEGER PRIMARY KEY DEFAULT nextval('seq_story_key'),
    label               VARCHAR,
    first_published_at  TIMESTAMPTZ,
    last_published_at   TIMESTAMPTZ,
    article_count       INTEGER
);

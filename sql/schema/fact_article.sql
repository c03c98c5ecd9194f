-- fact_article: one row is one ingested article version (one distinct content of one inbox file).
-- article_id is the same for every version of a file; is_latest marks the newest version.
CREATE TABLE IF NOT EXISTS fact_article (
    article_key              BIGINT PRIMARY KEY,
    article_id               VARCHAR NOT NULL,
    article_version          INTEGER NOT NULL,
    is_latest                BOOLEAN NOT NULL,
    source_file              VARCHAR NOT NULL,      -- path as ingested, relative to the inbox
    content_sha256           VARCHAR NOT NULL UNIQUE,
    encoding                 VARCHAR,
    headline                 VARCHAR,               -- NULL when the text has none
    update_tag               VARCHAR,               -- wire update tag: '3rd LD', 'URGENT'
    slug                     VARCHAR,               -- wire slug: 'N Korea-Russia-summit'
    standfirst               VARCHAR,
    body                     VARCHAR NOT NULL,      -- clean text; paragraphs separated by a blank line
    language                 VARCHAR,               -- ISO 639-1
    word_count               INTEGER NOT NULL,
    published_at             TIMESTAMPTZ,           -- NULL when the text gives no date
    published_tz             VARCHAR,               -- IANA zone ('Asia/Kolkata') or UTC offset ('+01:00'); as printed: published_tz_written
    published_offset_minutes INTEGER,               -- UTC offset at publication in that zone
    published_precision      VARCHAR,               -- 'second', 'minute' or 'day'
    published_basis          VARCHAR,               -- 'stated', 'outlet', 'dateline city', 'ambiguous zone', 'assumed UTC'
    date_key                 INTEGER NOT NULL,      -- local publication day; -1 when unknown
    source_key               INTEGER,               -- publisher; NULL when the text does not say
    wire_source_key          INTEGER,               -- wire service credited; NULL when none
    dateline                 VARCHAR,
    dateline_city            VARCHAR,
    editorial_note           VARCHAR,               -- '(ATTN: ...)', corrections: kept out of the body
    story_key                INTEGER,
    run_id                   VARCHAR NOT NULL,
    loaded_at                TIMESTAMPTZ NOT NULL
);
-- Added after the first release; older warehouses gain them here.
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS url VARCHAR;                -- from a WARC, an export or the manifest
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS crawled_at TIMESTAMPTZ;     -- when a crawler fetched the page
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS section VARCHAR;            -- a wire desk prefix: 'SOCCER', 'RUGBY UNION'
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS published_tz_written VARCHAR;  -- the zone as printed: 'IST', 'GMT+1'
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS published_label VARCHAR;    -- 'first published', 'published', 'updated'
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS signoff VARCHAR;            -- closing credits: 'Additional reporting by ...'
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS metadata_origin VARCHAR;    -- which source decided each field: 'headline=html, publisher=manifest'

-- Tone of the body (flows/signals/tone.py): VADER's sentence scores, weighted by words.
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS tone_positive DOUBLE;    -- share of the valence that is positive, 0..1
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS tone_negative DOUBLE;    -- share of the valence that is negative, 0..1
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS tone_compound DOUBLE;    -- -1 most negative .. +1 most positive
ALTER TABLE fact_article ADD COLUMN IF NOT EXISTS tone_polarity DOUBLE;    -- share of words that carry valence, 0..1

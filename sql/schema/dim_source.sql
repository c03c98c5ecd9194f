-- dim_source: one row is a publisher or a wire service, by canonical name.
-- Natural key: source_name (canonical spelling from flows/data/outlets.toml, else as written).
CREATE TABLE IF NOT EXISTS dim_source (
    source_key   INTEGER PRIMARY KEY,
    source_name  VARCHAR NOT NULL UNIQUE,
    source_kind  VARCHAR,            -- 'wire', 'publisher', or NULL when the outlet is not in outlets.toml
    timezone     VARCHAR,            -- IANA zone of the newsroom, when known
    country_code VARCHAR
);

-- file_ledger: one row is one content (sha256) seen under one inbox path: when it was first and
-- last seen, and what became of it. The raw bytes are kept at warehouse/raw/<sha[:2]>/<sha>.
CREATE TABLE IF NOT EXISTS file_ledger (
    source_file    VARCHAR NOT NULL,
    content_sha256 VARCHAR NOT NULL,
    size_bytes     BIGINT,
    mtime_ns       BIGINT,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL,
    first_run_id   VARCHAR NOT NULL,
    last_run_id    VARCHAR NOT NULL,
    outcome        VARCHAR NOT NULL,   -- last outcome: 'loaded', 'already loaded', 'duplicate', 'quarantined'
    PRIMARY KEY (source_file, content_sha256)
);

-- etl_run: one row is one pipeline run, whatever its outcome. Every input is accounted for:
-- files_seen = files_loaded + files_skipped + files_quarantined (an archive counts its members).
-- status is 'success' or 'failed'.
CREATE TABLE IF NOT EXISTS etl_run (
    run_id            VARCHAR PRIMARY KEY,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL,
    inbox             VARCHAR,
    files_seen        INTEGER NOT NULL,
    files_new         INTEGER NOT NULL,
    files_skipped     INTEGER NOT NULL,     -- content already loaded, or the same bytes twice in this batch
    files_unreadable  INTEGER NOT NULL,
    articles_loaded   INTEGER NOT NULL,
    rows_quarantined  INTEGER NOT NULL,
    validation_passed BOOLEAN,
    message           VARCHAR
);

-- Added after the first release; older warehouses gain them here.
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS files_loaded INTEGER;
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS files_quarantined INTEGER;

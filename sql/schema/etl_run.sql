-- etl_run: one row is one pipeline run, whatever its outcome.
-- files_seen = files_new + files_skipped + files_unreadable; status is 'success' or 'failed'.
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

-- quarantine: one row is one input file or one parsed row refused by a run, and why.
CREATE TABLE IF NOT EXISTS quarantine (
    run_id         VARCHAR NOT NULL,
    source_file    VARCHAR,
    content_sha256 VARCHAR,
    stage          VARCHAR NOT NULL,   -- 'stage', 'parse' or 'validate'
    reason         VARCHAR NOT NULL,   -- for 'validate': the expectation that failed
    table_name     VARCHAR,            -- for 'validate': the table whose row failed
    quarantined_at TIMESTAMPTZ NOT NULL
);

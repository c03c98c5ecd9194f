-- validation_result: one row is one expectation checked on one table in one run.
CREATE TABLE IF NOT EXISTS validation_result (
    run_id           VARCHAR NOT NULL,
    suite_name       VARCHAR NOT NULL,
    expectation_type VARCHAR NOT NULL,
    column_name      VARCHAR,
    blocking         BOOLEAN NOT NULL,
    success          BOOLEAN NOT NULL,
    element_count    BIGINT,
    unexpected_count BIGINT,
    validated_at     TIMESTAMPTZ NOT NULL
);

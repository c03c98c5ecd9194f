-- report_runs: one row is one pipeline run, the latest first, with what it saw, loaded and refused.
SELECT run_id, started_at, status, files_seen, files_loaded, files_skipped, files_quarantined,
       articles_loaded, rows_quarantined, validation_passed, message
FROM etl_run
ORDER BY started_at DESC
LIMIT $limit;

-- Record the run itself, last, so a run row means the load committed.
INSERT INTO etl_run BY NAME
SELECT run_id, started_at, loaded_at AS finished_at, status, inbox, files_seen, files_new, files_skipped,
       files_unreadable, files_loaded, files_quarantined, articles_loaded, rows_quarantined,
       validation_passed, message
FROM stg_run;

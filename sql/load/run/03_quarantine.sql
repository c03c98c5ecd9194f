-- Record what this run refused and why: unreadable files, non-articles, rows failing expectations.
INSERT INTO quarantine (run_id, source_file, content_sha256, stage, reason, table_name, quarantined_at)
SELECT r.run_id, q.source_file, q.content_sha256, q.stage, q.reason, q.table_name, r.loaded_at
FROM stg_quarantine AS q CROSS JOIN stg_run AS r;

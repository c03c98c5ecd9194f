-- report_quarantine: one row is one file or parsed row a run refused, and why, the latest first.
SELECT q.quarantined_at, q.source_file, q.stage, q.reason, q.table_name, q.run_id
FROM quarantine AS q
ORDER BY q.quarantined_at DESC, q.source_file
LIMIT $limit;

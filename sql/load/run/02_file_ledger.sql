-- Record what this run saw: new (path, content) pairs are added, known ones get a new last sighting.
MERGE INTO file_ledger AS l
USING (SELECT s.*, r.run_id, r.loaded_at FROM stg_file AS s CROSS JOIN stg_run AS r) AS s
ON l.source_file = s.source_file AND l.content_sha256 = s.content_sha256
WHEN MATCHED THEN UPDATE SET
    last_seen_at = s.loaded_at, last_run_id = s.run_id, outcome = s.outcome,
    size_bytes = s.size_bytes, mtime_ns = s.mtime_ns
WHEN NOT MATCHED THEN INSERT (source_file, content_sha256, size_bytes, mtime_ns, first_seen_at,
                              last_seen_at, first_run_id, last_run_id, outcome)
    VALUES (s.source_file, s.content_sha256, s.size_bytes, s.mtime_ns, s.loaded_at, s.loaded_at,
            s.run_id, s.run_id, s.outcome);

-- Files the last run saw with the same size and modification time as they have now may be trusted
-- without being read again, as git trusts its index: one row per plain file (not an archive member)
-- of this inbox at its latest sighting. Only a file whose modification time was at least two seconds older
-- than the start of the run that last saw it qualifies: a write during or just before that run
-- could share its timestamp with the version hashed (git's "racy" case).
SELECT l.source_file, l.size_bytes, l.mtime_ns, l.content_sha256
FROM file_ledger AS l
JOIN etl_run AS r ON r.run_id = l.last_run_id
WHERE r.inbox = $inbox
  AND l.source_file NOT LIKE '%!/%'
  AND l.mtime_ns < epoch_ns(r.started_at) - 2000000000
QUALIFY row_number() OVER (PARTITION BY l.source_file ORDER BY l.last_seen_at DESC) = 1;

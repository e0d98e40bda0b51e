-- --retry-failed: every file that failed (or was forgotten with --forget-failed) is tried again now, and its
-- attempts are counted afresh from this try.
UPDATE media_file SET status = 'failed', attempts = 0 WHERE status IN ('failed', 'forgotten')

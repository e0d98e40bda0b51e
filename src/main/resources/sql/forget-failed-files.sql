-- --forget-failed: files that failed are neither retried nor reported as missing any more, until their item changes
-- in iCloud, a full listing, or --retry-failed offers them again.
UPDATE media_file SET status = 'forgotten' WHERE status = 'failed'

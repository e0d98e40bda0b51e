-- Body: SyncReport.lastSyncRow.
INSERT INTO last_sync (id, started_at, finished_at, status, files_downloaded, bytes_downloaded, files_failed,
                       max_download_attempts, error, last_success_at)
VALUES (1, :#startedAt, :#finishedAt, :#status, :#filesDownloaded, :#bytesDownloaded, :#filesFailed,
        :#maxDownloadAttempts, :#error, :#lastSuccessAt)
ON CONFLICT (id) DO UPDATE SET
    started_at = excluded.started_at,
    finished_at = excluded.finished_at,
    status = excluded.status,
    files_downloaded = excluded.files_downloaded,
    bytes_downloaded = excluded.bytes_downloaded,
    files_failed = excluded.files_failed,
    max_download_attempts = excluded.max_download_attempts,
    error = excluded.error,
    last_success_at = COALESCE(excluded.last_success_at, last_sync.last_success_at)

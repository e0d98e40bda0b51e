-- How the last sync cycle to this destination ended, for `status`: one row (id 1), replaced at the end of every
-- cycle but a dry run's. last_success_at keeps the end of the last cycle that completed (success or partial).
CREATE TABLE last_sync (
    id                    INTEGER PRIMARY KEY,
    started_at            BIGINT NOT NULL,
    finished_at           BIGINT NOT NULL,
    status                TEXT NOT NULL,
    files_downloaded      BIGINT NOT NULL,
    bytes_downloaded      BIGINT NOT NULL,
    files_failed          BIGINT NOT NULL,
    max_download_attempts INTEGER NOT NULL,
    error                 TEXT,
    last_success_at       BIGINT
);

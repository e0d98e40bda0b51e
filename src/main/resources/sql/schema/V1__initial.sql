-- Sync state of one Apple ID. Portable SQL: runs on SQLite (the default) and PostgreSQL.

-- A zone's changes/zone bookmark (docs/protocol.md §4). Stored in the same transaction as the page it covers.
CREATE TABLE zone_token (
    database_name TEXT NOT NULL,
    zone_name     TEXT NOT NULL,
    sync_token    TEXT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (database_name, zone_name)
);

-- changes/database bookmark, stored only after every zone of a cycle succeeded (§4.3 rule 4).
CREATE TABLE database_token (
    database_name TEXT PRIMARY KEY,
    sync_token    TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- The libraries (zones) this account syncs; status 'gone' after ZONE_NOT_FOUND, files kept.
CREATE TABLE library (
    zone_name     TEXT PRIMARY KEY,
    database_name TEXT NOT NULL,
    status        TEXT NOT NULL,
    updated_at    BIGINT NOT NULL
);

-- One row per library item (zone, CPLAsset recordName), with the fields change classification diffs.
CREATE TABLE asset (
    zone_name              TEXT NOT NULL,
    asset_id               TEXT NOT NULL,
    master_id              TEXT,
    change_tag             TEXT,
    asset_date             BIGINT,
    is_deleted             INTEGER NOT NULL DEFAULT 0,
    is_hidden              INTEGER NOT NULL DEFAULT 0,
    is_favorite            INTEGER NOT NULL DEFAULT 0,
    adjustment_type        TEXT,
    adjustment_fingerprint TEXT,
    status                 TEXT NOT NULL,
    content_profile        TEXT,
    files_complete         INTEGER NOT NULL DEFAULT 0,
    updated_at             BIGINT NOT NULL,
    PRIMARY KEY (zone_name, asset_id)
);
CREATE INDEX asset_by_master ON asset (master_id);

-- Masters we have seen: lets asset-only changes skip a records/lookup (§5.15).
CREATE TABLE master (
    master_id     TEXT PRIMARY KEY,
    filename      TEXT,
    item_type     TEXT,
    original_size BIGINT,
    updated_at    BIGINT NOT NULL
);

-- Every file written (or that failed) under the destination. file_key identifies the rendition:
-- '<masterId>/<rendition>' for master resources, so a photo in two zones is stored once (§7.5).
CREATE TABLE media_file (
    file_key   TEXT PRIMARY KEY,
    master_id  TEXT,
    zone_name  TEXT,
    asset_id   TEXT,
    rendition  TEXT NOT NULL,
    path       TEXT,
    size       BIGINT,
    sha256     TEXT,
    checksum   TEXT,
    status     TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX media_file_by_path ON media_file (path);
CREATE INDEX media_file_by_asset ON media_file (zone_name, asset_id);
CREATE INDEX media_file_by_status ON media_file (status);

-- Album index (from CPLAlbum and CPLContainerRelation records), and where each written file currently is.

CREATE TABLE album (
    zone_name  TEXT NOT NULL,
    album_id   TEXT NOT NULL,
    name       TEXT,
    parent_id  TEXT,
    album_type INTEGER,
    is_deleted INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (zone_name, album_id)
);

CREATE TABLE album_member (
    zone_name  TEXT NOT NULL,
    album_id   TEXT NOT NULL,
    asset_id   TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (zone_name, album_id, asset_id)
);
CREATE INDEX album_member_by_asset ON album_member (zone_name, asset_id);

-- 'live' at path; 'deleted-quarantine' or 'hidden-quarantine' under the quarantine folder; 'removed' when a
-- policy deleted the local copy.
ALTER TABLE media_file ADD COLUMN placement TEXT NOT NULL DEFAULT 'live';

-- When a purge tombstone arrived, for --purge-after-days.
ALTER TABLE asset ADD COLUMN purged_at BIGINT;

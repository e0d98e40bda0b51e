-- Album links of an {album} layout: where a stored file also appears (a hard link or a copy) because its item is
-- in that album. Recorded so that a later change of the album (member removed, renamed, deleted) removes only
-- what this product placed there. A path may serve two albums of the same name, hence the album in the key.
CREATE TABLE album_link (
    zone_name  TEXT NOT NULL,
    album_id   TEXT NOT NULL,
    path       TEXT NOT NULL,
    asset_id   TEXT NOT NULL,
    file_key   TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (zone_name, album_id, path)
);
CREATE INDEX album_link_by_asset ON album_link (zone_name, asset_id);

-- The capture's UTC offset (CPLAsset timeZoneOffset, seconds): with asset_date it gives the date folders of a
-- stored item's album links without its record. Null for items stored before this version, and when unknown.
ALTER TABLE asset ADD COLUMN time_zone_offset BIGINT;

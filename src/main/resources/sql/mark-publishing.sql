-- A file's "publishing" mark (state/PublishingMarks): Staging.publishingMark, the file's state keys, size and hash.
INSERT INTO media_file (file_key, master_id, zone_name, asset_id, rendition, path, size, sha256, checksum, status,
                        attempts, layout, updated_at)
VALUES (:fileKey, :masterId, :zoneName, :assetId, :rendition, :path, :size, :sha256, :checksum, 'publishing', 0,
        :layout, :updatedAt)
ON CONFLICT (file_key) DO UPDATE SET
    path = excluded.path,
    size = excluded.size,
    sha256 = excluded.sha256,
    layout = excluded.layout,
    status = 'publishing',
    updated_at = excluded.updated_at

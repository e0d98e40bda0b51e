INSERT INTO album_link (zone_name, album_id, path, asset_id, file_key, updated_at)
VALUES (:#zoneName, :#albumId, :#path, :#assetId, :#fileKey, :#updatedAt)
ON CONFLICT (zone_name, album_id, path) DO UPDATE SET
    asset_id = excluded.asset_id,
    file_key = excluded.file_key,
    updated_at = excluded.updated_at

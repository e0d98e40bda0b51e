INSERT INTO album_member (zone_name, album_id, asset_id, updated_at)
VALUES (:#zoneName, :#albumId, :#assetId, :#updatedAt)
ON CONFLICT (zone_name, album_id, asset_id) DO UPDATE SET
    updated_at = excluded.updated_at

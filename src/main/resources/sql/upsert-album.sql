INSERT INTO album (zone_name, album_id, name, parent_id, album_type, is_deleted, updated_at)
VALUES (:#zoneName, :#albumId, :#name, :#parentId, :#albumType, :#isDeleted, :#updatedAt)
ON CONFLICT (zone_name, album_id) DO UPDATE SET
    name = COALESCE(excluded.name, album.name),
    parent_id = excluded.parent_id,
    album_type = COALESCE(excluded.album_type, album.album_type),
    is_deleted = excluded.is_deleted,
    updated_at = excluded.updated_at

INSERT INTO media_file (file_key, master_id, zone_name, asset_id, rendition, path, size, sha256, checksum, status,
                        attempts, last_error, layout, updated_at)
VALUES (:#fileKey, :#masterId, :#zoneName, :#assetId, :#rendition, :#path, :#size, :#sha256, :#checksum, :#status,
        :#attempts, :#lastError, :#layout, :#updatedAt)
ON CONFLICT (file_key) DO UPDATE SET
    path = excluded.path,
    size = excluded.size,
    sha256 = excluded.sha256,
    checksum = excluded.checksum,
    status = excluded.status,
    attempts = excluded.attempts,
    last_error = excluded.last_error,
    layout = excluded.layout,
    placement = CASE WHEN excluded.status = 'done' THEN 'live' ELSE media_file.placement END,
    damaged = CASE WHEN excluded.status = 'done' THEN 0 ELSE media_file.damaged END,
    updated_at = excluded.updated_at

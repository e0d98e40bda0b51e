INSERT INTO media_file (file_key, master_id, zone_name, asset_id, rendition, path, size, sha256, checksum, status,
                        attempts, updated_at)
VALUES (:#${exchangeProperty.fileTask.stateKeys[fileKey]}, :#${exchangeProperty.fileTask.stateKeys[masterId]},
        :#${exchangeProperty.fileTask.stateKeys[zoneName]}, :#${exchangeProperty.fileTask.stateKeys[assetId]},
        :#${exchangeProperty.fileTask.stateKeys[rendition]}, :#${exchangeProperty.fileTask.stateKeys[path]},
        :#${header.CamelICloudPhotosFileSize}, :#${header.CamelICloudPhotosSha256},
        :#${exchangeProperty.fileTask.stateKeys[checksum]}, 'publishing', 0, :#${exchangeProperty.fileTask.stateKeys[updatedAt]})
ON CONFLICT (file_key) DO UPDATE SET
    path = excluded.path,
    size = excluded.size,
    sha256 = excluded.sha256,
    status = 'publishing',
    updated_at = excluded.updated_at

INSERT INTO asset (zone_name, asset_id, master_id, change_tag, asset_date, is_deleted, is_hidden, is_favorite,
                   adjustment_type, adjustment_fingerprint, status, content_profile, files_complete, purged_at,
                   time_zone_offset, freeing, metadata_digest, updated_at)
VALUES (:#zoneName, :#assetId, :#masterId, :#changeTag, :#assetDate, :#isDeleted, :#isHidden, :#isFavorite,
        :#adjustmentType, :#adjustmentFingerprint, :#status, :#contentProfile, :#filesComplete, :#purgedAt,
        :#timeZoneOffset, :#freeing, :#metadataDigest, :#updatedAt)
ON CONFLICT (zone_name, asset_id) DO UPDATE SET
    master_id = excluded.master_id,
    change_tag = excluded.change_tag,
    asset_date = COALESCE(excluded.asset_date, asset.asset_date),
    is_deleted = excluded.is_deleted,
    is_hidden = excluded.is_hidden,
    is_favorite = excluded.is_favorite,
    adjustment_type = excluded.adjustment_type,
    adjustment_fingerprint = excluded.adjustment_fingerprint,
    status = excluded.status,
    content_profile = excluded.content_profile,
    files_complete = excluded.files_complete,
    purged_at = COALESCE(excluded.purged_at, asset.purged_at),
    time_zone_offset = COALESCE(excluded.time_zone_offset, asset.time_zone_offset),
    freeing = COALESCE(excluded.freeing, asset.freeing),
    metadata_digest = excluded.metadata_digest,
    updated_at = excluded.updated_at

INSERT INTO master (master_id, filename, item_type, original_size, updated_at)
VALUES (:#masterId, :#filename, :#itemType, :#originalSize, :#updatedAt)
ON CONFLICT (master_id) DO UPDATE SET
    filename = excluded.filename,
    item_type = excluded.item_type,
    original_size = excluded.original_size,
    updated_at = excluded.updated_at

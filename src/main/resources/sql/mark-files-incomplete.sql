-- A file of the item is missing or damaged at the destination: the next sync looks the item up and fetches it again.
UPDATE asset SET files_complete = 0, updated_at = :#updatedAt WHERE zone_name = :#zoneName AND asset_id = :#assetId

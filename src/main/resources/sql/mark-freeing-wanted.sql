-- An item chosen to free iCloud space (--delete-after-download downloaded it, or it is about to be moved to Recently
-- Deleted): from now on its copy stays whatever --on-delete and --on-purge say. Only the personal library's items are
-- the user's to move; one chosen before keeps its mark, one the user restored is never chosen again.
UPDATE asset SET freeing = 'wanted', updated_at = :#updatedAt
WHERE zone_name = :#zoneName AND asset_id = :#assetId AND zone_name = 'PrimarySync'
  AND (freeing IS NULL OR freeing = 'wanted')

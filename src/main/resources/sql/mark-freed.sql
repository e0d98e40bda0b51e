-- iCloud confirmed the move to Recently Deleted: the item is trashed, by this product, with the change tag iCloud
-- answered, so the soft delete the change feed brings next is no news and no deletion policy touches the copy.
UPDATE asset SET freeing = 'freed', is_deleted = 1, status = 'trashed', change_tag = :#changeTag,
                 updated_at = :#updatedAt
WHERE zone_name = :#zoneName AND asset_id = :#assetId

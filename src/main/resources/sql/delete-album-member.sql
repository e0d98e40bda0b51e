DELETE FROM album_member WHERE zone_name = :#zoneName AND album_id = :#albumId AND asset_id = :#assetId

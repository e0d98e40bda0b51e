DELETE FROM album_link WHERE zone_name = :#zoneName AND album_id = :#albumId AND path = :#path

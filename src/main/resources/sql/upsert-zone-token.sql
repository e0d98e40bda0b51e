INSERT INTO zone_token (database_name, zone_name, sync_token, updated_at)
VALUES (:#databaseName, :#zoneName, :#syncToken, :#updatedAt)
ON CONFLICT (database_name, zone_name) DO UPDATE SET
    sync_token = excluded.sync_token,
    updated_at = excluded.updated_at

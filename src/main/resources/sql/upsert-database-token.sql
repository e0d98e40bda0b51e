INSERT INTO database_token (database_name, sync_token, updated_at)
VALUES (:#databaseName, :#syncToken, :#updatedAt)
ON CONFLICT (database_name) DO UPDATE SET
    sync_token = excluded.sync_token,
    updated_at = excluded.updated_at

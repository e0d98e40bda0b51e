INSERT INTO library (zone_name, database_name, status, updated_at)
VALUES (:#zoneName, :#databaseName, :#status, :#updatedAt)
ON CONFLICT (zone_name) DO UPDATE SET
    database_name = excluded.database_name,
    status = excluded.status,
    updated_at = excluded.updated_at

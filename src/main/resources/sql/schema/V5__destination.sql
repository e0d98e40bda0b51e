-- The destination this state describes: the state is kept per destination, since each holds its own files and
-- follows iCloud up to its own tokens. One row; a database given by state.jdbc-url serves one destination only.
CREATE TABLE destination (
    identity   TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);

-- The path-deciding settings (folder structure, naming and dedup policies) a file's path follows; when they change,
-- files are moved to their new paths. Null for files stored before this version: taken to follow the settings of
-- the first sync after it.
ALTER TABLE media_file ADD COLUMN layout TEXT;

-- An item's files are looked up by its master for every item a sync handles.
CREATE INDEX media_file_by_master ON media_file (master_id);

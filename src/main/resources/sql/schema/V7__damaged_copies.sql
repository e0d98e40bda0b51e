-- A stored file whose copy in the destination `verify` found missing, truncated or corrupt (a SHA-256 that differs from
-- the recorded one, even at the recorded size): the next download of it replaces the copy at its path, and the mark
-- stays until one succeeds, so a failed repair never lets the damaged copy pass for a good one.
ALTER TABLE media_file ADD COLUMN damaged INTEGER NOT NULL DEFAULT 0;

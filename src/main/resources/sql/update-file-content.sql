-- A stored file rewritten in place (its metadata): its new size and hash.
UPDATE media_file SET size = :#size, sha256 = :#sha256, updated_at = :#updatedAt WHERE file_key = :#fileKey

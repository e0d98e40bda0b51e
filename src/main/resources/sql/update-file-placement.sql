UPDATE media_file SET placement = :#placement, updated_at = :#updatedAt WHERE file_key = :#fileKey

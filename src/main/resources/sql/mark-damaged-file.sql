-- Body: VerifyReport.repairRows. The copy at the file's path is missing or damaged: its next download replaces it there.
UPDATE media_file SET damaged = 1, updated_at = :#updatedAt WHERE file_key = :#fileKey

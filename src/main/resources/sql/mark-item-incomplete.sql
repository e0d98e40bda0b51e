-- Body: VerifyReport.repairRows. The items in the library that show the file are looked up again by the next sync.
UPDATE asset SET files_complete = 0, updated_at = :#updatedAt WHERE master_id = :#masterId AND status = 'active'

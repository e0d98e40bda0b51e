-- Body: VerifyReport.repairRows. The items in the library that show the file are looked up again by the next sync
-- (hidden ones too: the readers of files_complete leave them out where hidden photos are not part of the copy).
UPDATE asset SET files_complete = 0, updated_at = :#updatedAt WHERE master_id = :#masterId AND status IN ('active', 'hidden')

-- Items moved to iCloud's Recently Deleted to free space (--delete-after-download, --keep-icloud-recent-days):
-- 'wanted' once chosen (by a --delete-after-download run that downloaded it, or just before iCloud is asked), 'freed'
-- once iCloud confirmed the move, 'restored' once the user brought a chosen item back (it is never chosen again).
-- A 'wanted' or 'freed' item's copy stays whatever --on-delete and --on-purge say: it is the one that is kept.
ALTER TABLE asset ADD COLUMN freeing TEXT;

-- What every cycle asks the state, answered by an index instead of a read of every row: without them a sync where
-- nothing changed read the whole asset and media_file tables three times (half a second at 100,000 items, growing
-- with the library; bench/README.md, incremental.sh).
-- Items still missing a file (SyncStateRepository.incompleteAssets and incompleteItemCount): few, usually none.
CREATE INDEX asset_incomplete ON asset (zone_name, updated_at) WHERE files_complete = 0;
-- Items fetched under other download settings (hasItemsOutside): a range either side of the current profile.
CREATE INDEX asset_by_content_profile ON asset (zone_name, status, content_profile);
-- Stored files laid out by other path settings (itemsLaidOutOtherThan): likewise.
CREATE INDEX media_file_by_layout ON media_file (status, placement, layout);

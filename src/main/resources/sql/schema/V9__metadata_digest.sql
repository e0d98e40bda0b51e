-- What metadata was written into an item's files (MetadataOptions.digest of the options and of the iCloud fields
-- they write): a favourite or caption changed since, or other metadata options, make it differ, and the files are
-- rewritten in place. Null for items written before this version, and when no metadata option is on.
ALTER TABLE asset ADD COLUMN metadata_digest TEXT;

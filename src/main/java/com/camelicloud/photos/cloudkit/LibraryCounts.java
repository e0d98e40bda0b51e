package com.camelicloud.photos.cloudkit;

/**
 * What iCloud counts in one library (docs/protocol.md §3.7): items neither hidden nor deleted, and the videos among
 * them. For diagnostics only: a count does not prove a listing complete, nor its shortfall a listing incomplete.
 *
 * @param items  {@code CPLAssetByAssetDateWithoutHiddenOrDeleted}, null when iCloud gave no count
 * @param videos {@code CPLAssetInSmartAlbumByAssetDate:Video}, null when iCloud gave no count
 */
public record LibraryCounts(ZoneId library, Long items, Long videos) {

    /** Everything that is not a video (Live Photos included), when both counts came. */
    public Long photos() {
        return items == null || videos == null ? null : items - videos;
    }
}

package com.camelicloud.photos.state;

/**
 * What we stored about a library item: the fields change classification compares with the next
 * version of the record (docs/protocol.md §6.1).
 *
 * @param status         {@code active}, {@code trashed}, {@code hidden}, {@code purged} or {@code removed}
 * @param contentProfile the download settings the item's files were fetched for
 * @param filesComplete  every file those settings ask for is written
 * @param purgedAt       when a purge tombstone arrived (ms), or null
 * @param metadataDigest what metadata its files carry ({@code MetadataOptions.digest}), or null when unknown or none
 */
public record AssetState(String zoneName, String assetId, String masterId, String changeTag, boolean deleted,
                         boolean hidden, boolean favorite, String adjustmentType, String adjustmentFingerprint,
                         String status, String contentProfile, boolean filesComplete, Long purgedAt,
                         String metadataDigest) {

    /** The {@code status} of an item whose purge was committed. */
    public static final String PURGED = "purged";

    public boolean purged() {
        return PURGED.equals(status);
    }
}

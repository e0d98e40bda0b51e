package com.camelicloud.photos.state;

/**
 * What we stored about a library item: the fields change classification compares with the next
 * version of the record (docs/protocol.md §6.1).
 *
 * @param status         {@code active}, {@code trashed}, {@code hidden}, {@code purged} or {@code removed}
 * @param contentProfile the download settings the item's files were fetched for
 * @param filesComplete  every file those settings ask for is written
 * @param purgedAt       when a purge tombstone arrived (ms), or null
 * @param freeing        {@code wanted}, {@code freed} or {@code restored} when it was chosen to free iCloud space
 *                       (see {@code V8__freeing_icloud_space.sql}), else null
 * @param metadataDigest what metadata its files carry ({@code MetadataOptions.digest}), or null when unknown or none
 */
public record AssetState(String zoneName, String assetId, String masterId, String changeTag, boolean deleted,
                         boolean hidden, boolean favorite, String adjustmentType, String adjustmentFingerprint,
                         String status, String contentProfile, boolean filesComplete, Long purgedAt, String freeing,
                         String metadataDigest) {

    /** The {@code status} of an item whose purge was committed. */
    public static final String PURGED = "purged";
    public static final String FREEING_WANTED = "wanted";
    public static final String FREEING_FREED = "freed";
    public static final String FREEING_RESTORED = "restored";

    public boolean purged() {
        return PURGED.equals(status);
    }

    /**
     * Whether this product moved the item to Recently Deleted, or may have (it was chosen, and iCloud's answer was
     * not recorded): its copy is then the one that is kept, whatever the deletion policies say.
     */
    public boolean movedToFreeSpace() {
        return FREEING_WANTED.equals(freeing) || FREEING_FREED.equals(freeing);
    }
}

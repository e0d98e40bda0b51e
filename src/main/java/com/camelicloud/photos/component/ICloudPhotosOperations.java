package com.camelicloud.photos.component;

/** What an {@code icloud-photos:} producer does with the exchange. */
public enum ICloudPhotosOperations {
    /** Body out: a lazy {@code ChangeFeed} of this cycle's pages, to split with {@code streaming}. */
    listChanges,
    /** Body in: a {@code FileTask}; body out: the downloaded, validated temp file, ready to publish. */
    download,
    /** Body out: the account's photo libraries ({@code ZoneId}s), PrimarySync and every Shared Library. */
    listLibraries,
    /** Body in and out: a {@code FreeSpaceBatch}, its undecided items given their current records (records/lookup). */
    lookupItems,
    /**
     * Body in and out: a {@code FreeSpaceBatch}, its eligible items moved to Recently Deleted (records/modify, paced
     * by {@code modifyInterval}); those refused for a conflict are read again.
     */
    moveToRecentlyDeleted
}

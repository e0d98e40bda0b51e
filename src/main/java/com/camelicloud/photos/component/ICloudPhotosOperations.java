package com.camelicloud.photos.component;

/** What an {@code icloud-photos:} producer does with the exchange. */
public enum ICloudPhotosOperations {
    /** Body out: a lazy {@code ChangeFeed} of this cycle's pages, to split with {@code streaming}. */
    listChanges,
    /** Body in: a {@code FileTask}; body out: the downloaded, validated temp file, ready to publish. */
    download,
    /**
     * Body in: the libraries ({@code ZoneId}s) to count; body out: a {@code LibraryCounts} for each, iCloud's own
     * counts of items and videos (docs/protocol.md §3.7), which are diagnostics and never proof of completeness.
     */
    countItems,
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

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
    countItems
}

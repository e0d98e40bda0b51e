package com.camelicloud.photos.component;

/** What an {@code icloud-photos:} producer does with the exchange. */
public enum ICloudPhotosOperations {
    /** Body out: a lazy {@code ChangeFeed} of this cycle's pages, to split with {@code streaming}. */
    listChanges,
    /** Body in: a {@code FileTask}; body out: the downloaded, validated temp file, ready to publish. */
    download
}

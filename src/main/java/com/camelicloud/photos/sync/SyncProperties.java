package com.camelicloud.photos.sync;

/** Exchange properties the sync routes share. */
public final class SyncProperties {

    /** The {@link ChangePage} being processed. */
    public static final String PAGE = "page";
    /** The {@link FileTask} of a file transfer, kept while the body becomes the downloaded file. */
    public static final String FILE_TASK = "fileTask";

    private SyncProperties() {
    }
}

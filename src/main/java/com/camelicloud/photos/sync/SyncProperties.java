package com.camelicloud.photos.sync;

/** Exchange properties the sync routes share. */
public final class SyncProperties {

    /** The {@link ChangePage} being processed. */
    public static final String PAGE = "page";
    /** The {@link FileTask} of a file transfer, kept while the body becomes the downloaded file. */
    public static final String FILE_TASK = "fileTask";
    /** The temp file a download or a metadata rewrite wrote, until it is published and discarded. */
    public static final String STAGED_FILE = "stagedFile";
    /** What the metadata step wrote into a file, kept until its sidecar step. */
    public static final String METADATA_OUTCOME = "metadataOutcome";

    private SyncProperties() {
    }
}

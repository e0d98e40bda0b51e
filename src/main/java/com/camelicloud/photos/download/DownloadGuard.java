package com.camelicloud.photos.download;

/**
 * Asked before each request and each chunk a download writes: it throws to abandon every download at once, e.g. when
 * this node no longer leads the sync and another may be writing the same files. The exception travels out of
 * {@link MediaDownloader#download} unchanged; the temp file stays, to be resumed by whoever syncs next.
 */
@FunctionalInterface
public interface DownloadGuard {

    /** Never stops a download. */
    DownloadGuard NONE = () -> {
    };

    /** Returns when the download may go on; throws otherwise. */
    void check();
}

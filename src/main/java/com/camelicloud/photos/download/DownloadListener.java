package com.camelicloud.photos.download;

import com.camelicloud.photos.library.Resource;
import java.time.Duration;

/**
 * Observes downloads, e.g. for a progress bar, metrics, or lowering concurrency when the CDN throttles (§9.2).
 * Called on the downloading thread; implementations must be quick and thread-safe. Exceptions are logged and ignored.
 */
public interface DownloadListener {

    /** {@code bytes} more bytes of {@code resource} arrived and were written. */
    default void onBytes(Resource resource, long bytes) {
    }

    /**
     * A transfer failed and will be retried after {@code delay}; {@code problem.reason()} is
     * {@link DownloadException.Reason#THROTTLED} for 429/503.
     */
    default void onRetry(Resource resource, DownloadException problem, int retry, Duration delay) {
    }

    /** The download URL was refreshed after {@code problem}. */
    default void onUrlRefreshed(Resource resource, DownloadException problem) {
    }
}

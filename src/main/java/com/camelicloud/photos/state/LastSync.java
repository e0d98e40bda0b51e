package com.camelicloud.photos.state;

import java.time.Instant;

/**
 * How the last sync cycle to a destination ended, as the state recorded it.
 *
 * @param status       {@code success}, {@code partial}, {@code failed} or {@code interrupted}
 * @param filesMissing null when the cycle ended before counting them
 * @param lastSuccess  when a cycle last completed (success or partial), or null
 */
public record LastSync(Instant started, Instant finished, String status, long filesDownloaded, long bytesDownloaded,
                       long filesFailed, Long filesMissing, int maxDownloadAttempts, String error, Instant lastSuccess) {
}

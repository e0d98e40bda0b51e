package com.camelicloud.photos.state;

import java.time.Instant;

/**
 * How the last sync cycle to a destination ended, as the state recorded it.
 *
 * @param status              {@code success}, {@code partial}, {@code failed} or {@code interrupted}
 * @param maxDownloadAttempts the {@code --max-download-attempts} it ran with: which failed files it gave up on
 * @param lastSuccess         when a cycle last completed (success or partial), or null
 */
public record LastSync(Instant started, Instant finished, String status, long filesDownloaded, long bytesDownloaded,
                       long filesFailed, int maxDownloadAttempts, String error, Instant lastSuccess) {
}

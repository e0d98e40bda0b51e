package com.camelicloud.photos.state;

import com.camelicloud.photos.destination.DestinationProbe;

/**
 * A file written under the destination, or one that failed and waits for a retry.
 *
 * @param fileKey {@code <masterId>/<rendition>} or {@code <zone>/<assetId>/<rendition>}
 * @param checksum  iCloud's {@code fileChecksum} of the resource it was downloaded from: tells a new edit from the old
 * @param status    {@code done}, {@code failed}, or {@code forgotten} (failed, and neither retried nor reported
 *                  since {@code --forget-failed})
 * @param placement where the file is now: {@code live}, in a quarantine folder, or {@code removed}
 * @param layout    the path-deciding settings its path follows ({@code PhotoLayout.profile()}); null when stored
 *                  before they were recorded, which counts as the current settings
 * @param damaged   {@code verify} found its copy missing, truncated or corrupt; the next download replaces it in place
 */
public record MediaFileState(String fileKey, String masterId, String zoneName, String assetId, String rendition,
                             String path, Long size, String sha256, String checksum, String status, int attempts,
                             String placement, String layout, boolean damaged) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean isDone() {
        return DONE.equals(status);
    }

    /**
     * Whether the file is stored and there: written, not found damaged by a verify, and at its path with its recorded
     * size. The one test of "present" for planning and for a verified listing.
     */
    public boolean isStoredAt(DestinationProbe destination) {
        return isDone() && !damaged && path != null && destination.hasRecordedSize(path, size);
    }

    /** Whether its path was decided by other path settings than {@code layoutProfile}. */
    public boolean laidOutOtherThan(String layoutProfile) {
        return layout != null && !layout.equals(layoutProfile);
    }
}

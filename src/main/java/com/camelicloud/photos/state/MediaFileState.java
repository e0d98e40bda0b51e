package com.camelicloud.photos.state;

/**
 * A file written under the destination, or one that failed and waits for a retry.
 *
 * @param fileKey {@code <masterId>/<rendition>} or {@code <zone>/<assetId>/<rendition>}
 * @param checksum  iCloud's {@code fileChecksum} of the resource it was downloaded from: tells a new edit from the old
 * @param status    {@code done} or {@code failed}
 * @param placement where the file is now: {@code live}, in a quarantine folder, or {@code removed}
 */
public record MediaFileState(String fileKey, String masterId, String zoneName, String assetId, String rendition,
                             String path, Long size, String sha256, String checksum, String status, int attempts,
                             String placement) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean isDone() {
        return DONE.equals(status);
    }
}

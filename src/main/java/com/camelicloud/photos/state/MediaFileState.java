package com.camelicloud.photos.state;

/**
 * A file written under the destination, or one that failed and waits for a retry.
 *
 * @param fileKey {@code <masterId>/<rendition>} or {@code <zone>/<assetId>/<rendition>}
 * @param status    {@code done} or {@code failed}
 * @param placement where the file is now: {@code live}, in a quarantine folder, or {@code removed}
 * @param damaged   {@code verify} found its copy missing, truncated or corrupt; the next download replaces it in place
 */
public record MediaFileState(String fileKey, String masterId, String zoneName, String assetId, String rendition,
                             String path, Long size, String sha256, String status, int attempts, String placement,
                             boolean damaged) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean isDone() {
        return DONE.equals(status);
    }
}

package com.camelicloud.photos.sync;

/**
 * One line of the audit log: a local file moved, linked or deleted because of what happened in iCloud.
 *
 * @param time   ISO-8601 instant of the action
 * @param path   the file's path before the action, relative to the destination
 * @param target where it went (or, for an album link, where it now also appears), or null when it was deleted; for
 *               freed-icloud-space, the copy itself, which stays where it is
 * @param reason what happened in iCloud: trashed, hidden, purged, restored, unhidden, added-to-album,
 *               removed-from-album, album-renamed, album-deleted, relayout; or freed-icloud-space: this product moved
 *               the item to Recently Deleted, its copy being verified
 * @param policy the setting that decided it, e.g. {@code on-delete=quarantine}
 */
public record AuditEntry(String time, String zone, String assetId, String path, String target, String reason,
                         String policy) {
}

package com.camelicloud.photos.sync;

import java.util.Locale;

import com.camelicloud.photos.cloudkit.ZoneId;

/**
 * What a sync cycle reads.
 *
 * @param libraries       {@code PrimarySync}, {@code all}, or one {@code SharedSync-…} zone name
 * @param fullEnumeration ignore stored zone tokens and list every library with records/query
 * @param copy            what the copy holds: download settings, hidden photos
 * @param listener        told when a zone's walk starts, for progress display; may be null
 * @param maxDownloadAttempts an item is retried until one of its files failed this many times
 * @param retryFailedOnly only retry items that failed before, whatever their attempt count ({@code --retry-failed})
 * @param repairOnly      only fetch the files of items that lack some, those of the copies {@code verify} found missing
 *                        or damaged among them, whatever their attempts ({@code verify --repair})
 * @param listingLimit    a full listing stops after this many items ({@code --recent}); 0 for no limit
 * @param albumIndex      a full listing first reads the user albums and their members, for album filters and layouts
 * @param albumFolders    an {album} layout: files whose first album changed move to its folder at the end of a cycle
 * @param layoutProfile   identity of the path-deciding settings; files stored under others move to their new paths
 */
public record FeedOptions(String libraries, boolean fullEnumeration, CopySettings copy, FeedListener listener,
                          int maxDownloadAttempts, boolean retryFailedOnly, boolean repairOnly, int listingLimit,
                          boolean albumIndex, boolean albumFolders, String layoutProfile) {

    public static final String ALL = "all";

    public FeedOptions {
        if (libraries == null || libraries.isBlank()) {
            libraries = ZoneId.PRIMARY;
        }
        if (!libraries.equalsIgnoreCase(ALL) && !libraries.equals(ZoneId.PRIMARY)
                && !libraries.startsWith(ZoneId.SHARED_PREFIX)) {
            throw new IllegalArgumentException("--library must be PrimarySync, all, or a SharedSync-<UUID> zone name, not '"
                    + libraries + "'");
        }
    }

    /** Identity of the download settings. */
    public String contentProfile() {
        return copy.contentProfile();
    }

    /** Whether a full listing also reads the Hidden index: hidden photos are part of the copy. */
    public boolean listHidden() {
        return copy.keepsHidden();
    }

    public boolean allLibraries() {
        return libraries.toLowerCase(Locale.ROOT).equals(ALL);
    }

    /** Whether a discovered zone is one this cycle syncs. */
    public boolean selects(ZoneId zone) {
        return zone.isPhotoLibrary() && (allLibraries() || libraries.equals(zone.zoneName()));
    }

    /** Progress callbacks of a feed. */
    public interface FeedListener {
        /** @param expectedAssets the server's count for a full scan, or -1 when unknown */
        void zoneStarted(ZoneId zone, boolean fullScan, long expectedAssets);
    }
}

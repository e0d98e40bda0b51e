package com.camelicloud.photos.sync;

import com.camelicloud.photos.destination.Destination;

/**
 * Changes to files already at the destination, which the deletion, hiding and purge policies and the album folders
 * make: moves, deletions, album links. Each says what it did, in the log. A dry run has its own implementation
 * ({@link DryRunPrinter}) that only says what would be done, so the beans that decide on these changes never ask
 * whether the run is a dry one; this factory is where that is decided for them.
 */
public interface FileChanges {

    /** @param dryRun {@code sync.dry-run} */
    static FileChanges of(boolean dryRun, Destination destination, DryRunPrinter printer) {
        return dryRun ? printer : new AppliedFileChanges(destination);
    }

    /** Moves a stored file, and its XMP sidecar along with it. {@code why} ends the log line, in brackets. */
    void move(String from, String to, String why);

    /** Deletes a stored file and its XMP sidecar. */
    void delete(String path, String why);

    /** Makes a stored file appear at {@code link}: a hard link, or a copy. */
    void link(String stored, String link, boolean hardLink, String why);

    /** Removes a link (or copy) of a stored file from an album's folder. */
    void unlink(String link, String why);

    /**
     * Whether the changes are made and their page committed, so that work left for after the commit (an item offered
     * again) happens; false in a dry run, which commits nothing.
     */
    boolean committed();
}

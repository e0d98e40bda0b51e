package com.camelicloud.photos.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.component.UrlBatch;

/**
 * One exchange's worth of changes for one zone, plus what processing it produced. Branch routes run
 * in parallel and add state rows here; the commit route writes them together with
 * {@link #getCommitToken()} in one transaction (docs/protocol.md §4.3 rule 1).
 */
public final class ChangePage implements UrlBatch {

    private final ZoneId zone;
    private final boolean fullScan;
    private final int sequence;
    private final List<LibraryChange> changes;
    private final String commitToken;
    private final boolean endOfZone;
    private final String contentProfile;
    private final Queue<LibraryChange> processed = new ConcurrentLinkedQueue<>();
    /** Paths claimed by this page's files before they reach the database. */
    private final Map<String, String> reservedPaths = new ConcurrentHashMap<>();
    /** One task per file key: two assets sharing a master in one page fetch it once. */
    private final Map<String, FileTask> plannedFiles = new ConcurrentHashMap<>();
    private volatile Instant urlsFetchedAt = Instant.now();
    private volatile Reoffers reoffers = new Reoffers();

    public ChangePage(ZoneId zone, boolean fullScan, int sequence, List<LibraryChange> changes, String commitToken,
                      boolean endOfZone, String contentProfile) {
        this.contentProfile = contentProfile;
        this.zone = zone;
        this.fullScan = fullScan;
        this.sequence = sequence;
        this.changes = List.copyOf(changes);
        this.commitToken = commitToken;
        this.endOfZone = endOfZone;
    }

    public ZoneId getZone() {
        return zone;
    }

    public String getZoneName() {
        return zone.zoneName();
    }

    public String getDatabaseName() {
        return zone.database().path();
    }

    public boolean isFullScan() {
        return fullScan;
    }

    public int getSequence() {
        return sequence;
    }

    public List<LibraryChange> getChanges() {
        return changes;
    }

    /** The zone token to store once this page is durable; null in the middle of a full scan (§4.3 rule 3). */
    public String getCommitToken() {
        return commitToken;
    }

    public boolean isEndOfZone() {
        return endOfZone;
    }

    /** Where the items this page asks to see again are noted: the cycle's feed. */
    void reofferTo(Reoffers cycle) {
        this.reoffers = cycle;
    }

    /**
     * The item is to go through the sync again once this page is committed: an album change sent its stored files to
     * another folder, or another item that showed its file left the copy.
     */
    public void offerAgain(String zoneName, String assetId) {
        reoffers.add(zoneName, assetId);
    }

    /**
     * Whether processing the page may ask for items to be seen again ({@link #offerAgain}): it changes albums, or hides,
     * unhides or restores photos, in an {album} layout; it changes items while metadata is written.
     */
    boolean mayOfferAgain(boolean albumFolders, boolean metadata) {
        return changes.stream().anyMatch(change -> switch (change.getType()) {
            case ALBUM_CHANGED, ALBUM_DELETED, ALBUM_MEMBER_ADDED, ALBUM_MEMBER_REMOVED -> albumFolders;
            // a photo hidden, unhidden or restored may have files to move to its albums' folders, or out of them
            case ASSET_HIDDEN, ASSET_UNHIDDEN, ASSET_RESTORED -> albumFolders || metadata;
            case LIBRARY_GONE -> false;
            default -> metadata;
        });
    }

    /** A change went through its branch; its rows are written with this page. */
    public void processed(LibraryChange change) {
        processed.add(change);
    }

    /** The task already planned in this page for a file key, or null. */
    public FileTask plannedFile(String fileKey) {
        return plannedFiles.get(fileKey);
    }

    public void addPlannedFile(FileTask task) {
        task.plannedIn(this);
        plannedFiles.putIfAbsent(task.getFileKey(), task);
    }

    /** The page's files still to download. */
    @Override
    public List<FileTask> pendingFiles() {
        return plannedFiles.values().stream().filter(FileTask::isPending).toList();
    }

    /** When the answer carrying this page's download URLs arrived (or their last refresh). */
    @Override
    public Instant urlsFetchedAt() {
        return urlsFetchedAt;
    }

    @Override
    public void urlsRefreshed() {
        urlsFetchedAt = Instant.now();
    }

    public List<Map<String, Object>> getAssetRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LibraryChange change : processed) {
            if (change.getAsset() != null) {
                rows.add(StateRows.asset(change, contentProfile));
            } else if (change.getType() == ChangeType.ASSET_PURGED && change.getPrevious() != null) {
                rows.add(StateRows.purged(change.getPrevious()));
            }
        }
        return rows;
    }

    /** Stored files rewritten in place (their metadata). */
    public List<Map<String, Object>> getRewrittenFileRows() {
        return processed.stream().flatMap(change -> change.rewrittenFiles().stream()).map(StateRows::content).toList();
    }

    /** Files that policies moved or deleted. */
    public List<Map<String, Object>> getPlacementRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LibraryChange change : processed) {
            change.placements().forEach((fileKey, placement) -> rows.add(StateRows.placement(fileKey, placement)));
        }
        return rows;
    }

    public List<Map<String, Object>> getAlbumRows() {
        return processed.stream().filter(c -> c.getType() == ChangeType.ALBUM_CHANGED
                || c.getType() == ChangeType.ALBUM_DELETED).map(StateRows::album).toList();
    }

    public List<Map<String, Object>> getMembershipRows() {
        return processed.stream().filter(c -> c.getType() == ChangeType.ALBUM_MEMBER_ADDED)
                .map(StateRows::membership).toList();
    }

    public List<Map<String, Object>> getRemovedMembershipRows() {
        return processed.stream().filter(c -> c.getType() == ChangeType.ALBUM_MEMBER_REMOVED)
                .map(StateRows::membership).toList();
    }

    /** Album links placed by this page's changes (downloads and album changes). */
    public List<Map<String, Object>> getAlbumLinkRows() {
        return processed.stream().flatMap(change -> change.albumLinks().stream()).map(StateRows::albumLink).toList();
    }

    public List<Map<String, Object>> getRemovedAlbumLinkRows() {
        return processed.stream().flatMap(change -> change.removedAlbumLinks().stream()).map(StateRows::albumLink)
                .toList();
    }

    public List<Map<String, Object>> getMasterRows() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (LibraryChange change : processed) {
            if (change.getAsset() != null && change.getAsset().master() != null) {
                rows.putIfAbsent(change.getAsset().masterId(), StateRows.master(change.getAsset()));
            }
        }
        return new ArrayList<>(rows.values());
    }

    public List<Map<String, Object>> getFileRows() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (LibraryChange change : processed) {
            for (FileTask task : change.getFiles()) {
                // A task without a path never reached the destination: nothing to track, the item stays incomplete.
                if (!task.isPending() && task.getRelativePath() != null) {
                    rows.putIfAbsent(task.getFileKey(), StateRows.file(task));
                }
            }
        }
        return new ArrayList<>(rows.values());
    }

    /**
     * The items whose files this page downloaded (not found already present or moved), for
     * {@code --delete-after-download}, which moves those to Recently Deleted once their copy is verified.
     */
    public List<Map<String, Object>> getDownloadedItemRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LibraryChange change : processed) {
            boolean downloaded = change.getAsset() != null && change.getFiles().stream()
                    .anyMatch(task -> task.getOutcome() == FileTask.Outcome.DOWNLOADED);
            if (downloaded) {
                rows.add(Map.of("zoneName", getZoneName(), "assetId", change.getRecordName(),
                        "updatedAt", System.currentTimeMillis()));
            }
        }
        return rows;
    }

    /** The row that stores {@link #getCommitToken()} for this zone. */
    public Map<String, Object> getTokenRow() {
        return Map.of("databaseName", getDatabaseName(), "zoneName", getZoneName(), "syncToken", commitToken,
                "updatedAt", System.currentTimeMillis());
    }

    /** The row that records this zone as a library synced by this account. */
    public Map<String, Object> getLibraryRow() {
        boolean gone = changes.stream().anyMatch(c -> c.getType() == ChangeType.LIBRARY_GONE);
        return Map.of("databaseName", getDatabaseName(), "zoneName", getZoneName(), "status", gone ? "gone" : "active",
                "updatedAt", System.currentTimeMillis());
    }

    public Map<String, String> reservedPaths() {
        return reservedPaths;
    }

    @Override
    public String toString() {
        return "ChangePage[" + zone + " #" + sequence + ", " + changes.size() + " changes"
                + (commitToken != null ? ", checkpoint" : "") + "]";
    }
}

package com.camelicloud.photos.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AlbumLinkState;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;

/**
 * One classified change, the body each branch route receives. Asset changes carry the received
 * {@link PhotoAsset} (its master may be null for asset-only changes that need no file) and what was
 * stored before; album changes carry the raw record.
 */
public final class LibraryChange implements AuditedWork {

    private final ChangeType type;
    private final ZoneId zone;
    private final String recordName;
    private final PhotoAsset asset;
    private final AssetState previous;
    private final Set<Transition> transitions;
    private final CkRecord record;
    private final List<FileTask> files = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Placement> placements = new LinkedHashMap<>();
    private final List<AuditEntry> auditEntries = new ArrayList<>();
    private final List<AlbumLinkState> albumLinks = new ArrayList<>();
    private final List<AlbumLinkState> removedAlbumLinks = new ArrayList<>();
    private final Set<String> retiredFiles = new HashSet<>();
    private final List<MediaFileState> rewrittenFiles = new ArrayList<>();
    private volatile String metadataDigest;
    /** Marks {@link #metadataDigest} as set to "not known" (null in the state). */
    private static final String UNKNOWN_DIGEST = "";
    private volatile String skipReason;

    private LibraryChange(ChangeType type, ZoneId zone, String recordName, PhotoAsset asset, AssetState previous,
                          Set<Transition> transitions, CkRecord record) {
        this.type = type;
        this.zone = zone;
        this.recordName = recordName;
        this.asset = asset;
        this.previous = previous;
        this.transitions = transitions.isEmpty() ? EnumSet.noneOf(Transition.class) : EnumSet.copyOf(transitions);
        this.record = record;
    }

    public static LibraryChange ofAsset(ChangeType type, ZoneId zone, PhotoAsset asset, AssetState previous,
                                        Set<Transition> transitions) {
        return new LibraryChange(type, zone, asset.assetId(), asset, previous, transitions, null);
    }

    /** A purge: only the stored state is known, the record is a tombstone. */
    public static LibraryChange purged(ZoneId zone, AssetState previous) {
        return new LibraryChange(ChangeType.ASSET_PURGED, zone, previous.assetId(), null, previous, Set.of(), null);
    }

    public static LibraryChange ofRecord(ChangeType type, ZoneId zone, String recordName, CkRecord record) {
        return new LibraryChange(type, zone, recordName, null, null, Set.of(), record);
    }

    public ChangeType getType() {
        return type;
    }

    public ZoneId getZone() {
        return zone;
    }

    public String getRecordName() {
        return recordName;
    }

    public PhotoAsset getAsset() {
        return asset;
    }

    public AssetState getPrevious() {
        return previous;
    }

    /**
     * The item was chosen to free iCloud space and moved to Recently Deleted by this product (or may have been): its
     * soft delete and its purge leave the copy alone, whatever the deletion policies say.
     */
    public boolean isMovedToFreeSpace() {
        return previous != null && previous.movedToFreeSpace();
    }

    /**
     * A purge the copy never saw in Recently Deleted (deleted and purged between two syncs): the item was in the
     * library at the last sync, so its deletion has not met {@code --on-delete} yet.
     */
    public boolean isDeletionUnseen() {
        return previous != null && !previous.deleted();
    }

    public Set<Transition> transitions() {
        return Collections.unmodifiableSet(transitions);
    }

    public boolean has(Transition transition) {
        return transitions.contains(transition);
    }

    public CkRecord getRecord() {
        return record;
    }

    /** The files the planner decided this change needs; each records its own outcome. */
    public List<FileTask> getFiles() {
        return files;
    }

    /** The planned files this change itself still has to download (a shared file is fetched by its first claimant). */
    public List<FileTask> getPendingFiles() {
        synchronized (files) {
            return files.stream().filter(task -> task.isPending() && task.getChange() == this).toList();
        }
    }

    /** True when every planned file is written (or was already there). */
    public boolean filesComplete() {
        synchronized (files) {
            return files.stream().allMatch(FileTask::isDone);
        }
    }

    /** A policy moved or deleted a written file of this change. */
    public synchronized void placed(String fileKey, Placement placement) {
        placements.put(fileKey, placement);
    }

    public synchronized Map<String, Placement> placements() {
        return new LinkedHashMap<>(placements);
    }

    /** Where a file is: as this change left it (a purge runs the trash policy first), else as the state says. */
    public synchronized Placement placementOf(MediaFileState file) {
        return placements.getOrDefault(file.fileKey(), Placement.fromId(file.placement()));
    }

    /** A file of a rendition the item no longer has (a reverted edit) was handled by policy: not a missing file. */
    public synchronized void retired(String fileKey) {
        retiredFiles.add(fileKey);
    }

    public synchronized Set<String> retiredFiles() {
        return Set.copyOf(retiredFiles);
    }

    /** A stored file was rewritten in place (its metadata): its new size and hash go with the page. */
    public synchronized void rewritten(MediaFileState file) {
        rewrittenFiles.add(file);
    }

    public synchronized List<MediaFileState> rewrittenFiles() {
        return List.copyOf(rewrittenFiles);
    }

    /**
     * Every file of the item now carries the metadata of this digest ({@code MetadataOptions.digest}); null when they
     * do not all carry the item's own (a file another item decides), which the next change of the item looks at again.
     */
    public void metadataWritten(String digest) {
        this.metadataDigest = digest == null ? UNKNOWN_DIGEST : digest;
    }

    /** What the item's files carry after this change: set when it wrote them, else what was stored. */
    public String getMetadataDigest() {
        if (metadataDigest != null) {
            return UNKNOWN_DIGEST.equals(metadataDigest) ? null : metadataDigest;
        }
        return previous == null ? null : previous.metadataDigest();
    }

    public synchronized void audit(AuditEntry entry) {
        auditEntries.add(entry);
    }

    /**
     * The audit lines of what policies did to this change's files, not written yet; they are written now. A branch
     * may write its lines at several steps.
     */
    @Override
    public synchronized List<AuditEntry> takeAuditEntries() {
        List<AuditEntry> entries = List.copyOf(auditEntries);
        auditEntries.clear();
        return entries;
    }

    /** A link (or copy) of a stored file is in an album's folder: recorded with the page. */
    public synchronized void albumLinked(AlbumLinkState link) {
        albumLinks.add(link);
    }

    /** A recorded album link is gone, or no longer ours: its record goes with the page. */
    public synchronized void albumUnlinked(AlbumLinkState link) {
        removedAlbumLinks.add(link);
    }

    public synchronized List<AlbumLinkState> albumLinks() {
        return List.copyOf(albumLinks);
    }

    public synchronized List<AlbumLinkState> removedAlbumLinks() {
        return List.copyOf(removedAlbumLinks);
    }

    /** Whether this change planned files at all (only then does it say anything about completeness). */
    public boolean plannedFiles() {
        return !files.isEmpty();
    }

    /** The download settings keep none of this item's files, for {@code reason} (e.g. {@code video}). */
    public void skip(String reason) {
        this.skipReason = reason;
    }

    /** Why the settings keep no file of this item, or null. */
    public String getSkipReason() {
        return skipReason;
    }

    @Override
    public String toString() {
        return type + " " + zone.zoneName() + "/" + recordName;
    }
}

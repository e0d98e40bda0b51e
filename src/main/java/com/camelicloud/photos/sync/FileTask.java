package com.camelicloud.photos.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.component.MediaFile;
import com.camelicloud.photos.component.UrlBatch;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.StoredAlbum;

/**
 * One file a change needs under the destination: which rendition, from where, to which relative
 * path, and — once processed — how it went.
 *
 * @param fileKey identity of the rendition in the state database ({@code <masterId>/<rendition>} for
 *                master resources, so a photo in two libraries is stored once)
 */
public final class FileTask implements MediaFile {

    /** A move because the path-deciding settings changed. */
    public static final String RELAYOUT = "relayout";
    /** A move because the item's first album (its home in an {album} layout) changed. */
    public static final String ALBUM_HOME = "album-home";

    public enum Outcome {
        PENDING,
        /** Downloaded and published in this run. */
        DOWNLOADED,
        /** Already under its final name with the expected size (an earlier run, or a crash before its commit). */
        ALREADY_PRESENT,
        /** Moved from the path earlier layout settings gave it to the one the current settings give it. */
        MOVED,
        FAILED
    }

    private final LibraryChange change;
    private final String fileKey;
    private final String rendition;
    private volatile Resource resource;
    private volatile ChangePage page;
    private final String relativePath;
    private final Instant modified;
    private final int previousAttempts;
    private volatile Outcome outcome = Outcome.PENDING;
    private volatile String sha256;
    private volatile long size;
    private volatile String error;
    private volatile boolean replacing;
    private final List<StoredAlbum> otherAlbums = new CopyOnWriteArrayList<>();
    private volatile boolean replacesDamagedCopy;
    private volatile String layout;
    private volatile String movesFrom;
    private volatile String moveReason;

    /** @param layout the path-deciding settings {@code relativePath} follows ({@code PhotoLayout.profile()}) */
    public FileTask(LibraryChange change, String fileKey, String rendition, Resource resource, String relativePath,
                    Instant modified, int previousAttempts, String layout) {
        this.change = change;
        this.fileKey = fileKey;
        this.rendition = rendition;
        this.resource = resource;
        this.relativePath = relativePath;
        this.modified = modified;
        this.previousAttempts = previousAttempts;
        this.layout = layout;
    }

    public LibraryChange getChange() {
        return change;
    }

    public String getFileKey() {
        return fileKey;
    }

    @Override
    public PhotoAsset getAsset() {
        return change.getAsset();
    }

    @Override
    public ZoneId getZone() {
        return change.getZone();
    }

    @Override
    public String getRendition() {
        return rendition;
    }

    @Override
    public Resource getResource() {
        return resource;
    }

    /** A fresh download URL (and possibly new bytes) for the same rendition; null when it no longer exists. */
    @Override
    public void refreshed(Resource fresh) {
        this.resource = fresh;
    }

    /** The page this file was planned in: its files share URL refreshes. */
    public ChangePage getPage() {
        return page;
    }

    @Override
    public UrlBatch getUrlBatch() {
        return page;
    }

    void plannedIn(ChangePage plannedPage) {
        this.page = plannedPage;
    }

    /** Relative to the destination root, {@code /}-separated, already sanitised. */
    @Override
    public String getRelativePath() {
        return relativePath;
    }

    /** The capture time, used as the file's mtime. */
    @Override
    public Instant getModified() {
        return modified;
    }

    /**
     * The identity columns of this file's state row, for the "publishing" mark written just before the file
     * is renamed into place: after a crash the planner recognises the file as its own.
     */
    public Map<String, Object> getStateKeys() {
        Map<String, Object> keys = new HashMap<>();
        keys.put("fileKey", fileKey);
        keys.put("masterId", change.getAsset() == null ? null : change.getAsset().masterId());
        keys.put("zoneName", change.getZone().zoneName());
        keys.put("assetId", change.getRecordName());
        keys.put("rendition", rendition);
        keys.put("path", relativePath);
        keys.put("checksum", resource == null ? null : resource.checksum());
        keys.put("layout", layout);
        keys.put("updatedAt", System.currentTimeMillis());
        return keys;
    }

    /** S3 user metadata of the object: the item's identity and capture date. */
    public Map<String, String> getObjectMetadata() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("asset-id", change.getRecordName());
        metadata.put("library", change.getZone().zoneName());
        if (change.getAsset() != null) {
            metadata.put("master-id", change.getAsset().masterId());
            change.getAsset().captureTime().ifPresent(time -> metadata.put("capture-date", time.toString()));
        }
        return metadata;
    }

    /** The albums whose folders the file also appears in, besides the one it is stored in ({album} layouts). */
    public List<StoredAlbum> getOtherAlbums() {
        return otherAlbums;
    }

    public void alsoIn(StoredAlbum album) {
        otherAlbums.add(album);
    }

    /** The file as its state row will say once the page is committed, for a done task. */
    public MediaFileState asStored() {
        return new MediaFileState(fileKey, change.getAsset() == null ? null : change.getAsset().masterId(),
                change.getZone().zoneName(), change.getRecordName(), rendition, relativePath, size, sha256,
                resource == null ? null : resource.checksum(), MediaFileState.DONE, previousAttempts,
                Placement.LIVE.id(), layout, false);
    }

    /** Whether this file replaces the stored one at its path: iCloud has new bytes for the same rendition (a new edit). */
    public boolean isReplacing() {
        return replacing;
    }

    /** The file at the path is this rendition's older version, to be replaced when the new one is published. */
    void replaces() {
        this.replacing = true;
    }

    /** The path-deciding settings the file's path follows. */
    public String getLayout() {
        return layout;
    }

    /**
     * The file is stored at {@code oldPath}, where other layout settings put it, or the folder of an album that is no
     * longer its item's first: it is moved to its path, not downloaded again.
     *
     * @param reason why, for the audit log: {@link #RELAYOUT} or {@link #ALBUM_HOME}
     */
    void movesFrom(String oldPath, long storedSize, String storedSha256, String reason) {
        this.movesFrom = oldPath;
        this.size = storedSize;
        this.sha256 = storedSha256;
        this.moveReason = reason;
    }

    /** Why the file moves ({@link #isMove()}): {@link #RELAYOUT} or {@link #ALBUM_HOME}. */
    public String getMoveReason() {
        return moveReason;
    }

    /** Where the file is stored now when it is to be moved to {@link #getRelativePath()}, else null. */
    public String getMovesFrom() {
        return movesFrom;
    }

    public boolean isMove() {
        return movesFrom != null && outcome == Outcome.PENDING;
    }

    /** The move of {@link #isMove()} happened. */
    public void moved() {
        this.outcome = Outcome.MOVED;
    }

    /** A truncated or replaced copy of this file is at its path: the download takes its place. */
    void replacesDamagedCopy() {
        this.replacesDamagedCopy = true;
    }

    public boolean isReplacingDamagedCopy() {
        return replacesDamagedCopy;
    }

    public int getPreviousAttempts() {
        return previousAttempts;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public boolean isDone() {
        return outcome == Outcome.DOWNLOADED || outcome == Outcome.ALREADY_PRESENT || outcome == Outcome.MOVED;
    }

    public boolean isPending() {
        return outcome == Outcome.PENDING;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSize() {
        return size;
    }

    public String getError() {
        return error;
    }

    public void completed(Outcome how, long bytes, String sha) {
        this.size = bytes;
        this.sha256 = sha;
        this.outcome = how;
    }

    public void failed(String message) {
        this.error = message;
        this.outcome = Outcome.FAILED;
    }

    @Override
    public String toString() {
        return "FileTask[" + fileKey + " -> " + relativePath + ", " + outcome + "]";
    }
}

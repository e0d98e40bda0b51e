package com.camelicloud.photos.sync;

import java.util.List;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;

/**
 * One library item on its way to iCloud's Recently Deleted (see {@link FreeSpace}): what the state knows of it, its
 * records as iCloud has them now, and how far it got.
 */
public final class FreeSpaceItem {

    /** Where the item stands. */
    public enum Outcome {
        /** Chosen from the state; not decided yet. */
        CANDIDATE,
        /** Stays in iCloud: not due, or its copy is not verified ({@link #reason()} says which). */
        KEPT,
        /** Its copy is verified: to be moved, with the change tag it was read with. */
        ELIGIBLE,
        /** iCloud refused it because the record changed since it was read; read again, to be decided again. */
        CONFLICT,
        /** iCloud confirmed the move. */
        MOVED,
        /** Not confirmed (throttled, failed, refused twice): still chosen, tried again by the next run. */
        LEFT
    }

    private final AssetState stored;
    private CkRecord asset;
    private CkRecord master;
    private Outcome outcome = Outcome.CANDIDATE;
    private String reason;
    private List<MediaFileState> files = List.of();
    private MediaFileState damaged;
    private boolean retried;
    private String movedChangeTag;

    FreeSpaceItem(AssetState stored) {
        this.stored = stored;
    }

    public AssetState stored() {
        return stored;
    }

    public String assetId() {
        return stored.assetId();
    }

    /** The CPLAsset as iCloud answered it last, or null when it was not found. */
    public CkRecord asset() {
        return asset;
    }

    /** The CPLMaster it points at, as iCloud answered it last, or null. */
    public CkRecord master() {
        return master;
    }

    void lookedUp(CkRecord freshAsset, CkRecord freshMaster) {
        this.asset = freshAsset;
        this.master = freshMaster;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Why it was kept or left, for the log. */
    public String reason() {
        return reason;
    }

    /** The files its copy is made of, verified at the destination (set once it is eligible). */
    public List<MediaFileState> files() {
        return files;
    }

    /**
     * The file of its copy found missing or damaged at the destination, or null: marked as {@code verify} marks one, so
     * that the next sync fetches it again in place.
     */
    public MediaFileState damagedFile() {
        return damaged;
    }

    /** The change tag iCloud answered for the moved record. */
    public String movedChangeTag() {
        return movedChangeTag;
    }

    /** Whether iCloud has been asked a second time, after a conflict. */
    boolean retried() {
        return retried;
    }

    void kept(String why) {
        outcome = Outcome.KEPT;
        reason = why;
    }

    void damaged(MediaFileState file, String why) {
        kept(why);
        damaged = file;
    }

    void eligible(List<MediaFileState> verified) {
        outcome = Outcome.ELIGIBLE;
        files = List.copyOf(verified);
    }

    void conflict() {
        outcome = Outcome.CONFLICT;
        retried = true;
    }

    void moved(String changeTag) {
        outcome = Outcome.MOVED;
        movedChangeTag = changeTag;
    }

    void left(String why) {
        outcome = Outcome.LEFT;
        reason = why;
    }

    @Override
    public String toString() {
        return stored.zoneName() + "/" + stored.assetId();
    }
}

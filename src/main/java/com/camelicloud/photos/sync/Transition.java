package com.camelicloud.photos.sync;

/** One difference between the stored and the received version of an asset (docs/protocol.md §6.1 table). */
public enum Transition {
    CREATED,
    TRASHED,
    RESTORED,
    HIDDEN,
    UNHIDDEN,
    EDITED,
    EDIT_REVERTED,
    FAVOURITED,
    UNFAVOURITED,
    MASTER_CHANGED,
    /** Files the current download settings ask for are not all written yet. */
    FILES_MISSING,
    /** The metadata written into the item's files is not what iCloud says now (or other metadata options ask more). */
    METADATA_STALE,
    METADATA
}

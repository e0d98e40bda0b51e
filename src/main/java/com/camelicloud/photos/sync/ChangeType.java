package com.camelicloud.photos.sync;

/**
 * What happened to a library item, one value per branch route (docs/protocol.md §6.3). When a record
 * carries several transitions, the most significant one decides the branch; the others travel in
 * {@link LibraryChange#transitions()}.
 */
public enum ChangeType {
    /** New item, or one whose files are missing or were replaced: download. */
    ASSET_ADDED,
    /** Edit, favourite, caption…: metadata only, plus the adjusted rendition when sizes ask for it. */
    ASSET_UPDATED,
    /** Moved to Recently Deleted ({@code isDeleted} = 1). */
    ASSET_TRASHED,
    /** Back from Recently Deleted ({@code isDeleted} 1 → null). */
    ASSET_RESTORED,
    ASSET_HIDDEN,
    ASSET_UNHIDDEN,
    /** Hard delete: tombstone of a known asset or of its master. */
    ASSET_PURGED,
    /** SharedSync soft delete with {@code trashReason} 0/absent: moved back to someone's personal library (§7.4). */
    SHARED_REMOVED,
    ALBUM_MEMBER_ADDED,
    ALBUM_MEMBER_REMOVED,
    ALBUM_CHANGED,
    ALBUM_DELETED,
    /** {@code ZONE_NOT_FOUND} for a Shared Library: the user left it; its files are kept. */
    LIBRARY_GONE
}

package com.camelicloud.photos.state;

/**
 * A user album as the index knows it (CPLAlbum, docs/protocol.md §5.5).
 *
 * @param name NFC-decoded; null when no record named it
 */
public record StoredAlbum(String albumId, String name, boolean deleted) {

    /** Whether its folder exists in an {album} layout: not deleted, and named. */
    public boolean isLive() {
        return !deleted && name != null;
    }
}

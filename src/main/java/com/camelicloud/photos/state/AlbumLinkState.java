package com.camelicloud.photos.state;

/**
 * A hard link or copy this product placed in an album's folder ({album} layouts): {@code path} shows the
 * stored file {@code fileKey} because the item {@code assetId} is in the album.
 */
public record AlbumLinkState(String zoneName, String albumId, String path, String assetId, String fileKey) {
}

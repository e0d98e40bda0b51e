package com.camelicloud.photos.download;

import com.camelicloud.photos.library.Resource;

/**
 * Gets a fresh download URL for a resource whose URL the CDN refused (docs/protocol.md §8.8), typically with
 * {@code records/lookup} on the record that carried it — never by re-listing the library.
 * {@link MediaDownloader} calls it at most once per download.
 */
@FunctionalInterface
public interface UrlRefresher {

    /**
     * @param stale the resource as last used
     * @return the same rendition with a fresh {@code downloadURL} (its checksum and size may have changed if the user
     *     edited the photo meanwhile), or {@code null} when the record or rendition no longer exists
     */
    Resource refresh(Resource stale);
}

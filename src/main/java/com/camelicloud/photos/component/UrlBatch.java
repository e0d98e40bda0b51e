package com.camelicloud.photos.component;

import java.time.Instant;
import java.util.List;

/**
 * Files whose download URLs came in one CloudKit answer and expire together (docs/protocol.md §8.8): the first
 * download to find one stale refreshes them all, holding the batch's monitor.
 */
public interface UrlBatch {

    /** When the URLs were fetched (or last refreshed). */
    Instant urlsFetchedAt();

    /** The files still to download. */
    List<? extends MediaFile> pendingFiles();

    /** The URLs of every pending file were just refreshed. */
    void urlsRefreshed();
}

package com.camelicloud.photos.download;

import java.util.concurrent.Semaphore;

/**
 * How many CDN requests may stream at once, over every downloader that shares this instance: the accounts of one
 * process share one, so that N accounts do not mean N × {@code download.threads} connections
 * ({@code download.max-connections-total}). A slot is held for one request, not across the wait before a retry: a
 * throttled account's downloads leave their slots to the others while they wait.
 */
public final class DownloadSlots {

    /** One request's slot; closing it frees it. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int size;
    private final Semaphore free;

    public DownloadSlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one download slot is needed, got " + size);
        }
        this.size = size;
        this.free = new Semaphore(size, true);
    }

    /** Waits for a free slot. */
    public Slot take() throws InterruptedException {
        free.acquire();
        return free::release;
    }

    public int size() {
        return size;
    }

    /** Requests streaming now. */
    public int inUse() {
        return size - free.availablePermits();
    }
}

package com.camelicloud.photos.download;

import java.util.concurrent.Semaphore;

import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;

/**
 * How many CDN requests may stream at once, and connections be open, over every downloader that shares this instance:
 * the accounts of one process share one, so that N accounts do not mean N × {@code download.threads} connections
 * ({@code download.max-connections-total}). A slot is held for one request, not across the wait before a retry: a
 * throttled account's downloads leave their slots to the others while they wait. The downloaders also share one pool
 * of keep-alive connections of the same size, so that the connections an account used are not left open beside the
 * others' (a request holds its slot while it holds its connection, so none waits for a connection).
 */
public final class DownloadSlots implements AutoCloseable {

    /** One request's slot; closing it frees it. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int size;
    private final Semaphore free;
    private PoolingHttpClientConnectionManager connections;

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

    /** The shared connections, made by the first downloader that asks, with its connection settings. */
    synchronized HttpClientConnectionManager connections(DownloadSettings settings) {
        if (connections == null) {
            connections = CdnClient.connectionManager(settings, size, size);
        }
        return connections;
    }

    /** Closes the shared connections, once every downloader sharing them is done. */
    @Override
    public synchronized void close() {
        if (connections != null) {
            connections.close();
        }
    }

    /** Requests streaming now. */
    public int inUse() {
        return size - free.availablePermits();
    }
}

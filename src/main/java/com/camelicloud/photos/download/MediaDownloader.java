package com.camelicloud.photos.download;

import com.camelicloud.photos.library.Resource;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams one resource from the CDN into a temp file, resumably, and validates it (docs/protocol.md §8.6–8.9, §9.2).
 * The caller publishes the returned temp file. One instance serves many threads at once; what it shares between them
 * is here: the {@link CdnClient}, the {@link BandwidthLimiter}, the temp files and the guard. Each call is a
 * {@link Download}.
 *
 * <p>Download URLs are bearer credentials: they are never logged nor put into exception messages; at most the
 * host and the start of the path are ({@link CdnUrls}).
 */
public final class MediaDownloader implements AutoCloseable {

    private final DownloadSettings settings;
    private final BandwidthLimiter limiter;
    private final TempFiles tempFiles;
    private final CdnAllowlist allowlist;
    private final CdnClient cdn;
    private final CompleteFileCheck completeFileCheck = new CompleteFileCheck();
    /** Temp files being written by this instance's threads. */
    private final Set<Path> active = ConcurrentHashMap.newKeySet();
    private volatile DownloadGuard guard = DownloadGuard.NONE;
    /** Unbounded but for the callers' threads, unless shared with other downloaders. */
    private final DownloadSlots slots;

    /** A downloader with its own bandwidth cap taken from the settings, and its own connections. */
    public MediaDownloader(DownloadSettings settings) {
        this(settings, null);
    }

    /**
     * @param shared the slots and connections it shares with the downloaders of other accounts; null for its own,
     *               bounded by the callers' threads only
     */
    public MediaDownloader(DownloadSettings settings, DownloadSlots shared) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = new BandwidthLimiter(settings.bandwidthLimit());
        this.tempFiles = new TempFiles(settings.tempDirectory(), settings.tempSuffix(), settings.staleTempAge());
        this.allowlist = new CdnAllowlist(settings.extraAllowedHosts());
        this.slots = shared != null ? shared : new DownloadSlots(Integer.MAX_VALUE);
        this.cdn = new CdnClient(settings, allowlist, shared != null ? shared.connections(settings) : null);
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        cdn.close();
    }

    public TempFiles tempFiles() {
        return tempFiles;
    }

    /** Deletes stale temp files; call at the start of a run, before any download. */
    public int deleteStaleTempFiles() {
        return tempFiles.deleteStale();
    }

    /** What may stop every download of this downloader at once, between two chunks. */
    public void setGuard(DownloadGuard guard) {
        this.guard = Objects.requireNonNull(guard);
    }

    /**
     * Downloads {@code resource} into its temp file, resuming what an earlier attempt left there.
     *
     * @param refresher gets a fresh URL after 401/403/404/410 or an error body; called at most once; null when the
     *                  URL cannot be refreshed (an expired URL then fails the download)
     * @return the complete, validated, fsynced temp file
     * @throws DownloadException when it fails; a temp file is left behind only if it holds a plausible prefix
     */
    public DownloadResult download(Resource resource, UrlRefresher refresher) {
        Objects.requireNonNull(resource, "resource");
        CdnUrls.requireUsable(resource, allowlist);
        return new Download(this, resource, refresher).run();
    }

    DownloadSettings settings() {
        return settings;
    }

    BandwidthLimiter bandwidthLimiter() {
        return limiter;
    }

    CdnAllowlist allowlist() {
        return allowlist;
    }

    CdnClient cdn() {
        return cdn;
    }

    CompleteFileCheck completeFileCheck() {
        return completeFileCheck;
    }

    Set<Path> activeTempFiles() {
        return active;
    }

    DownloadGuard guard() {
        return guard;
    }

    DownloadSlots slots() {
        return slots;
    }
}

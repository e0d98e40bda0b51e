package com.camelicloud.photos.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.camelicloud.photos.destination.DestinationFailures;
import com.camelicloud.photos.verify.VerifyReport;
import com.camelicloud.photos.state.MissingFiles;
import org.apache.camel.Exchange;

/**
 * What the current sync cycle did, for the CLI's progress and exit code, reports and metrics.
 * Thread-safe: branch routes update it from many threads.
 */
public class SyncReport implements FeedOptions.FeedListener {

    private static final Logger LOG = LoggerFactory.getLogger(SyncReport.class);

    /** How a cycle ended. */
    public enum Status {
        RUNNING,
        SUCCESS,
        /** The cycle completed but files are missing: some failed, or failed before and were given up on. */
        PARTIAL,
        FAILED,
        /** The application was asked to stop; what was not finished is left for the next run. */
        INTERRUPTED
    }

    /** At most this many failures are kept with their messages. */
    static final int MAX_FAILURES = 200;

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong expectedAssets = new AtomicLong(-1);
    private final AtomicLong filesDownloaded = new AtomicLong();
    private final AtomicLong bytesDownloaded = new AtomicLong();
    private final AtomicLong filesAlreadyPresent = new AtomicLong();
    private final AtomicLong filesMoved = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong assetsProcessed = new AtomicLong();
    private final AtomicLong itemsFreed = new AtomicLong();
    private final AtomicLong itemsLeftInICloud = new AtomicLong();
    private final Map<ChangeType, AtomicLong> changes = Collections.synchronizedMap(new EnumMap<>(ChangeType.class));
    private final Map<String, AtomicLong> skipped = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile Status status = Status.RUNNING;
    private volatile String error;
    private volatile Throwable failure;
    private volatile Instant started = Instant.now();
    private volatile Instant finished;
    private volatile int cycles;
    /** Counted when the cycle completed; null before, or when it ended otherwise. */
    private volatile MissingFiles missing;
    private volatile String destination = "the destination";
    private volatile VerifyReport verification;

    public synchronized void cycleStarted() {
        expectedAssets.set(-1);
        filesDownloaded.set(0);
        bytesDownloaded.set(0);
        filesAlreadyPresent.set(0);
        filesMoved.set(0);
        filesFailed.set(0);
        assetsProcessed.set(0);
        itemsFreed.set(0);
        itemsLeftInICloud.set(0);
        changes.clear();
        skipped.clear();
        failures.clear();
        missing = null;
        status = Status.RUNNING;
        error = null;
        failure = null;
        started = Instant.now();
        finished = null;
        verification = null;
        listeners.forEach(listener -> listener.cycleStarted(this));
    }

    /** Route hook, just before {@link #cycleFinished()}: the files still missing from the destination. */
    public void filesMissing(MissingFiles files) {
        this.missing = files;
    }

    public void cycleFinished() {
        MissingFiles files = missing;
        finish(filesFailed.get() > 0 || (files != null && files.total() > 0) ? Status.PARTIAL : Status.SUCCESS, null);
    }

    /**
     * Route hook: the cycle's exchange failed. The cause is the exchange's exception, or the one an
     * error handler caught; a rollback can leave neither.
     */
    public void cycleFailed(Exchange exchange) {
        Throwable cause = exchange.getException();
        if (cause == null) {
            cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (cause == null) {
            cycleFailed(new IllegalStateException("the cycle was rolled back without an error"));
        } else if (rootCause(cause) instanceof StopRequestedException stop) {
            finish(Status.INTERRUPTED, stop.getMessage());
        } else if (DestinationFailures.isWriteFailure(cause)) {
            this.failure = rootCause(cause);
            finish(Status.FAILED, DestinationFailures.describe(cause, destination));
        } else {
            cycleFailed(rootCause(cause));
        }
    }

    /** The cycle began with a verify of the destination (watch mode, every verify.interval). */
    public void verified(VerifyReport report) {
        this.verification = report;
    }

    /** The verify this cycle began with, or null. */
    public VerifyReport verification() {
        return verification;
    }

    /** Where files go, as the user gave it (never with a secret), to name it in errors. */
    public void setDestination(String destination) {
        this.destination = destination;
    }

    /** Camel wraps a page's failure ("Multicast processing failed"); the user wants the reason inside. */
    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof org.apache.camel.CamelExchangeException
                || cause instanceof org.apache.camel.RuntimeCamelException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The cycle stopped on {@code failure}; nothing after the failing page was committed. */
    public void cycleFailed(Throwable failure) {
        this.failure = failure;
        LOG.debug("The sync cycle failed", failure);
        finish(Status.FAILED, failure == null || failure.getMessage() == null ? String.valueOf(failure)
                : failure.getMessage());
    }

    @Override
    public void zoneStarted(com.camelicloud.photos.cloudkit.ZoneId zone, boolean fullScan, long expected) {
        expectAssets(expected);
    }

    private void finish(Status outcome, String message) {
        synchronized (this) {
            status = outcome;
            error = message;
            finished = Instant.now();
            cycles++;
        }
        listeners.forEach(listener -> listener.cycleFinished(this));
    }

    /** Told about every cycle and file as they happen (progress lines, metrics, notifications). */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void expectAssets(long count) {
        if (count >= 0) {
            expectedAssets.updateAndGet(current -> Math.max(0, current) + count);
        }
    }

    public void fileDownloaded(long bytes) {
        filesDownloaded.incrementAndGet();
        bytesDownloaded.addAndGet(bytes);
        listeners.forEach(listener -> listener.fileDownloaded(bytes));
    }

    public void fileAlreadyPresent() {
        filesAlreadyPresent.incrementAndGet();
        listeners.forEach(Listener::fileAlreadyPresent);
    }

    /** A stored file moved to the path new layout settings give it. */
    public void fileMoved() {
        filesMoved.incrementAndGet();
    }

    public void fileFailed(String what) {
        filesFailed.incrementAndGet();
        if (failures.size() < MAX_FAILURES) {
            failures.add(what);
        }
        listeners.forEach(Listener::fileFailed);
    }

    public void changeProcessed(ChangeType type) {
        changes.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
        if (type == ChangeType.ASSET_ADDED || type == ChangeType.ASSET_UPDATED) {
            assetsProcessed.incrementAndGet();
        }
        listeners.forEach(listener -> listener.changeProcessed(type));
    }

    /** An item was moved to iCloud's Recently Deleted to free space; its copy stays. */
    public void itemFreed() {
        itemsFreed.incrementAndGet();
        listeners.forEach(Listener::itemFreed);
    }

    /** An item chosen to free iCloud space was not confirmed moved; the next run tries again. */
    public void itemLeftInICloud() {
        itemsLeftInICloud.incrementAndGet();
    }

    public void skipped(String reason) {
        skipped.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        listeners.forEach(listener -> listener.skipped(reason));
    }

    public Status status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** What failed the last cycle, if it failed. */
    public Throwable failure() {
        return failure;
    }

    public long expectedAssets() {
        return expectedAssets.get();
    }

    public long filesDownloaded() {
        return filesDownloaded.get();
    }

    public long bytesDownloaded() {
        return bytesDownloaded.get();
    }

    public long filesAlreadyPresent() {
        return filesAlreadyPresent.get();
    }

    public long filesMoved() {
        return filesMoved.get();
    }

    public long filesFailed() {
        return filesFailed.get();
    }

    public long assetsProcessed() {
        return assetsProcessed.get();
    }

    public long itemsFreed() {
        return itemsFreed.get();
    }

    public long itemsLeftInICloud() {
        return itemsLeftInICloud.get();
    }

    public Map<ChangeType, Long> changes() {
        Map<ChangeType, Long> copy = new EnumMap<>(ChangeType.class);
        synchronized (changes) {
            changes.forEach((type, count) -> copy.put(type, count.get()));
        }
        return copy;
    }

    public Map<String, Long> skippedByReason() {
        Map<String, Long> copy = new LinkedHashMap<>();
        synchronized (skipped) {
            skipped.forEach((reason, count) -> copy.put(reason, count.get()));
        }
        return copy;
    }

    /** The files missing from the destination when the cycle completed; empty when it did not complete. */
    public Optional<MissingFiles> missingFiles() {
        return Optional.ofNullable(missing);
    }

    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** The cycle's summary as written by {@code --report-json}. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", status.name().toLowerCase(Locale.ROOT));
        summary.put("started", started.toString());
        summary.put("finished", finished == null ? null : finished.toString());
        summary.put("durationMillis", duration().toMillis());
        Map<String, Long> changeCounts = new LinkedHashMap<>();
        changes().forEach((type, count) -> changeCounts.put(type.name(), count));
        summary.put("changes", changeCounts);
        summary.put("filesDownloaded", filesDownloaded());
        summary.put("bytesDownloaded", bytesDownloaded());
        summary.put("filesAlreadyPresent", filesAlreadyPresent());
        summary.put("filesMoved", filesMoved());
        summary.put("filesFailed", filesFailed());
        summary.put("itemsFreedInICloud", itemsFreed());
        summary.put("itemsLeftInICloud", itemsLeftInICloud());
        summary.put("skipped", skippedByReason());
        summary.put("failures", failures());
        MissingFiles files = missing;
        summary.put("filesMissing", files == null ? null : files.total());
        summary.put("filesGivenUp", files == null ? null : files.givenUp());
        summary.put("maxDownloadAttempts", files == null ? null : files.maxAttempts());
        summary.put("missing", files == null ? List.of() : files.files());
        VerifyReport verify = verification;
        if (verify != null) {
            summary.put("verify", verify.summary());
        }
        summary.put("error", error);
        return summary;
    }

    /** How the cycle ended, as {@code sql/upsert-last-sync.sql} records it for {@code status}. */
    public Map<String, Object> lastSyncRow(int maxDownloadAttempts) {
        Map<String, Object> row = new HashMap<>();
        Instant end = finished == null ? Instant.now() : finished;
        row.put("startedAt", started.toEpochMilli());
        row.put("finishedAt", end.toEpochMilli());
        row.put("status", status.name().toLowerCase(Locale.ROOT));
        row.put("filesDownloaded", filesDownloaded());
        row.put("bytesDownloaded", bytesDownloaded());
        row.put("filesFailed", filesFailed());
        row.put("maxDownloadAttempts", maxDownloadAttempts);
        row.put("error", error);
        row.put("lastSuccessAt", status == Status.SUCCESS || status == Status.PARTIAL ? end.toEpochMilli() : null);
        return row;
    }

    public Instant started() {
        return started;
    }

    public Instant finished() {
        return finished;
    }

    public Duration duration() {
        return Duration.between(started, finished == null ? Instant.now() : finished);
    }

    public int cycles() {
        return cycles;
    }

    /** What a {@link SyncReport} tells its listeners; every method has a do-nothing default. */
    public interface Listener {
        default void cycleStarted(SyncReport report) {
        }

        /** After every cycle, whatever its status. */
        default void cycleFinished(SyncReport report) {
        }

        default void fileDownloaded(long bytes) {
        }

        default void fileAlreadyPresent() {
        }

        default void fileFailed() {
        }

        default void changeProcessed(ChangeType type) {
        }

        default void skipped(String reason) {
        }

        default void itemFreed() {
        }
    }
}

package com.camelicloud.photos.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.verify.VerifyReport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Shows how the sync is going: a progress bar on a terminal (items, files, bytes, rate, ETA), or a
 * plain progress line every 15 seconds while a cycle runs, when the output is a log.
 */
final class ProgressDisplay {

    private static final Duration LOG_EVERY = Duration.ofSeconds(15);

    private final SyncReport report;
    private final Io io;
    private final boolean bar;
    private final Duration logEvery;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "camel-icloud-photos-progress");
        thread.setDaemon(true);
        return thread;
    });
    private ProgressBar progressBar;
    /** The starting thread's log context (one account of several: its name), for the lines of the ticker's. */
    private Map<String, String> logContext;

    ProgressDisplay(SyncReport report, Io io, boolean bar) {
        this(report, io, bar, LOG_EVERY);
    }

    ProgressDisplay(SyncReport report, Io io, boolean bar, Duration logEvery) {
        this.report = report;
        this.io = io;
        this.bar = bar;
        this.logEvery = logEvery;
    }

    void start() {
        logContext = MDC.getCopyOfContextMap();
        if (bar) {
            progressBar = new ProgressBarBuilder().setTaskName("iCloud").setInitialMax(-1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .continuousUpdate().build();
            ticker.scheduleAtFixedRate(this::updateBar, 250, 250, TimeUnit.MILLISECONDS);
        } else {
            ticker.scheduleAtFixedRate(this::logLine, logEvery.toMillis(), logEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop() {
        ticker.shutdownNow();
        if (progressBar != null) {
            updateBar();
            progressBar.close();
            progressBar = null;
        }
    }

    private void updateBar() {
        ProgressBar current = progressBar;
        if (current == null) {
            return;
        }
        long expected = report.expectedAssets();
        if (expected > 0) {
            current.maxHint(expected);
        }
        current.stepTo(report.assetsProcessed());
        current.setExtraMessage(String.format(Locale.ROOT, "%d files, %s, %s/s", report.filesDownloaded(),
                bytes(report.bytesDownloaded()), bytes(rate())));
    }

    private void logLine() {
        // watch mode between two cycles: nothing is in progress
        if (report.status() != SyncReport.Status.RUNNING) {
            return;
        }
        if (logContext != null) {
            MDC.setContextMap(logContext);
        }
        long expected = report.expectedAssets();
        LoggerFactory.getLogger("com.camelicloud.photos.progress").info("Progress: {} items{}, {} files ({}, {}/s)",
                report.assetsProcessed(), expected > 0 ? " of " + expected : "", report.filesDownloaded(),
                bytes(report.bytesDownloaded()), bytes(rate()));
    }

    /** Bytes a second of the cycle in progress (or of the last one). */
    private long rate() {
        double seconds = Math.max(0.001, report.duration().toNanos() / 1e9);
        return (long) (report.bytesDownloaded() / seconds);
    }

    /** What is printed when a cycle ends: a line, and the files missing from the destination if any. */
    static String summary(SyncReport report) {
        String done = String.format(Locale.ROOT, "Done in %ds: %d files downloaded (%s), %d already present, %s%d failed.%s",
                report.duration().toSeconds(), report.filesDownloaded(), bytes(report.bytesDownloaded()),
                report.filesAlreadyPresent(), report.filesMoved() == 0 ? ""
                        : report.filesMoved() + " moved to where the layout now puts them, ",
                report.filesFailed(), freed(report));
        VerifyReport verify = report.verification();
        String line = verify == null ? done : done + String.format(Locale.ROOT, " Verified %d stored files first: %d "
                + "missing and %d damaged (fetched again in this cycle), %d unexpected, %d left-over temp files.",
                verify.getStoredFiles(), verify.missing(), verify.damaged(), verify.getUnexpected().size(),
                verify.getLeftovers().size());
        return report.missingFiles().filter(files -> files.total() > 0)
                .map(files -> line + " " + MissingFilesText.headline(files) + ":"
                        + MissingFilesText.lines(files, MissingFilesText.IN_SUMMARY, "  "))
                .orElse(line);
    }

    /** " 12 items moved to iCloud's Recently Deleted (their copies verified), 3 left for the next run." */
    private static String freed(SyncReport report) {
        if (report.itemsFreed() == 0 && report.itemsLeftInICloud() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " %d item%s moved to iCloud's Recently Deleted (copies verified)%s.",
                report.itemsFreed(), report.itemsFreed() == 1 ? "" : "s", report.itemsLeftInICloud() == 0 ? ""
                        : ", " + report.itemsLeftInICloud() + " left in iCloud for the next run");
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}

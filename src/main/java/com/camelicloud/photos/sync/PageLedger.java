package com.camelicloud.photos.sync;

import com.camelicloud.photos.component.ICloudPhotosConstants;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the branch routes did: file outcomes onto their tasks, and each handled change onto its
 * page, whose state rows the commit route then writes with the page's token.
 */
public class PageLedger {

    private static final Logger LOG = LoggerFactory.getLogger(PageLedger.class);
    /** One line per published file; the CLI silences it while it draws a progress bar. */
    private static final Logger PROGRESS = LoggerFactory.getLogger("com.camelicloud.photos.progress");

    private final SyncReport report;
    private final int maxDownloadAttempts;

    /** @param maxDownloadAttempts after this many failed syncs a file is given up on ({@code --max-download-attempts}) */
    public PageLedger(SyncReport report, int maxDownloadAttempts) {
        this.report = report;
        this.maxDownloadAttempts = maxDownloadAttempts;
    }

    /**
     * A file was published under its final name.
     *
     * @param size its size as written (metadata may have made it differ from iCloud's)
     */
    public void fileStored(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task,
                           @Header(ICloudPhotosConstants.SHA256) String sha256,
                           @Header(ICloudPhotosConstants.FILE_SIZE) long size,
                           @Header(ICloudPhotosConstants.BYTES_TRANSFERRED) long bytesTransferred) {
        task.completed(FileTask.Outcome.DOWNLOADED, size, sha256);
        report.fileDownloaded(bytesTransferred);
        PROGRESS.info("Downloaded {} ({} bytes)", task.getRelativePath(), size);
    }

    /** Route-configuration hook: a file transfer failed after its retries; the page goes on without it. */
    public void fileFailed(Exchange exchange) {
        FileTask task = exchange.getProperty(SyncProperties.FILE_TASK, FileTask.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        if (task == null) {
            throw new IllegalStateException("a file transfer failed outside any file task: " + message, cause);
        }
        task.failed(message);
        report.fileFailed(task.getRelativePath() + ": " + message);
        int attempts = task.getPreviousAttempts() + 1;
        if (attempts >= maxDownloadAttempts) {
            LOG.warn("Could not download {} ({}); given up after failing in {} sync(s) (--max-download-attempts): it is "
                    + "reported as missing until `sync --retry-failed` fetches it", task.getRelativePath(), message, attempts);
        } else {
            LOG.warn("Could not download {} ({}); it will be retried on the next run (failed in {} of {} syncs)",
                    task.getRelativePath(), message, attempts, maxDownloadAttempts);
        }
    }

    /** A change went through its branch: its rows go into the page's commit. */
    public void changeProcessed(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        page.processed(change);
        report.changeProcessed(change.getType());
        if (change.getSkipReason() != null) {
            report.skipped(change.getSkipReason());
        }
        for (FileTask task : change.getFiles()) {
            if (task.getChange() == change) {
                switch (task.getOutcome()) {
                    case ALREADY_PRESENT -> report.fileAlreadyPresent();
                    case MOVED -> report.fileMoved();
                    case FAILED -> {
                        if (task.getError() != null && task.getError().startsWith(FilePlanner.UNAVAILABLE)) {
                            report.fileFailed(task.getRelativePath() + ": " + task.getError());
                        }
                    }
                    default -> {
                        // downloads were counted when they were published
                    }
                }
            }
        }
    }
}

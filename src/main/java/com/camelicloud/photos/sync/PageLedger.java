package com.camelicloud.photos.sync;

import java.util.HashMap;
import java.util.Map;

import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the branch routes did into the page being processed: file outcomes onto their tasks,
 * and, once a change is fully handled, the state rows the commit route writes with the page's token.
 */
public class PageLedger {

    private static final Logger LOG = LoggerFactory.getLogger(PageLedger.class);
    /** One line per published file; the CLI silences it while it draws a progress bar. */
    private static final Logger PROGRESS = LoggerFactory.getLogger("com.camelicloud.photos.progress");

    private final SyncReport report;
    private final String contentProfile;

    public PageLedger(SyncReport report, ContentPolicy contentPolicy) {
        this.report = report;
        this.contentProfile = contentPolicy.profile();
    }

    /** A file was published under its final name. */
    public void fileStored(FileTask task, String sha256, long bytesTransferred) {
        task.completed(FileTask.Outcome.DOWNLOADED, task.getResource().size(), sha256);
        report.fileDownloaded(bytesTransferred);
        PROGRESS.info("Downloaded {} ({} bytes)", task.getRelativePath(), task.getResource().size());
    }

    /** Route-configuration hook: a file transfer failed after its retries; the page goes on. */
    public void fileFailed(Exchange exchange) {
        FileTask task = exchange.getProperty(SyncProperties.FILE_TASK, FileTask.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String message = cause == null ? "unknown error" : cause.getMessage();
        if (task == null) {
            LOG.error("A file transfer failed outside any task: {}", message);
            return;
        }
        task.failed(message);
        report.fileFailed(task.getRelativePath() + ": " + message);
        LOG.warn("Could not download {} ({}); it will be retried on the next run", task.getRelativePath(), message);
    }

    /** Route-configuration hook: a change could not be handled; its state is not advanced. */
    public void changeFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Object body = exchange.getMessage().getBody();
        String what = body instanceof LibraryChange change ? change.toString() : String.valueOf(body);
        report.fileFailed(what + ": " + (cause == null ? "unknown error" : cause.getMessage()));
        LOG.error("Could not process {}: {}", what, cause == null ? "unknown error" : cause.getMessage(), cause);
    }

    /** A change went through its branch: queue its rows for the page's commit. */
    public void changeProcessed(LibraryChange change, ChangePage page) {
        report.changeProcessed(change.getType());
        for (FileTask task : change.getFiles()) {
            if (task.getOutcome() == FileTask.Outcome.ALREADY_PRESENT) {
                report.fileAlreadyPresent();
            }
            if (!task.isPending()) {
                page.addFileRow(fileRow(task));
            }
        }
        PhotoAsset asset = change.getAsset();
        if (asset != null) {
            page.addAssetRow(assetRow(change, asset));
            if (asset.master() != null) {
                page.addMasterRow(masterRow(asset));
            }
        } else if (change.getType() == ChangeType.ASSET_PURGED && change.getPrevious() != null) {
            page.addAssetRow(purgedRow(change.getPrevious()));
        }
    }

    private Map<String, Object> assetRow(LibraryChange change, PhotoAsset asset) {
        Map<String, Object> row = new HashMap<>();
        row.put("zoneName", asset.zoneName());
        row.put("assetId", asset.assetId());
        row.put("masterId", asset.masterId());
        row.put("changeTag", asset.asset().recordChangeTag());
        row.put("assetDate", asset.captureTime().map(java.time.Instant::toEpochMilli).orElse(null));
        row.put("isDeleted", asset.isDeleted() ? 1 : 0);
        row.put("isHidden", asset.isHidden() ? 1 : 0);
        row.put("isFavorite", asset.isFavorite() ? 1 : 0);
        row.put("adjustmentType", asset.adjustmentType());
        row.put("adjustmentFingerprint", ChangeClassifier.adjustedFingerprint(asset));
        row.put("status", status(change, asset));
        row.put("contentProfile", contentProfile);
        row.put("filesComplete", change.filesComplete() && asset.master() != null ? 1 : 0);
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    private static String status(LibraryChange change, PhotoAsset asset) {
        if (change.getType() == ChangeType.SHARED_REMOVED) {
            return "removed";
        }
        if (asset.isDeleted()) {
            return "trashed";
        }
        return asset.isHidden() ? "hidden" : "active";
    }

    private static Map<String, Object> purgedRow(AssetState previous) {
        Map<String, Object> row = new HashMap<>();
        row.put("zoneName", previous.zoneName());
        row.put("assetId", previous.assetId());
        row.put("masterId", previous.masterId());
        row.put("changeTag", previous.changeTag());
        row.put("assetDate", null);
        row.put("isDeleted", previous.deleted() ? 1 : 0);
        row.put("isHidden", previous.hidden() ? 1 : 0);
        row.put("isFavorite", previous.favorite() ? 1 : 0);
        row.put("adjustmentType", previous.adjustmentType());
        row.put("adjustmentFingerprint", previous.adjustmentFingerprint());
        row.put("status", "purged");
        row.put("contentProfile", previous.contentProfile());
        row.put("filesComplete", previous.filesComplete() ? 1 : 0);
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    private static Map<String, Object> masterRow(PhotoAsset asset) {
        Map<String, Object> row = new HashMap<>();
        row.put("masterId", asset.masterId());
        row.put("filename", asset.filename().orElse(null));
        row.put("itemType", asset.itemType());
        row.put("originalSize", asset.resource(PhotoAsset.ORIGINAL).map(r -> r.size()).orElse(null));
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    private static Map<String, Object> fileRow(FileTask task) {
        Map<String, Object> row = new HashMap<>();
        PhotoAsset asset = task.getChange().getAsset();
        row.put("fileKey", task.getFileKey());
        row.put("masterId", asset == null ? null : asset.masterId());
        row.put("zoneName", task.getChange().getZone().zoneName());
        row.put("assetId", task.getChange().getRecordName());
        row.put("rendition", task.getRendition());
        row.put("path", task.getRelativePath());
        boolean done = task.isDone();
        row.put("size", done ? task.getSize() : null);
        row.put("sha256", done ? task.getSha256() : null);
        row.put("checksum", task.getResource() == null ? null : task.getResource().checksum());
        row.put("status", done ? MediaFileState.DONE : MediaFileState.FAILED);
        row.put("attempts", task.getPreviousAttempts() + (task.getOutcome() == FileTask.Outcome.ALREADY_PRESENT ? 0 : 1));
        row.put("lastError", done ? null : task.getError());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }
}

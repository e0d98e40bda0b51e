package com.camelicloud.photos.sync;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AlbumLinkState;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;

/** The rows a processed change leaves in the state database, keyed by the named parameters of {@code sql/*.sql}. */
final class StateRows {

    private StateRows() {
    }

    static Map<String, Object> asset(LibraryChange change, String contentProfile) {
        PhotoAsset asset = change.getAsset();
        Map<String, Object> row = new HashMap<>();
        row.put("zoneName", asset.zoneName());
        row.put("assetId", asset.assetId());
        row.put("masterId", asset.masterId());
        row.put("changeTag", asset.asset().recordChangeTag());
        row.put("assetDate", asset.captureTime().map(Instant::toEpochMilli).orElse(null));
        row.put("isDeleted", asset.isDeleted() ? 1 : 0);
        row.put("isHidden", asset.isHidden() ? 1 : 0);
        row.put("isFavorite", asset.isFavorite() ? 1 : 0);
        row.put("adjustmentType", asset.adjustmentType());
        row.put("adjustmentFingerprint", ChangeClassifier.adjustedFingerprint(asset));
        row.put("status", status(change, asset));
        row.put("contentProfile", contentProfile);
        row.put("filesComplete", filesComplete(change) ? 1 : 0);
        row.put("purgedAt", null);
        row.put("timeZoneOffset", asset.asset().longValue("timeZoneOffset"));
        row.put("freeing", freeing(change));
        row.put("metadataDigest", change.getMetadataDigest());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    /**
     * An item chosen to free iCloud space that the user restored from Recently Deleted is theirs to keep there: it is
     * never chosen again. Null keeps what was stored.
     */
    private static String freeing(LibraryChange change) {
        AssetState previous = change.getPrevious();
        return previous != null && previous.freeing() != null && change.has(Transition.RESTORED)
                ? AssetState.FREEING_RESTORED : null;
    }

    /**
     * Only a change that planned files says whether they are complete; one that removed them says they are
     * not (unless they were of a rendition the item no longer has); any other keeps what was stored.
     */
    private static boolean filesComplete(LibraryChange change) {
        Set<String> retired = change.retiredFiles();
        if (change.placements().entrySet().stream()
                .anyMatch(placed -> placed.getValue() == Placement.REMOVED && !retired.contains(placed.getKey()))) {
            return false;
        }
        if (change.getSkipReason() != null) {
            // The settings want no file of it: nothing is missing.
            return true;
        }
        if (change.plannedFiles()) {
            return change.getAsset().master() != null && change.filesComplete();
        }
        return change.getPrevious() != null && change.getPrevious().filesComplete();
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

    static Map<String, Object> purged(AssetState previous) {
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
        row.put("status", AssetState.PURGED);
        row.put("contentProfile", previous.contentProfile());
        row.put("filesComplete", previous.filesComplete() ? 1 : 0);
        row.put("purgedAt", System.currentTimeMillis());
        row.put("timeZoneOffset", null);
        row.put("freeing", null);
        row.put("metadataDigest", previous.metadataDigest());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    /** A stored file rewritten in place: its new size and hash. */
    static Map<String, Object> content(MediaFileState file) {
        Map<String, Object> row = new HashMap<>();
        row.put("fileKey", file.fileKey());
        row.put("size", file.size());
        row.put("sha256", file.sha256());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    static Map<String, Object> placement(String fileKey, Placement placement) {
        Map<String, Object> row = new HashMap<>();
        row.put("fileKey", fileKey);
        row.put("placement", placement.id());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    /** A CPLAlbum (§5.5): name NFC-decoded, folder, type, deletion. */
    static Map<String, Object> album(LibraryChange change) {
        CkRecord record = change.getRecord();
        Map<String, Object> row = new HashMap<>();
        row.put("zoneName", change.getZone().zoneName());
        row.put("albumId", change.getRecordName());
        row.put("name", record == null ? null : record.decodedText("albumNameEnc").orElse(null));
        row.put("parentId", record == null ? null : record.string("parentId"));
        row.put("albumType", record == null ? null : record.longValue("albumType"));
        row.put("isDeleted", change.getType() == ChangeType.ALBUM_DELETED ? 1 : 0);
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    /** An album membership edge (§5.6). */
    static Map<String, Object> membership(LibraryChange change) {
        PageAlbums.Edge edge = PageAlbums.Edge.of(change);
        Map<String, Object> row = new HashMap<>();
        row.put("zoneName", change.getZone().zoneName());
        row.put("albumId", edge.albumId());
        row.put("assetId", edge.assetId());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    /** A link or copy of a stored file in an album's folder ({album} layouts). */
    static Map<String, Object> albumLink(AlbumLinkState link) {
        Map<String, Object> row = new HashMap<>();
        row.put("zoneName", link.zoneName());
        row.put("albumId", link.albumId());
        row.put("path", link.path());
        row.put("assetId", link.assetId());
        row.put("fileKey", link.fileKey());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    static Map<String, Object> master(PhotoAsset asset) {
        Map<String, Object> row = new HashMap<>();
        row.put("masterId", asset.masterId());
        row.put("filename", asset.filename().orElse(null));
        row.put("itemType", asset.itemType());
        row.put("originalSize", asset.resource(PhotoAsset.ORIGINAL).map(r -> r.size()).orElse(null));
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    static Map<String, Object> file(FileTask task) {
        Map<String, Object> row = new HashMap<>();
        PhotoAsset asset = task.getChange().getAsset();
        boolean done = task.isDone();
        row.put("fileKey", task.getFileKey());
        row.put("masterId", asset == null ? null : asset.masterId());
        row.put("zoneName", task.getChange().getZone().zoneName());
        row.put("assetId", task.getChange().getRecordName());
        row.put("rendition", task.getRendition());
        row.put("path", task.getRelativePath());
        row.put("size", done ? task.getSize() : null);
        row.put("sha256", done ? task.getSha256() : null);
        row.put("checksum", task.getResource() == null ? null : task.getResource().checksum());
        row.put("status", done ? MediaFileState.DONE : MediaFileState.FAILED);
        row.put("attempts", task.getPreviousAttempts() + (task.getOutcome() == FileTask.Outcome.ALREADY_PRESENT ? 0 : 1));
        row.put("lastError", done ? null : task.getError());
        row.put("layout", task.getLayout());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }
}

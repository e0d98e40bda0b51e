package com.camelicloud.photos.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.SyncStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the deletion and hiding policies do to local copies: set them aside under a quarantine folder
 * (keeping their relative path), bring them back, or delete them. A file shared with another item that
 * is still in the library (the same photo in the Shared Library, an iOS duplicate) is never touched.
 * Every move and deletion is recorded on the change for the audit log and the page's commit.
 */
public class FileActions {

    private static final Logger LOG = LoggerFactory.getLogger(FileActions.class);

    private final SyncStateRepository state;
    private final Destination destination;
    private final boolean dryRun;
    private final boolean hardLinks;

    /**
     * @param dryRun        only say what would be moved or deleted
     * @param albumLinkMode {@code hardlink} or {@code copy}: how a photo appears in its other albums' folders
     */
    public FileActions(SyncStateRepository state, Destination destination, boolean dryRun, String albumLinkMode) {
        this.state = state;
        this.destination = destination;
        this.dryRun = dryRun;
        this.hardLinks = switch (albumLinkMode.trim().toLowerCase(Locale.ROOT)) {
            case "hardlink" -> true;
            case "copy" -> false;
            default -> throw new IllegalArgumentException("--album-link must be hardlink or copy, not '" + albumLinkMode + "'");
        };
    }

    /** In an {album} layout: makes each file of the change appear in the folders of its other albums. */
    public LibraryChange linkIntoAlbums(LibraryChange change) {
        for (FileTask task : change.getFiles()) {
            if (task.getChange() == change && task.isDone()) {
                for (String link : task.getLinks()) {
                    if (act(change, "link " + task.getRelativePath() + " into " + link)) {
                        destination.link(task.getRelativePath(), link, hardLinks);
                    }
                }
            }
        }
        return change;
    }

    /** Moves the item's live files into the quarantine folder of {@code placement}. */
    public LibraryChange setAside(LibraryChange change, String placement, String reason, String policy) {
        Placement target = Placement.fromId(placement);
        for (MediaFileState file : ownFiles(change)) {
            if (Placement.fromId(file.placement()) == Placement.LIVE && file.path() != null) {
                String to = target.pathOf(file.path());
                if (act(change, "move " + file.path() + " to " + to)) {
                    destination.move(file.path(), to);
                    record(change, file, to, target, reason, policy);
                }
            }
        }
        return change;
    }

    /** Moves the item's files back from any quarantine folder. */
    public LibraryChange bringBack(LibraryChange change, String reason) {
        for (MediaFileState file : state.filesOfMaster(masterId(change))) {
            Placement placement = Placement.fromId(file.placement());
            if ((placement == Placement.DELETED_QUARANTINE || placement == Placement.HIDDEN_QUARANTINE)
                    && file.path() != null && act(change, "move " + placement.pathOf(file.path()) + " back")) {
                destination.move(placement.pathOf(file.path()), file.path());
                record(change, file, file.path(), Placement.LIVE, reason, "restore");
            }
        }
        return change;
    }

    /** Deletes the item's files wherever they are (at their path or in quarantine). */
    public LibraryChange remove(LibraryChange change, String reason, String policy) {
        for (MediaFileState file : ownFiles(change)) {
            Placement placement = Placement.fromId(file.placement());
            if (placement != Placement.REMOVED && file.path() != null
                    && act(change, "delete " + placement.pathOf(file.path()))) {
                destination.delete(placement.pathOf(file.path()));
                record(change, file, null, Placement.REMOVED, reason, policy);
            }
        }
        return change;
    }

    /**
     * {@code --on-purge delete}: deletes a purged item's files once it has been purged for {@code afterDays}
     * days; until then they stay and a later cycle's sweep deletes them.
     */
    public LibraryChange removePurged(LibraryChange change, int afterDays) {
        AssetState previous = change.getPrevious();
        long purgedAt = previous != null && previous.purgedAt() != null ? previous.purgedAt() : System.currentTimeMillis();
        if (System.currentTimeMillis() - purgedAt >= Duration.ofDays(afterDays).toMillis()) {
            return remove(change, "purged", "on-purge=delete" + (afterDays > 0 ? ", purge-after-days=" + afterDays : ""));
        }
        LOG.info("{}: purged in iCloud; its local copy is deleted after {} days", change, afterDays);
        return change;
    }

    private boolean act(LibraryChange change, String what) {
        if (dryRun) {
            LOG.info("Dry run: would {} ({})", what, change);
        }
        return !dryRun;
    }

    /** The item's written files, unless another item still in the library shares them. */
    private List<MediaFileState> ownFiles(LibraryChange change) {
        String masterId = masterId(change);
        List<AssetState> sharers = state.activeAssetsOfMaster(masterId).stream()
                .filter(other -> !(other.zoneName().equals(change.getZone().zoneName())
                        && other.assetId().equals(change.getRecordName())))
                .toList();
        if (!sharers.isEmpty()) {
            LOG.info("{}: its file stays, {} still shows it", change, sharers.get(0).zoneName() + "/" + sharers.get(0).assetId());
            return List.of();
        }
        return state.filesOfMaster(masterId).stream().filter(MediaFileState::isDone).toList();
    }

    private static String masterId(LibraryChange change) {
        return change.getAsset() != null ? change.getAsset().masterId() : change.getPrevious().masterId();
    }

    private static void record(LibraryChange change, MediaFileState file, String to, Placement placement, String reason,
                               String policy) {
        String from = Placement.fromId(file.placement()).pathOf(file.path());
        change.placed(file.fileKey(), placement);
        change.audit(new AuditEntry(Instant.now().toString(), change.getZone().zoneName(), change.getRecordName(), from,
                to, reason, policy));
        LOG.info("{} {} ({}, {})", to == null ? "Deleted" : "Moved", from + (to == null ? "" : " to " + to), reason, policy);
    }
}

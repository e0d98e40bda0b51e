package com.camelicloud.photos.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.layout.FileName;
import com.camelicloud.photos.layout.FolderStructure;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.StoredAlbum;
import com.camelicloud.photos.state.SyncStateRepository;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the deletion, hiding and purge policies do to stored files: set them aside under a quarantine folder (keeping
 * their relative path), bring them back, or delete them; and the move of a stored file to where the current layout
 * puts it. A file shared with another item that is still in the library (the same photo in the Shared Library, an iOS
 * duplicate) is never touched. Every move and deletion is recorded on the change for the audit log and the page's
 * commit; the file's album links follow it ({@link AlbumFolders}).
 */
public class FilePolicies {

    private static final Logger LOG = LoggerFactory.getLogger(FilePolicies.class);

    private final SyncStateRepository state;
    private final Destination destination;
    private final FileChanges fileChanges;
    private final PhotoLayout layout;
    private final AlbumFolders albumFolders;
    /** {@code policy.on-delete}: what happens to a file that is no longer part of its photo. */
    private OnDelete onDelete = OnDelete.KEEP;
    /** {@code policy.purge-after-days}: how long a purged photo's files stay under {@code --on-purge delete}. */
    private int purgeAfterDays;

    /**
     * @param destination read only: where a set-aside file can go
     * @param fileChanges how the files are moved and deleted (or, in a dry run, said to be)
     */
    public FilePolicies(SyncStateRepository state, Destination destination, FileChanges fileChanges,
                        PhotoLayout layout, AlbumFolders albumFolders) {
        this.state = state;
        this.destination = destination;
        this.fileChanges = fileChanges;
        this.layout = layout;
        this.albumFolders = albumFolders;
    }

    /** The values of {@code policy.on-delete}. */
    enum OnDelete { KEEP, QUARANTINE, DELETE }

    /** {@code policy.on-delete}: keep, quarantine or delete. */
    public void setOnDelete(String policy) {
        this.onDelete = OnDelete.valueOf(policy.trim().toUpperCase(Locale.ROOT));
    }

    /** {@code policy.purge-after-days}. */
    public void setPurgeAfterDays(int days) {
        this.purgeAfterDays = days;
    }

    /**
     * After an edit or a revert of an item whose files are all in place: a file of a rendition the item no longer has
     * (the edit of a reverted photo; with {@code --size adjusted} alone, the original its edit replaced) is handled
     * like a trashed photo's file under {@code --on-delete}: kept where it is, moved under {@code .deleted/}, or
     * deleted, with its album links. A rendition of the master another item still shows stays.
     */
    public LibraryChange retireSuperseded(@Body LibraryChange change) {
        if (change.getAsset() == null || !change.plannedFiles() || !change.filesComplete()
                || !(change.has(Transition.EDITED) || change.has(Transition.EDIT_REVERTED))) {
            return change;
        }
        Set<String> wanted = new HashSet<>();
        change.getFiles().forEach(task -> wanted.add(task.getFileKey()));
        boolean masterShared = !sharers(change).isEmpty();
        String reason = change.has(Transition.EDIT_REVERTED) ? "edit-reverted" : "edited";
        String policy = "on-delete=" + onDelete.name().toLowerCase(Locale.ROOT);
        for (MediaFileState file : state.liveFilesOf(change.getZone().zoneName(), change.getRecordName())) {
            if (wanted.contains(file.fileKey()) || (masterShared && file.fileKey().startsWith(file.masterId() + "/"))) {
                continue;
            }
            change.retired(file.fileKey());
            switch (onDelete) {
                case QUARANTINE -> {
                    // Set aside for good: no restore brings an old edit back, and an earlier one may be there already.
                    String to = freeQuarantinePath(file);
                    fileChanges.move(file.path(), to, reason + ", " + policy);
                    record(change, file, to, Placement.REMOVED, reason, policy);
                    albumFolders.removeLinksOf(change, file, reason, policy);
                }
                case DELETE -> {
                    fileChanges.delete(file.path(), reason + ", " + policy);
                    record(change, file, null, Placement.REMOVED, reason, policy);
                    albumFolders.removeLinksOf(change, file, reason, policy);
                }
                case KEEP -> LOG.info("{}: {} is no longer part of the photo in iCloud ({}); kept ({})", change,
                        file.path(), reason, policy);
            }
        }
        return change;
    }

    /** Where under {@code .deleted/} a retired file goes: its path, or that name made unique when it is taken. */
    private String freeQuarantinePath(MediaFileState file) {
        String path = Placement.DELETED_QUARANTINE.pathOf(file.path());
        FileName name = FileName.split(path.substring(path.lastIndexOf('/') + 1));
        String folder = path.substring(0, path.lastIndexOf('/'));
        for (int n = 1; destination.sizeOf(path).isPresent(); n++) {
            path = FolderStructure.join(folder, name.withSuffix("-" + n).value());
        }
        return path;
    }

    /** Whether the task moves a stored file ({@link #move}) rather than downloading it. */
    public boolean movesStoredFile(@Body FileTask task) {
        return task.isMove();
    }

    /**
     * Moves a stored file from where earlier layout settings put it, or from the folder of an album that is no longer
     * its item's first, to where the current ones put it (no download). Its album links go with the old place; the
     * branch places them again for the new one once the file is there.
     */
    public FileTask move(@Body FileTask task) {
        LibraryChange change = task.getChange();
        String from = task.getMovesFrom();
        String reason = task.getMoveReason();
        String policy = FileTask.ALBUM_HOME.equals(reason) ? "folder-structure={album}" : task.getLayout();
        state.fileByKey(task.getFileKey()).ifPresent(file -> albumFolders.removeLinksOf(change, file, reason, policy));
        fileChanges.move(from, task.getRelativePath(), FileTask.ALBUM_HOME.equals(reason)
                ? "its first album changed" : "layout settings changed");
        task.moved();
        change.audit(new AuditEntry(Instant.now().toString(), change.getZone().zoneName(), change.getRecordName(), from,
                task.getRelativePath(), reason, policy));
        return task;
    }

    /** {@code --on-delete quarantine}: a photo moved to Recently Deleted has its files set aside under {@code .deleted/}. */
    public LibraryChange quarantineDeleted(@Body LibraryChange change) {
        return setAside(change, Placement.DELETED_QUARANTINE, "trashed", "on-delete=quarantine");
    }

    /** {@code --on-hidden quarantine}: a hidden photo has its files set aside under {@code .hidden/}. */
    public LibraryChange quarantineHidden(@Body LibraryChange change) {
        return setAside(change, Placement.HIDDEN_QUARANTINE, "hidden", "on-hidden=quarantine");
    }

    /** {@code --on-delete delete}: a photo moved to Recently Deleted has its files deleted. */
    public LibraryChange deleteTrashed(@Body LibraryChange change) {
        return remove(change, "trashed", "on-delete=delete");
    }

    /** A photo back from Recently Deleted: its files come back from quarantine. */
    public LibraryChange restore(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        return bringBack(change, page, "restored");
    }

    /** A photo no longer hidden: its files come back from quarantine. */
    public LibraryChange unhide(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        return bringBack(change, page, "unhidden");
    }

    /**
     * Moves the item's live files into the quarantine folder of {@code placement}; their album links go. A deleted
     * item's files set aside as hidden go under {@code .deleted/} too: a deletion decides where they are (a photo
     * unhidden and deleted between two syncs is where a copy that saw both steps has it).
     */
    private LibraryChange setAside(LibraryChange change, Placement target, String reason, String policy) {
        for (MediaFileState file : ownFiles(change)) {
            Placement now = change.placementOf(file);
            boolean movable = now == Placement.LIVE
                    || (target == Placement.DELETED_QUARANTINE && now == Placement.HIDDEN_QUARANTINE);
            if (movable && file.path() != null) {
                String from = now.pathOf(file.path());
                String to = target.pathOf(file.path());
                fileChanges.move(from, to, reason + ", " + policy);
                record(change, file, to, target, reason, policy);
                albumFolders.removeLinksOf(change, file, reason, policy);
            }
        }
        return change;
    }

    /**
     * Moves the item's files back from any quarantine folder; in an {album} layout they appear again in the
     * folders of the item's other albums (as the page leaves them).
     */
    private LibraryChange bringBack(LibraryChange change, ChangePage page, String reason) {
        List<StoredAlbum> albums = layout.usesAlbumFolders()
                ? new PageAlbums(state, page).albumsOf(change.getRecordName()) : List.of();
        for (MediaFileState file : state.filesOfMaster(masterId(change))) {
            Placement placement = change.placementOf(file);
            if ((placement == Placement.DELETED_QUARANTINE || placement == Placement.HIDDEN_QUARANTINE)
                    && file.path() != null) {
                fileChanges.move(placement.pathOf(file.path()), file.path(), reason + ", restore");
                record(change, file, file.path(), Placement.LIVE, reason, "restore");
                if (shows(change, file)) {
                    albums.forEach(album -> albumFolders.linkFiles(change, page, change.getRecordName(), List.of(file),
                            album, reason));
                }
            }
        }
        return change;
    }

    /** Deletes the item's files wherever they are (at their path or in quarantine), and their album links. */
    private LibraryChange remove(LibraryChange change, String reason, String policy) {
        for (MediaFileState file : ownFiles(change)) {
            Placement placement = change.placementOf(file);
            if (placement != Placement.REMOVED && file.path() != null) {
                fileChanges.delete(placement.pathOf(file.path()), reason + ", " + policy);
                record(change, file, null, Placement.REMOVED, reason, policy);
                albumFolders.removeLinksOf(change, file, reason, policy);
            }
        }
        return change;
    }

    /**
     * {@code --on-purge delete}: deletes a purged item's files once it has been purged for {@code purge-after-days}
     * days; until then they stay and a later cycle's sweep deletes them.
     */
    public LibraryChange removePurged(@Body LibraryChange change) {
        AssetState previous = change.getPrevious();
        long purgedAt = previous != null && previous.purgedAt() != null ? previous.purgedAt() : System.currentTimeMillis();
        if (System.currentTimeMillis() - purgedAt >= Duration.ofDays(purgeAfterDays).toMillis()) {
            return remove(change, "purged", "on-purge=delete" + (purgeAfterDays > 0 ? ", purge-after-days=" + purgeAfterDays : ""));
        }
        LOG.info("{}: purged in iCloud; its local copy is deleted after {} days", change, purgeAfterDays);
        return change;
    }

    /** The items still in the library, other than the change's, that show its master. */
    private List<AssetState> sharers(LibraryChange change) {
        return state.activeAssetsOfMaster(masterId(change)).stream()
                .filter(other -> !(other.zoneName().equals(change.getZone().zoneName())
                        && other.assetId().equals(change.getRecordName())))
                .toList();
    }

    /** The item's written files, unless another item still in the library shares them. */
    private List<MediaFileState> ownFiles(LibraryChange change) {
        String masterId = masterId(change);
        List<AssetState> sharers = sharers(change);
        if (!sharers.isEmpty()) {
            LOG.info("{}: its file stays, {} still shows it", change, sharers.get(0).zoneName() + "/" + sharers.get(0).assetId());
            return List.of();
        }
        return state.filesOfMaster(masterId).stream().filter(MediaFileState::isDone).toList();
    }

    /** Whether the item shows the file: a rendition of its master, or its own edit (not another item's). */
    private static boolean shows(LibraryChange change, MediaFileState file) {
        return file.fileKey().startsWith(file.masterId() + "/")
                || file.fileKey().startsWith(change.getZone().zoneName() + "/" + change.getRecordName() + "/");
    }

    private static String masterId(LibraryChange change) {
        return change.getAsset() != null ? change.getAsset().masterId() : change.getPrevious().masterId();
    }

    private static void record(LibraryChange change, MediaFileState file, String to, Placement placement, String reason,
                               String policy) {
        String from = change.placementOf(file).pathOf(file.path());
        change.placed(file.fileKey(), placement);
        change.audit(new AuditEntry(Instant.now().toString(), change.getZone().zoneName(), change.getRecordName(), from,
                to, reason, policy));
    }
}

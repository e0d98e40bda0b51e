package com.camelicloud.photos.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.StoredAlbum;
import com.camelicloud.photos.state.SyncStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --delete-after-download} and {@code --keep-icloud-recent-days}: which items of the personal library move to
 * iCloud's Recently Deleted once the cycle's files are durable, and whether each one's copy is verified. An item goes
 * only when, as iCloud has it now, every file the download settings want of it is stored at the destination with its
 * recorded size and SHA-256 (on a folder, the file is read again and its SHA-256 compared). Never an item the settings
 * leave out, one whose download failed, a hidden one, or one also in a Shared Library. The {@code free-icloud-space}
 * route asks iCloud to move them (docs/protocol.md §3.12).
 */
public class FreeSpace {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelicloud.photos.sync");

    private final SyncStateRepository state;
    private final ContentPolicy content;
    private final Destination destination;
    private final SyncReport report;
    private boolean deleteAfterDownload;
    private String keepICloudRecentDays = "";
    private String library = ZoneId.PRIMARY;
    private Integer keepRecentDays;
    /** This cycle's {@link #cutoff()}; the same for every item of the cycle. */
    private volatile Instant cutoff;

    /** Configured with the settings' spellings through setters (so YAML can declare it), checked by {@link #init()}. */
    public FreeSpace(SyncStateRepository state, ContentPolicy content, Destination destination, SyncReport report) {
        this.state = state;
        this.content = content;
        this.destination = destination;
        this.report = report;
    }

    /** Checks the settings; throws IllegalArgumentException naming the flag. */
    public FreeSpace init() {
        keepRecentDays = keepICloudRecentDays == null || keepICloudRecentDays.isBlank() ? null
                : Integer.valueOf(keepICloudRecentDays.trim());
        if (keepRecentDays != null && keepRecentDays < 0) {
            throw new IllegalArgumentException("--keep-icloud-recent-days must be 0 or more days, not " + keepRecentDays);
        }
        if (deleteAfterDownload && keepRecentDays != null) {
            throw new IllegalArgumentException("give either --delete-after-download or --keep-icloud-recent-days, not "
                    + "both");
        }
        return this;
    }

    /** {@code --delete-after-download}: the items a sync downloads are moved once their copy is verified. */
    public void setDeleteAfterDownload(boolean deleteAfterDownload) {
        this.deleteAfterDownload = deleteAfterDownload;
    }

    /** {@code --keep-icloud-recent-days}: empty for none, else the days of photos kept in iCloud (0: none kept). */
    public void setKeepICloudRecentDays(String keepICloudRecentDays) {
        this.keepICloudRecentDays = keepICloudRecentDays;
    }

    /** {@code --library}: the libraries this destination syncs. */
    public void setLibrary(String library) {
        this.library = library;
    }

    /**
     * Whether the items of this destination may be moved at all, given the account's libraries as iCloud lists them:
     * only when this sync follows the personal library and every Shared Library of the account. A photo put into a
     * Shared Library is also in the personal library, and moving it to Recently Deleted could take it from the Shared
     * Library for everyone: only a state that follows the Shared Library knows such photos, to leave them alone.
     */
    public boolean allowedWith(List<ZoneId> libraries) {
        boolean all = library.equalsIgnoreCase("all");
        if (!all && !library.equals(ZoneId.PRIMARY)) {
            LOG.warn("{} moves nothing to Recently Deleted: it only frees space when the personal library is synced "
                    + "(--library PrimarySync or all), not with --library {}", setting(), library);
            return false;
        }
        Set<String> synced = new LinkedHashSet<>();
        state.knownLibraries().forEach(zone -> synced.add(zone.zoneName()));
        List<String> unsynced = libraries.stream().filter(ZoneId::isSharedLibrary).map(ZoneId::zoneName)
                .filter(name -> !all || !synced.contains(name)).toList();
        if (!unsynced.isEmpty()) {
            LOG.warn("{} moves nothing to Recently Deleted: this account has a Shared Library that this sync does not "
                    + "follow ({}). A photo you put into it is in your own library too, and moving that to Recently "
                    + "Deleted could take it from the Shared Library for everyone. Sync with --library all: such photos "
                    + "are then recognised and left in iCloud.", setting(), String.join(", ", unsynced));
            return false;
        }
        return true;
    }

    /**
     * The items to consider this cycle, {@value CloudKitClient#MODIFY_BATCH} at a time, read from the state as each
     * batch is asked for. Ends early when iCloud throttled or failed a batch: the rest waits for the next run.
     */
    public Iterator<FreeSpaceBatch> batches() {
        cutoff = null;
        Long takenBy = keepRecentDays == null ? null : cutoff().toEpochMilli();
        LOG.info("Freeing iCloud space ({}): moving items whose copy is verified to Recently Deleted", setting());
        return new Iterator<>() {
            private List<AssetState> next;
            private String after;
            private FreeSpaceBatch last;

            @Override
            public boolean hasNext() {
                if (last != null && last.stoppedBecause() != null) {
                    return false;
                }
                if (next == null) {
                    next = state.freeSpaceCandidates(content.profile(), deleteAfterDownload, takenBy, after,
                            CloudKitClient.MODIFY_BATCH);
                }
                return !next.isEmpty();
            }

            @Override
            public FreeSpaceBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                after = next.get(next.size() - 1).assetId();
                last = new FreeSpaceBatch(ZoneId.primary(), next.stream().map(FreeSpaceItem::new).toList(), setting());
                next = null;
                return last;
            }
        };
    }

    /** Decides, from the records iCloud answered, which items' copies are verified. */
    public FreeSpaceBatch decide(FreeSpaceBatch batch) {
        for (FreeSpaceItem item : batch.getItems()) {
            if (item.outcome() == FreeSpaceItem.Outcome.CANDIDATE) {
                decide(batch.getZone(), item);
                if (item.outcome() == FreeSpaceItem.Outcome.KEPT && item.damagedFile() == null) {
                    LOG.debug("{} stays in iCloud: {}", item, item.reason());
                }
            }
        }
        return batch;
    }

    /**
     * After a conflict, with the records read again: an item whose copy is still verified is tried once more; one that
     * is in Recently Deleted now was moved (by this request sent again after an answer was lost, or by the user at the
     * same moment), and its verified copy is what is kept.
     */
    public FreeSpaceBatch decideAgain(FreeSpaceBatch batch) {
        for (FreeSpaceItem item : batch.getItems()) {
            if (item.outcome() == FreeSpaceItem.Outcome.CONFLICT) {
                CkRecord asset = item.asset();
                if (asset != null && asset.serverErrorCode() == null && !asset.isTombstone() && asset.flag("isDeleted")) {
                    item.moved(asset.recordChangeTag());
                } else {
                    decide(batch.getZone(), item);
                    LOG.info("{} changed in iCloud since it was read; {}", item,
                            item.outcome() == FreeSpaceItem.Outcome.ELIGIBLE ? "its copy is still verified, trying again"
                                    : "it stays in iCloud: " + item.reason());
                }
            }
        }
        return batch;
    }

    /** Counts and logs what iCloud did with a batch. */
    public FreeSpaceBatch finished(FreeSpaceBatch batch) {
        Map<String, Long> left = new TreeMap<>();
        for (FreeSpaceItem item : batch.getItems()) {
            if (item.outcome() == FreeSpaceItem.Outcome.MOVED) {
                report.itemFreed();
                LOG.info("Moved {} to iCloud's Recently Deleted; its copy stays: {}", item,
                        String.join(", ", item.files().stream().map(MediaFileState::path).toList()));
            } else if (item.outcome() == FreeSpaceItem.Outcome.LEFT) {
                report.itemLeftInICloud();
                left.merge(item.reason(), 1L, Long::sum);
            }
        }
        left.forEach((reason, count) -> LOG.warn("{} item(s) stay in iCloud for now ({}); the next run moves them",
                count, reason));
        if (batch.stoppedBecause() != null) {
            LOG.warn("Stopped moving items to Recently Deleted for this cycle ({}); the next run goes on",
                    batch.stoppedBecause());
        }
        return batch;
    }

    private void decide(ZoneId zone, FreeSpaceItem item) {
        CkRecord asset = item.asset();
        AssetState stored = item.stored();
        if (asset == null || asset.isTombstone() || asset.serverErrorCode() != null) {
            item.kept("iCloud did not answer its record");
            return;
        }
        if (asset.flag("isDeleted")) {
            item.kept("it is in Recently Deleted already");
            return;
        }
        if (asset.flag("isHidden")) {
            item.kept("it is hidden");
            return;
        }
        if (!Objects.equals(asset.reference("masterRef"), stored.masterId())) {
            item.kept("it points at another file in iCloud since the last sync, which fetches it first");
            return;
        }
        if (item.master() == null) {
            item.kept("iCloud did not answer its master record");
            return;
        }
        PhotoAsset current = new PhotoAsset(zone.zoneName(), asset, item.master());
        if (!Objects.equals(current.adjustmentType(), stored.adjustmentType())
                || !Objects.equals(ChangeClassifier.adjustedFingerprint(current), stored.adjustmentFingerprint())) {
            item.kept("it was edited in iCloud since the last sync, which fetches the edit first");
            return;
        }
        if (keepRecentDays != null && current.captureTime().map(taken -> taken.isAfter(cutoff())).orElse(true)) {
            item.kept("it was taken within the last " + keepRecentDays + " days, or when is not known");
            return;
        }
        Set<String> albums = new LinkedHashSet<>();
        if (content.filtersByAlbum()) {
            state.albumsOf(zone.zoneName(), stored.assetId()).stream().filter(StoredAlbum::isLive)
                    .forEach(album -> albums.add(album.name()));
        }
        Optional<String> excluded = content.exclusion(current, albums);
        if (excluded.isPresent()) {
            item.kept("the download settings leave it out (" + excluded.get() + ")");
            return;
        }
        List<ContentPolicy.Wanted> wanted = content.renditions(current);
        if (wanted.isEmpty()) {
            item.kept("the download settings want no file of it");
            return;
        }
        List<MediaFileState> verified = new ArrayList<>();
        for (ContentPolicy.Wanted rendition : wanted) {
            String fileKey = FilePlanner.fileKey(current, rendition.rendition());
            Optional<MediaFileState> file = state.fileByKey(fileKey).filter(MediaFileState::isDone)
                    .filter(done -> done.path() != null && Placement.fromId(done.placement()) == Placement.LIVE);
            if (file.isEmpty()) {
                item.kept("its " + FilePlanner.renditionName(rendition.rendition()) + " file is not stored");
                return;
            }
            if (!verified(item, file.get())) {
                return;
            }
            verified.add(file.get());
        }
        item.eligible(verified);
    }

    /**
     * Checks a stored file: committed with its size and SHA-256, not found damaged by {@code verify}, at its path with
     * that size, and on a destination that can hash its files (a folder) with that SHA-256. Reading the file once more is
     * cheap next to what is at stake: after 30 days in Recently Deleted, this copy is the only one. S3 and SFTP would
     * have to send the whole file back; there the size decides, as it does everywhere else a stored file is checked. A
     * file found missing or damaged is marked as {@code verify} marks one: the next sync fetches it again in place.
     */
    private boolean verified(FreeSpaceItem item, MediaFileState file) {
        if (file.size() == null || file.sha256() == null) {
            item.kept("no size or SHA-256 was recorded for " + file.path());
            return false;
        }
        if (file.damaged()) {
            item.kept(file.path() + " was found damaged and is fetched again first");
            return false;
        }
        String problem = null;
        if (!destination.hasRecordedSize(file.path(), file.size())) {
            problem = destination.sizeOf(file.path()).map(size -> " is " + size + " bytes instead of " + file.size())
                    .orElse(" is missing");
        } else if (destination.sha256Of(file.path()).filter(sha256 -> !sha256.equals(file.sha256())).isPresent()) {
            problem = " is not the file that was written (its SHA-256 differs)";
        }
        if (problem == null) {
            return true;
        }
        item.damaged(file, file.path() + problem);
        LOG.warn("{}{} at {}; its item stays in iCloud, and the next sync fetches the file again", file.path(), problem,
                destination.describe());
        return false;
    }

    /** {@code --keep-icloud-recent-days N}: photos taken after this stay in iCloud (icloudpd: aged under N days). */
    private Instant cutoff() {
        if (cutoff == null) {
            cutoff = Instant.now().minus(Duration.ofDays(keepRecentDays));
        }
        return cutoff;
    }

    /** The setting that chose the items, as the audit log and messages name it. */
    private String setting() {
        return deleteAfterDownload ? "delete-after-download" : "keep-icloud-recent-days=" + keepRecentDays;
    }
}

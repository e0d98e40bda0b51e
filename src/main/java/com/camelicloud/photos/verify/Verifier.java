package com.camelicloud.photos.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.camelicloud.photos.cloudkit.LibraryCounts;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.ListedFile;
import com.camelicloud.photos.destination.LocalDestination;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.library.Sha256;
import com.camelicloud.photos.library.MediaKind;
import com.camelicloud.photos.library.UniformTypes;
import com.camelicloud.photos.metadata.XmpSidecar;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.StoredItems;
import com.camelicloud.photos.state.SyncStateRepository;
import com.camelicloud.photos.verify.VerifyReport.BadCopy;
import com.camelicloud.photos.verify.VerifyReport.Damage;
import com.camelicloud.photos.verify.VerifyReport.Leftover;
import com.camelicloud.photos.verify.VerifyReport.Place;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a destination with its sync state: every file the state says is stored (at its path, or set aside in a
 * quarantine folder) must be there with its recorded size, and with {@code checksums} its recorded SHA-256; a file
 * the state records nowhere (not a stored file, an album link, or a stored file's XMP sidecar) is unexpected, except in
 * dot-folders, which are only checked against their records; temp files are left-overs, since verify never runs
 * beside a download. Only reads; the repair it prepares is written by the {@code verify} route.
 */
public class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    private static final String PHOTOS = "photos";
    private static final String VIDEOS = "videos";

    private final SyncStateRepository state;
    private final Destination destination;
    private final Path tempDirectory;
    private final String tempSuffix;
    private final boolean keepsHidden;
    private final XmpSidecar sidecars = new XmpSidecar();

    /**
     * @param tempDirectory where downloads are staged: a folder inside a local destination, else a local folder
     * @param tempSuffix    the suffix of partial files, also of uploads under a temp name
     * @param onHidden      {@code policy.on-hidden}: with {@code keep}, hidden photos are part of the copy
     */
    public Verifier(SyncStateRepository state, Destination destination, String tempDirectory, String tempSuffix,
                    String onHidden) {
        this.state = state;
        this.keepsHidden = "keep".equals(onHidden);
        this.destination = destination;
        this.tempDirectory = Path.of(tempDirectory).toAbsolutePath().normalize();
        this.tempSuffix = tempSuffix;
    }

    /** A stored file as verify needs it. */
    private record Expected(MediaFileState file, String path) {
    }

    /** @param checksums also recompute each copy's SHA-256 (null: no) */
    public VerifyReport check(Boolean checksums) {
        boolean hashing = Boolean.TRUE.equals(checksums);
        List<ZoneId> libraries = state.knownLibraries();
        VerifyReport report = new VerifyReport(destination.describe(), hashing,
                libraries.isEmpty() ? List.of(ZoneId.primary()) : libraries);
        report.incompleteItems(state.incompleteItemCount(keepsHidden));
        Map<String, Expected> expected = new HashMap<>();
        Set<String> known = new HashSet<>();
        state.forEachRecordedFile(file -> {
            Placement placement = Placement.fromId(file.placement());
            String where = placement == Placement.REMOVED ? file.path() : placement.pathOf(file.path());
            known.add(file.path());
            known.add(where);
            if (file.isDone() && placement != Placement.REMOVED) {
                expected.put(where, new Expected(file, where));
            }
        });
        state.forEachAlbumLinkPath(known::add);
        String tempFolder = tempFolderInDestination();
        List<Expected> toHash = new ArrayList<>();
        for (ListedFile object : destination.listFiles()) {
            Expected stored = expected.remove(object.path());
            if (stored != null) {
                compareSize(report, stored, object, toHash);
            } else if ((tempFolder != null && object.path().startsWith(tempFolder))
                    || object.path().endsWith(tempSuffix)) {
                report.leftover(new Leftover(Place.DESTINATION, object.path(), object.size(), null));
            } else if (!known.contains(object.path()) && !isSidecarOfKnown(object.path(), known)
                    && !inDotFolder(object.path())) {
                report.unexpected(object.path());
            }
        }
        expected.values().forEach(missing -> {
            report.stored(0);
            report.bad(badCopy(missing, Damage.MISSING, "not in the destination"));
        });
        if (hashing) {
            for (Expected stored : toHash) {
                String recorded = stored.file().sha256();
                report.hashed(recorded != null);
                if (recorded != null) {
                    String actual = Sha256.of(destination.read(stored.path()), stored.path());
                    if (!recorded.equalsIgnoreCase(actual)) {
                        report.bad(badCopy(stored, Damage.CHECKSUM, "its SHA-256 differs from the recorded one"));
                    }
                }
            }
        }
        if (tempFolder == null) {
            stagedFiles().forEach(report::leftover);
        }
        destination.unfinishedUploads().forEach(upload ->
                report.leftover(new Leftover(Place.UPLOAD, upload.path(), -1, upload)));
        report.sort();
        LOG.info("Verified {}: {} stored files, {} missing, {} damaged, {} unexpected, {} left-over temp files",
                destination.describe(), report.getStoredFiles(), report.missing(), report.damaged(),
                report.getUnexpected().size(), report.getLeftovers().size());
        return report;
    }

    private void compareSize(VerifyReport report, Expected stored, ListedFile object, List<Expected> toHash) {
        report.stored(object.size());
        Long recorded = stored.file().size();
        if (recorded != null && recorded != object.size()) {
            report.bad(badCopy(stored, Damage.SIZE, object.size() + " bytes instead of the recorded " + recorded));
        } else {
            toHash.add(stored);
        }
    }

    /** A bad copy, and whether a sync can fetch it again: only files at their path of items still in the library. */
    private BadCopy badCopy(Expected stored, Damage damage, String detail) {
        MediaFileState file = stored.file();
        String notRepairable = null;
        Placement placement = Placement.fromId(file.placement());
        if (placement != Placement.LIVE) {
            notRepairable = "set aside in " + placement.folder() + "/ because the photo is "
                    + (placement == Placement.HIDDEN_QUARANTINE ? "hidden" : "in Recently Deleted")
                    + " in iCloud; it is not fetched again there";
        } else if (file.masterId() == null || activeItems(file.masterId()).isEmpty()) {
            notRepairable = "its photo is hidden or in Recently Deleted in iCloud, so a sync does not fetch it again";
        }
        return new BadCopy(stored.path(), file.fileKey(), file.masterId(), damage, detail, notRepairable);
    }

    /** The items showing the master that a sync fetches files for: visible ones, and hidden ones when they are kept. */
    private List<AssetState> activeItems(String masterId) {
        return state.activeAssetsOfMaster(masterId).stream().filter(item -> "active".equals(item.status())
                || (keepsHidden && "hidden".equals(item.status()))).toList();
    }

    /** {@code IMG_1.HEIC.xmp} beside a recorded {@code IMG_1.HEIC}. */
    private boolean isSidecarOfKnown(String path, Set<String> known) {
        String ending = sidecars.nameFor("");
        return path.endsWith(ending) && known.contains(path.substring(0, path.length() - ending.length()));
    }

    /** {@code .deleted/}, {@code .hidden/}, a user's {@code .stfolder/} or {@code .DS_Store}: left to their owners. */
    private static boolean inDotFolder(String path) {
        for (String segment : path.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The temp folder's path in a local destination (with a trailing slash), or null when it is elsewhere. */
    private String tempFolderInDestination() {
        if (destination instanceof LocalDestination local && tempDirectory.startsWith(local.root())
                && !tempDirectory.equals(local.root())) {
            return local.root().relativize(tempDirectory).toString().replace(tempDirectory.getFileSystem().getSeparator(),
                    "/") + "/";
        }
        return null;
    }

    /** The files of a remote destination's local staging folder: none survives a sync that finished. */
    private List<Leftover> stagedFiles() {
        if (!Files.isDirectory(tempDirectory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tempDirectory)) {
            return walk.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .map(file -> new Leftover(Place.STAGING, file.toString(), size(file), null)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the staging folder " + tempDirectory + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Sets iCloud's counts beside the state's, per library and kind (photos, videos). */
    public void compareCounts(VerifyReport report, List<LibraryCounts> counts) {
        Map<String, long[]> recorded = new LinkedHashMap<>();
        for (StoredItems items : state.storedItems()) {
            String kind = UniformTypes.kind(items.itemType(), null) == MediaKind.VIDEO ? VIDEOS : PHOTOS;
            long[] sums = recorded.computeIfAbsent(items.zoneName() + "/" + kind, key -> new long[2]);
            sums[0] += items.items();
            sums[1] += items.complete();
        }
        for (LibraryCounts library : counts) {
            String zone = library.library().zoneName();
            long[] photos = recorded.getOrDefault(zone + "/" + PHOTOS, new long[2]);
            long[] videos = recorded.getOrDefault(zone + "/" + VIDEOS, new long[2]);
            report.count(new VerifyReport.CountLine(zone, PHOTOS, library.photos(), photos[0], photos[1]));
            report.count(new VerifyReport.CountLine(zone, VIDEOS, library.videos(), videos[0], videos[1]));
        }
    }

    /** iCloud could not be asked (diagnostics only: the check of the destination stands without them). */
    public void countsUnavailable(VerifyReport report, Exception reason) {
        LOG.warn("iCloud's counts are not available: {}", reason.getMessage());
        report.countsUnavailable(reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage());
    }

    /** Removes the left-over temp files and aborts the unfinished uploads; what cannot go is reported. */
    public void removeLeftovers(VerifyReport report) {
        for (Leftover leftover : report.getLeftovers()) {
            try {
                switch (leftover.place()) {
                    case DESTINATION -> destination.delete(leftover.path());
                    case STAGING -> Files.deleteIfExists(Path.of(leftover.path()));
                    case UPLOAD -> destination.discard(leftover.upload());
                }
                LOG.info("Removed the left-over temp file {}", leftover.path());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not remove the left-over temp file {}: {}", leftover.path(), e.getMessage());
                report.leftoverKept(leftover);
            }
        }
    }

    /**
     * After the repair's sync: which repairable copies are still not as their (new) record says, every copy that could
     * not be repaired at all, and how many items still lack a file.
     */
    public void recheck(VerifyReport report) {
        List<BadCopy> notFixed = new ArrayList<>();
        for (BadCopy copy : report.getBadCopies()) {
            if (!copy.repairable() || !fixed(copy, report.isChecksums())) {
                notFixed.add(copy);
            }
        }
        report.repairChecked(notFixed, state.incompleteItemCount(keepsHidden));
    }

    private boolean fixed(BadCopy copy, boolean checksums) {
        Optional<MediaFileState> now = state.fileByKey(copy.fileKey());
        if (now.isEmpty() || !now.get().isDone() || now.get().damaged() || now.get().path() == null) {
            return false;
        }
        MediaFileState file = now.get();
        String path = Placement.fromId(file.placement()).pathOf(file.path());
        if (!destination.hasRecordedSize(path, file.size())) {
            return false;
        }
        return !checksums || file.sha256() == null
                || file.sha256().toLowerCase(Locale.ROOT).equals(Sha256.of(destination.read(path), path));
    }
}

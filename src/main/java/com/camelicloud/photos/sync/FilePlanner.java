package com.camelicloud.photos.sync;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.camelicloud.photos.destination.DestinationProbe;
import com.camelicloud.photos.layout.FolderStructure;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.layout.Rendition;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.StoredAlbum;
import com.camelicloud.photos.state.SyncStateRepository;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Decides, for a change that needs files, which files and where: one {@link FileTask} per wanted
 * rendition, at the first free candidate path. A path is free when neither the state database, nor
 * another file of the same page, nor a different file at the destination holds it; a file already at
 * the destination with the expected size is adopted instead of downloaded again.
 */
public class FilePlanner {

    /** Starts the error of a file iCloud offers no download for; retried on later runs like any failure. */
    static final String UNAVAILABLE = "iCloud offers no download";

    private final SyncStateRepository state;
    private final ContentPolicy policy;
    private final PhotoLayout layout;
    private final DestinationProbe destination;
    private final ZoneId fallbackZone;
    private ExistingFiles existingFiles;

    public FilePlanner(SyncStateRepository state, ContentPolicy policy, PhotoLayout layout, DestinationProbe destination) {
        this.state = state;
        this.policy = policy;
        this.layout = layout;
        this.destination = destination;
        this.fallbackZone = ZoneId.systemDefault();
    }

    /** {@code import-existing}: files already at the destination, wherever icloudpd or kei put them, are adopted. */
    public void setExistingFiles(ExistingFiles existingFiles) {
        this.existingFiles = existingFiles;
    }

    /**
     * Names every file the page needs, in page order, before its changes run in parallel: the same
     * library then always gets the same names, whatever order the downloads finish in.
     */
    public ChangePage planPage(ChangePage page) {
        PageStoredFiles files = new PageStoredFiles(state);
        List<LibraryChange> changes = page.getChanges().stream().filter(FilePlanner::needsFiles).toList();
        prefetch(changes, files);
        for (LibraryChange change : changes) {
            plan(change, page, files);
        }
        return page;
    }

    /**
     * Asks the state at once about every file the page's changes may plan and the paths the layout would give them
     * (outside any album: an album's folder is known only while planning), a superset of what planning asks.
     */
    private void prefetch(List<LibraryChange> changes, PageStoredFiles files) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        for (LibraryChange change : changes) {
            PhotoAsset asset = change.getAsset();
            if (asset == null || asset.master() == null) {
                continue;
            }
            for (ContentPolicy.Wanted wanted : policy.renditions(asset)) {
                String key = fileKey(asset, wanted.rendition());
                keys.add(key);
                if (!layout.folders().usesAlbum()) {
                    List<String> candidates = candidatePaths(change, asset, wanted, List.of());
                    files.rememberCandidates(change, key, candidates);
                    paths.addAll(candidates);
                }
            }
        }
        files.prefetch(keys, paths);
    }

    /** The changes whose branch downloads files. */
    static boolean needsFiles(LibraryChange change) {
        return change.getType() == ChangeType.ASSET_ADDED;
    }

    /** The change's files still to fetch, once planned (the {@code fetch-planned} route's split). */
    public List<FileTask> pendingFiles(@Body LibraryChange change) {
        return change.getPendingFiles();
    }

    /** Fills {@code change}'s file list (a change planned on its own, after its page); returns the change. */
    public LibraryChange plan(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        return plan(change, page, new PageStoredFiles(state));
    }

    private LibraryChange plan(LibraryChange change, ChangePage page, PageStoredFiles files) {
        PhotoAsset asset = change.getAsset();
        if (asset != null && asset.master() == null && filesPresent(asset.masterId())) {
            return change;
        }
        if (asset == null || asset.master() == null) {
            // The master could not be had (records/lookup failed); a later run retries the item.
            FileTask task = new FileTask(change, (asset == null ? change.getRecordName() : asset.masterId()) + "/original",
                    "original", null, null, null, 0, layout.profile());
            task.failed(UNAVAILABLE + ": the item's master record could not be looked up");
            change.getFiles().add(task);
            return change;
        }
        List<StoredAlbum> albums = layout.folders().usesAlbum() || policy.filtersByAlbum()
                ? new PageAlbums(state, page).albumsOf(change.getRecordName()) : List.of();
        Optional<String> excluded = policy.exclusion(asset, albums.stream().flatMap(album -> album.filterNames().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        List<ContentPolicy.Wanted> renditions = excluded.isPresent() ? List.of() : policy.renditions(asset);
        if (excluded.isPresent() || renditions.isEmpty()) {
            change.skip(excluded.orElse("size-unavailable"));
            return change;
        }
        Instant modified = asset.captureTime().orElse(null);
        for (ContentPolicy.Wanted wanted : renditions) {
            String key = fileKey(asset, wanted.rendition());
            Optional<MediaFileState> known = files.byKey(key);
            // a copy verify found damaged is not stored: it is replaced at its path (see allocate)
            boolean stored = known.isPresent() && known.get().isStoredAt(destination);
            boolean current = stored && isCurrent(known.get(), wanted.resource());
            if (current && !known.get().laidOutOtherThan(layout.profile())
                    && !awayFromHome(known.get(), change, asset, wanted, albums)) {
                FileTask task = new FileTask(change, key, renditionName(wanted.rendition()), wanted.resource(),
                        known.get().path(), modified, known.get().attempts(), layout.profile());
                task.completed(FileTask.Outcome.ALREADY_PRESENT, known.get().size(), known.get().sha256());
                change.getFiles().add(task);
                continue;
            }
            change.getFiles().add(planFile(change, page, files, asset, wanted, key, known, stored && !current,
                    modified, albums));
        }
        return change;
    }

    /**
     * In an {album} layout: whether a file is outside the folder of its item's first album (or of its date, in none),
     * where a fresh sync would store it; it moves there. Its albums changed since it was stored: one that sorts first
     * was added, the first was left, renamed, moved or deleted.
     */
    private boolean awayFromHome(MediaFileState file, LibraryChange change, PhotoAsset asset,
                                 ContentPolicy.Wanted wanted, List<StoredAlbum> albums) {
        if (!layout.folders().usesAlbum() || file.path() == null) {
            return false;
        }
        List<String> home = albums.isEmpty() ? List.of() : albums.get(0).path();
        String candidate = candidatePaths(change, asset, wanted, home).get(0);
        return !folderOf(candidate).equals(folderOf(file.path()));
    }

    private static String folderOf(String path) {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    /** Whether a stored file holds the resource's bytes: iCloud gives a new edit of a photo a new checksum. */
    private static boolean isCurrent(MediaFileState file, Resource resource) {
        return file.checksum() == null || resource.checksum() == null || file.checksum().equals(resource.checksum());
    }

    /** Every file written from this master is at its path with its size (an asset-only change needs nothing). */
    private boolean filesPresent(String masterId) {
        List<MediaFileState> files = state.filesOfMaster(masterId);
        return !files.isEmpty() && files.stream().filter(MediaFileState::isDone)
                .allMatch(file -> file.isStoredAt(destination));
    }

    /**
     * One file of a page: allocated once, however many changes of the page need it. A stored file whose rendition
     * has new bytes ({@code outdated}) is replaced at its path.
     */
    private FileTask planFile(LibraryChange change, ChangePage page, PageStoredFiles files, PhotoAsset asset,
                              ContentPolicy.Wanted wanted, String key, Optional<MediaFileState> known,
                              boolean outdated, Instant modified, List<StoredAlbum> albums) {
        synchronized (page.reservedPaths()) {
            FileTask planned = page.plannedFile(key);
            if (planned != null) {
                return planned;
            }
            List<String> candidates = new ArrayList<>();
            // A file planned before (failed, or removed by a policy) keeps its name, unless other layout settings
            // chose it: then it goes where the current settings put it.
            Optional<MediaFileState> stored = known.filter(file -> file.isStoredAt(destination));
            boolean relaid = !outdated && known.isPresent() && (known.get().laidOutOtherThan(layout.profile())
                    || awayFromHome(known.get(), change, asset, wanted, albums));
            if (!relaid) {
                known.map(MediaFileState::path).ifPresent(candidates::add);
            }
            // In an {album} layout the file lives in its first album's folder and is linked into the others.
            List<String> home = albums.isEmpty() ? List.of() : albums.get(0).path();
            List<String> laidOut = home.isEmpty()
                    ? files.candidates(change, key, () -> candidatePaths(change, asset, wanted, home))
                    : candidatePaths(change, asset, wanted, home);
            laidOut.stream().filter(path -> !candidates.contains(path)).forEach(candidates::add);
            ExistingFiles.Match existing = outdated || existingFiles == null ? null : existingFiles.find(asset,
                    wanted.rendition(), wanted.resource(), key, libraryPrefix(layout, change.getZone()), home,
                    page.reservedPaths());
            Allocation allocation = outdated ? reserve(page.reservedPaths(), key, known.get().path())
                    : existing != null ? new Allocation(existing.path(), false, null, false)
                    : allocate(page.reservedPaths(), files, key, candidates, wanted.resource().size(),
                    relaid ? known.get().size() : null, relaid && stored.isPresent());
            // A new version replaces the stored file where it is: its path keeps following the settings it was
            // laid out by, and moves with the other files when those are not the current ones.
            FileTask task = new FileTask(change, key, renditionName(wanted.rendition()), wanted.resource(),
                    allocation.path(), modified, known.map(MediaFileState::attempts).orElse(0),
                    outdated ? known.get().layout() : layout.profile());
            if (outdated) {
                task.replaces();
            }
            if (allocation.repaired()) {
                task.replacesDamagedCopy();
            }
            if (existing != null) {
                task.completed(FileTask.Outcome.ALREADY_PRESENT, existing.size(), existing.sha256());
            } else if (relaid && stored.isPresent() && !allocation.adopted()
                    && !allocation.path().equals(stored.get().path())) {
                task.movesFrom(stored.get().path(), stored.get().size(), stored.get().sha256(),
                        known.get().laidOutOtherThan(layout.profile()) ? FileTask.RELAYOUT : FileTask.ALBUM_HOME);
            } else if (relaid && stored.isPresent() && allocation.path().equals(stored.get().path())) {
                task.completed(FileTask.Outcome.ALREADY_PRESENT, stored.get().size(), stored.get().sha256());
            } else if (allocation.adopted()) {
                long bytes = destination.sizeOf(allocation.path()).orElse(wanted.resource().size());
                task.completed(FileTask.Outcome.ALREADY_PRESENT, bytes, allocation.sha256() != null
                        ? allocation.sha256() : destination.sha256Of(allocation.path()).orElse(null));
            }
            if (layout.folders().usesAlbum()) {
                albums.stream().skip(1).forEach(task::alsoIn);
            }
            page.addPlannedFile(task);
            return task;
        }
    }

    /** Where the layout would put this file of the change, first choice first, under its library's folder. */
    private List<String> candidatePaths(LibraryChange change, PhotoAsset asset, ContentPolicy.Wanted wanted,
                                        List<String> home) {
        String prefix = libraryPrefix(layout, change.getZone());
        return layout.candidatePaths(asset, wanted.rendition(), wanted.resource(), fallbackZone, home).stream()
                .map(path -> prefix + path).toList();
    }

    /**
     * Photos that only a Shared Library has (other members' photos) go under its folder; the account's own
     * photos are in PrimarySync too and were stored from there, once (docs/protocol.md §7.5).
     */
    static String libraryPrefix(PhotoLayout layout, com.camelicloud.photos.cloudkit.ZoneId zone) {
        return zone.isSharedLibrary() && !layout.folders().usesLibrary()
                ? FolderStructure.libraryName(zone.zoneName()) + "/" : "";
    }

    /**
     * @param sha256   the recorded hash of an adopted file, when its state row has one
     * @param repaired the path holds a damaged copy of this very file, to be replaced by the download
     */
    private record Allocation(String path, boolean adopted, String sha256, boolean repaired) {
    }

    /** The path of a stored file, for its new version. */
    private static Allocation reserve(Map<String, String> reserved, String key, String path) {
        synchronized (reserved) {
            reserved.put(path, key);
            return new Allocation(path, false, null, false);
        }
    }

    /**
     * @param movedSize the recorded size of a file being moved to a new path: found there already (a crash after the
     *                  move, before its page was committed), it is the moved file
     * @param ownLinks  the file is still at its old path: a path holding one of its album links is free, the move
     *                  takes the link's place (the file goes into an album folder it was linked into)
     */
    private Allocation allocate(Map<String, String> reserved, PageStoredFiles files, String key,
                                List<String> candidates, long size, Long movedSize, boolean ownLinks) {
        synchronized (reserved) {
            for (String path : candidates) {
                String owner = reserved.get(path);
                if (owner != null && !owner.equals(key)) {
                    continue;
                }
                Optional<MediaFileState> holder = files.atPath(path);
                if (holder.isPresent() && !holder.get().fileKey().equals(key)) {
                    continue;
                }
                // verify found this very file damaged there, perhaps at its recorded size: never adopted, replaced
                if (holder.isPresent() && holder.get().damaged()) {
                    reserved.put(path, key);
                    return new Allocation(path, false, null, true);
                }
                if (ownLinks && holder.isEmpty()
                        && state.albumLinksAt(path).stream().anyMatch(link -> link.fileKey().equals(key))
                        && destination.sizeOf(path).map(movedSize::equals).orElse(true)) {
                    reserved.put(path, key);
                    return new Allocation(path, false, null, false);
                }
                Optional<Long> existing = destination.sizeOf(path);
                if (existing.isEmpty()) {
                    reserved.put(path, key);
                    return new Allocation(path, false, null, false);
                }
                // Already there: the expected bytes, or our own publish (metadata written) cut short by a crash.
                boolean ours = (holder.isPresent() && existing.equals(Optional.ofNullable(holder.get().size())))
                        || (movedSize != null && existing.get().equals(movedSize));
                if (existing.get() == size || ours) {
                    reserved.put(path, key);
                    return new Allocation(path, true, ours ? holder.map(MediaFileState::sha256).orElse(null) : null,
                            false);
                }
                // This file was stored here and has since been truncated or replaced: repaired in place, never
                // duplicated under another name beside the damage.
                if (holder.isPresent() && holder.get().isDone()) {
                    reserved.put(path, key);
                    return new Allocation(path, false, null, true);
                }
            }
        }
        throw new IllegalStateException("every candidate name for " + key + " is taken: " + candidates);
    }

    /**
     * A rendition's identity: master resources are keyed by master, so a photo in two libraries (or two
     * assets sharing a master) is stored once; edits live on the asset, so they are keyed by asset.
     */
    static String fileKey(PhotoAsset asset, Rendition rendition) {
        if (rendition == Rendition.ADJUSTED || rendition == Rendition.LIVE_ADJUSTED) {
            return asset.zoneName() + "/" + asset.assetId() + "/" + renditionName(rendition);
        }
        return asset.masterId() + "/" + renditionName(rendition);
    }

    static String renditionName(Rendition rendition) {
        return rendition.name().toLowerCase(Locale.ROOT);
    }
}

package com.camelicloud.photos.sync;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.Placement;
import com.camelicloud.photos.layout.FileMatchPolicy;
import com.camelicloud.photos.layout.FileName;
import com.camelicloud.photos.layout.FolderStructure;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.state.AlbumLinkState;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.StoredAlbum;
import com.camelicloud.photos.state.SyncStateRepository;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the albums' folders of an {album} layout in step with iCloud's albums: a stored file appears in the folder of
 * each other album of its item as a link (or copy), recorded in the state, and only a recorded link that still holds
 * the stored file is ever removed — never a stored file, never something the user put there. A file a policy sets
 * aside or deletes leaves every album's folder with it ({@link FilePolicies}); one brought back is linked again.
 */
public class AlbumFolders {

    private static final Logger LOG = LoggerFactory.getLogger(AlbumFolders.class);

    private final SyncStateRepository state;
    private final Destination destination;
    private final FileChanges fileChanges;
    private final PhotoLayout layout;
    private final boolean hardLinks;
    private final String albumLinkPolicy;
    /** The date folders of items without a recorded UTC offset, as the planner renders them. */
    private final ZoneId fallbackZone = ZoneId.systemDefault();
    /**
     * The branches of a page run in parallel and may claim the same album folder paths: one placement or
     * removal at a time, so that each sees what the other did.
     */
    private final Object folders = new Object();

    /**
     * @param destination   read only: what the albums' folders hold
     * @param fileChanges   how links are placed and removed (or, in a dry run, said to be)
     * @param albumLinkMode {@code hardlink} or {@code copy}: how a photo appears in its other albums' folders
     */
    public AlbumFolders(SyncStateRepository state, Destination destination, FileChanges fileChanges, PhotoLayout layout,
                        String albumLinkMode) {
        this.state = state;
        this.destination = destination;
        this.fileChanges = fileChanges;
        this.layout = layout;
        this.hardLinks = switch (albumLinkMode.trim().toLowerCase(Locale.ROOT)) {
            case "hardlink" -> true;
            case "copy" -> false;
            default -> throw new IllegalArgumentException("--album-link must be hardlink or copy, not '" + albumLinkMode + "'");
        };
        this.albumLinkPolicy = "album-link=" + (hardLinks ? "hardlink" : "copy");
    }

    /**
     * After a download, in an {album} layout: each file of the change appears in its item's other albums' folders. The
     * links of a file replaced by its newer version (a new edit) still hold the old one: they are placed again.
     */
    public LibraryChange linkIntoAlbums(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        ZonedDateTime captured = change.getAsset() == null ? null
                : change.getAsset().localCaptureTime(fallbackZone).orElse(null);
        for (FileTask task : change.getFiles()) {
            if (task.getChange() == change && task.isDone()) {
                if (task.isReplacing() && task.getOutcome() == FileTask.Outcome.DOWNLOADED) {
                    state.albumLinksOf(task.getFileKey()).forEach(link -> releaseLink(change, link));
                }
                for (StoredAlbum album : task.getOtherAlbums()) {
                    placeInAlbum(change, page, change.getRecordName(), task.asStored(), captured, album);
                }
            }
        }
        return change;
    }

    /**
     * A stored file rewritten in place (its metadata, {@code refresh-metadata} route): its album links still hold its
     * previous bytes, so they are placed again.
     */
    public void relinkRewritten(@ExchangeProperty(SyncProperties.FILE_TASK) FileTask task, @Body MediaFileState rewritten,
                                @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        if (!layout.usesAlbumFolders()) {
            return;
        }
        LibraryChange change = task.getChange();
        PageAlbums albums = new PageAlbums(state, page);
        ZonedDateTime captured = change.getAsset() == null ? null
                : change.getAsset().localCaptureTime(fallbackZone).orElse(null);
        for (AlbumLinkState link : state.albumLinksOf(task.getFileKey())) {
            releaseLink(change, link);
            albums.album(link.albumId()).filter(StoredAlbum::isLive)
                    .ifPresent(album -> placeInAlbum(change, page, link.assetId(), rewritten, captured, album));
        }
    }

    /**
     * Takes the link of a stored file that is being replaced by its newer bytes off its path, when it still holds the
     * stored (older) ones; its record goes too, and placing the link again writes it back.
     */
    private void releaseLink(LibraryChange change, AlbumLinkState link) {
        synchronized (folders) {
            change.albumUnlinked(link);
            Optional<MediaFileState> stored = state.fileByKey(link.fileKey());
            if (stored.isPresent() && state.fileAtPath(link.path()).isEmpty()
                    && destination.sizeOf(link.path()).isPresent() && holdsCopyOf(link.path(), stored.get())) {
                fileChanges.unlink(link.path(), "placed again with the new version of " + stored.get().path());
            }
        }
    }

    /**
     * ALBUM_MEMBER_ADDED: a stored item appears in the album's folder. One not stored yet is linked by its
     * download, which reads the same page's memberships.
     */
    public LibraryChange linkIntoAlbum(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        PageAlbums.Edge edge = PageAlbums.Edge.of(change);
        if (state.liveFilesOf(change.getZone().zoneName(), edge.assetId()).isEmpty()) {
            return change;
        }
        PageAlbums albums = new PageAlbums(state, page);
        Optional<StoredAlbum> album = albums.album(edge.albumId()).filter(StoredAlbum::isLive);
        // Removed again later in the page, or in an album not named yet (its record links its members).
        // The item's files move into the album's folder instead when it is now their first album.
        if (album.isPresent() && albums.isMember(edge.albumId(), edge.assetId())
                && !noteHomeMove(change, page, albums, edge.assetId()).equals(Optional.of(edge.albumId()))) {
            linkItem(change, page, edge.assetId(), album.get(), "added-to-album");
        }
        return change;
    }

    /**
     * ALBUM_MEMBER_REMOVED: the item's links leave the album's folder. When the album's folder is where the
     * item's file is stored, that file stays: it is the only copy, the other albums' links are links to it, and
     * moving it would rename a file people and tools already know (a re-download keeps its path too).
     */
    public LibraryChange unlinkFromAlbum(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        PageAlbums albums = new PageAlbums(state, page);
        PageAlbums.Edge edge = PageAlbums.Edge.of(change);
        if (albums.isMember(edge.albumId(), edge.assetId())) {
            return change;
        }
        for (AlbumLinkState link : state.albumLinks(change.getZone().zoneName(), edge.albumId(), edge.assetId())) {
            removeLink(change, link, albums, "removed-from-album");
        }
        noteHomeMove(change, page, albums, edge.assetId());
        return change;
    }

    /**
     * ALBUM_CHANGED: a renamed or moved album's items appear under its new path and leave the old one's folder; a
     * renamed or moved folder does that for every album inside it; a new album links the members it already has.
     * Most CPLAlbum records only re-sort or count members: no change.
     */
    public LibraryChange relinkAlbum(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        PageAlbums albums = new PageAlbums(state, page);
        for (String albumId : albums.albumsWithin(change.getRecordName())) {
            relink(change, page, albums, albumId);
        }
        return change;
    }

    private void relink(LibraryChange change, ChangePage page, PageAlbums albums, String albumId) {
        String zoneName = change.getZone().zoneName();
        Optional<StoredAlbum> before = albums.storedAlbum(albumId).filter(StoredAlbum::isLive);
        Optional<StoredAlbum> after = albums.album(albumId).filter(StoredAlbum::isLive);
        if (after.isEmpty() || before.map(StoredAlbum::path).equals(after.map(StoredAlbum::path))) {
            return;
        }
        // A new album's links are its members' additions, whichever of its record and its member edges comes first.
        String reason = before.isPresent() ? "album-renamed" : "added-to-album";
        Set<String> placed = new HashSet<>();
        for (String assetId : albums.members(albumId)) {
            // files stored in the album's folder move to its new path; so do those of items it is now the first of
            if (!noteHomeMove(change, page, albums, assetId).equals(Optional.of(albumId))) {
                placed.addAll(linkItem(change, page, assetId, after.get(), reason));
            }
        }
        for (AlbumLinkState link : state.albumLinks(zoneName, albumId, null)) {
            if (!placed.contains(link.path())) {
                removeLink(change, link, albums, "album-renamed");
            }
        }
    }

    /**
     * ALBUM_DELETED: the album's links leave its folder (for a folder, those of every album inside it); the photos
     * stay where they are stored and in other albums.
     */
    public LibraryChange unlinkAlbum(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        PageAlbums albums = new PageAlbums(state, page);
        for (String albumId : albums.albumsWithin(change.getRecordName())) {
            for (AlbumLinkState link : state.albumLinks(change.getZone().zoneName(), albumId, null)) {
                removeLink(change, link, albums, "album-deleted");
            }
            Set<String> members = new LinkedHashSet<>(state.membersOf(change.getZone().zoneName(), albumId));
            members.addAll(albums.members(albumId));
            members.forEach(assetId -> noteHomeMove(change, page, albums, assetId));
        }
        return change;
    }

    /** {@link #linkFiles} with every file the item shows at its path. */
    private List<String> linkItem(LibraryChange change, ChangePage page, String assetId, StoredAlbum album,
                                  String reason) {
        return linkFiles(change, page, assetId, state.liveFilesOf(change.getZone().zoneName(), assetId), album, reason);
    }

    /** Places stored files of the item in the album's folder; returns every path where they now appear there. */
    List<String> linkFiles(LibraryChange change, ChangePage page, String assetId, List<MediaFileState> files,
                                   StoredAlbum album, String reason) {
        String zoneName = change.getZone().zoneName();
        ZonedDateTime captured = state.localCaptureTime(zoneName, assetId, fallbackZone).orElse(null);
        List<String> paths = new ArrayList<>();
        for (MediaFileState file : files) {
            placeInAlbum(change, page, assetId, file, captured, album).ifPresent(placed -> {
                paths.add(placed.path());
                if (placed.created()) {
                    change.audit(new AuditEntry(Instant.now().toString(), zoneName, assetId, file.path(), placed.path(),
                            reason, albumLinkPolicy));
                }
            });
        }
        return paths;
    }

    /** Where a file appears in an album's folder, and whether this call put it there. */
    private record Placed(String path, boolean created) {
    }

    /**
     * Makes a stored file appear in an album's folder: at the first candidate path that is free, or that already
     * holds this file (an earlier run, or this page replayed after a crash: no second copy). A path holding a
     * stored file, one this page downloads to, another item's link, or a file the user put there is passed over.
     *
     * @return where the file appears in the album's folder (its stored path when it is stored there); empty when no
     * name is left
     */
    private Optional<Placed> placeInAlbum(LibraryChange change, ChangePage page, String assetId, MediaFileState file,
                                          ZonedDateTime captured, StoredAlbum album) {
        synchronized (folders) {
            for (String path : albumPaths(change.getZone(), file, captured, album)) {
                if (path.equals(file.path())) {
                    return Optional.of(new Placed(path, false));
                }
                String reservedFor = page.reservedPaths().get(path);
                if ((reservedFor != null && !reservedFor.equals(file.fileKey()))
                        || state.fileAtPath(path).filter(holder -> !holder.fileKey().equals(file.fileKey())).isPresent()
                        || state.albumLinksAt(path).stream().anyMatch(link -> !link.fileKey().equals(file.fileKey()))) {
                    continue;
                }
                boolean present = destination.sizeOf(path).isPresent();
                if (present && !holdsCopyOf(path, file)) {
                    continue;
                }
                if (!present) {
                    fileChanges.link(file.path(), path, hardLinks, "album '" + album.pathName() + "'");
                }
                change.albumLinked(new AlbumLinkState(change.getZone().zoneName(), album.albumId(), path, assetId,
                        file.fileKey()));
                return Optional.of(new Placed(path, !present));
            }
            LOG.warn("{}: every name for {} in the folder of album '{}' is taken; not linked", change, file.path(),
                    album.pathName());
            return Optional.empty();
        }
    }

    /**
     * Removes a recorded link unless another live album still shows the item at that path (albums of the same
     * name share a folder); see {@link #deleteLink}.
     */
    private void removeLink(LibraryChange change, AlbumLinkState link, PageAlbums albums, String reason) {
        synchronized (folders) {
            boolean stillShown = state.albumLinksAt(link.path()).stream()
                    .anyMatch(other -> !other.albumId().equals(link.albumId())
                            && albums.album(other.albumId()).filter(StoredAlbum::isLive).isPresent()
                            && albums.isMember(other.albumId(), other.assetId()));
            if (stillShown) {
                change.albumUnlinked(link);
            } else {
                deleteLink(change, link, reason, "folder-structure={album}");
            }
        }
    }

    /** A policy set aside or deleted a stored file: it leaves every album's folder too, whatever the albums say. */
    void removeLinksOf(LibraryChange change, MediaFileState file, String reason, String policy) {
        state.albumLinksOf(file.fileKey()).forEach(link -> deleteLink(change, link, reason, policy));
    }

    /**
     * Deletes a recorded link unless the path now holds a stored file, or the file there is no longer the stored
     * one (the user replaced it). The record goes in every case.
     */
    private void deleteLink(LibraryChange change, AlbumLinkState link, String reason, String policy) {
        synchronized (folders) {
            change.albumUnlinked(link);
            Optional<MediaFileState> file = state.fileByKey(link.fileKey());
            if (state.fileAtPath(link.path()).isPresent() || destination.sizeOf(link.path()).isEmpty()) {
                return;
            }
            if (file.isEmpty() || !holdsCopyOf(link.path(), file.get())) {
                LOG.info("{}: {} is no longer the copy of a stored file that was placed there; left alone", change,
                        link.path());
                return;
            }
            fileChanges.unlink(link.path(), reason + ": it was a link of " + file.get().path());
            change.audit(new AuditEntry(Instant.now().toString(), link.zoneName(), link.assetId(), link.path(), null,
                    reason, policy));
        }
    }

    /**
     * A photo hidden (iCloud's albums do not show it), unhidden or restored, in an {album} layout: when its stored
     * files are not where its albums, as the page leaves them, put them, they move there after the page.
     */
    public LibraryChange followAlbums(@Body LibraryChange change, @ExchangeProperty(SyncProperties.PAGE) ChangePage page) {
        if (layout.usesAlbumFolders()) {
            noteHomeMove(change, page, new PageAlbums(state, page), change.getRecordName());
        }
        return change;
    }

    /**
     * When the item's stored files are not in the folder of its first album as the page leaves its albums (or of its
     * date, in none), where a fresh sync would store them: the page notes the item, and once it is committed the
     * sync offers it again and its files move there (FilePlanner, FilePolicies#move), their links following.
     *
     * @return the album the files move into; empty when they stay, or move to the date folders
     */
    private Optional<String> noteHomeMove(LibraryChange change, ChangePage page, PageAlbums albums, String assetId) {
        if (!fileChanges.committed()) {
            // nothing is committed, so nothing is offered again: the item is shown linked into its new first album
            return Optional.empty();
        }
        String zoneName = change.getZone().zoneName();
        List<StoredAlbum> itemAlbums = albums.albumsOf(assetId);
        List<String> home = itemAlbums.isEmpty() ? List.of() : itemAlbums.get(0).path();
        ZonedDateTime captured = state.localCaptureTime(zoneName, assetId, fallbackZone).orElse(null);
        String folder = FilePlanner.libraryPrefix(layout, change.getZone())
                + layout.folders().render(captured, home, zoneName);
        // the change's own item: its status is committed with the page (a restore), so its files as the change
        // leaves them
        List<MediaFileState> files = assetId.equals(change.getRecordName()) && change.getAsset() != null
                ? state.filesShownBy(zoneName, assetId, change.getAsset().masterId()).stream()
                        .filter(file -> change.placementOf(file) == Placement.LIVE).toList()
                : state.liveFilesOf(zoneName, assetId);
        boolean moves = files.stream()
                .anyMatch(file -> !file.path().substring(0, Math.max(0, file.path().lastIndexOf('/')))
                        .equals(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder));
        if (!moves) {
            return Optional.empty();
        }
        page.offerAgain(zoneName, assetId);
        LOG.info("{}: the files of {} move to {} after this page (its first album changed)", change, assetId,
                folder.isEmpty() ? "the top folder" : folder);
        return itemAlbums.isEmpty() ? Optional.empty() : Optional.of(itemAlbums.get(0).albumId());
    }

    /**
     * Where a stored file may appear in an album's folder, best first: the folder the layout gives the item's
     * capture date in that album, under the stored file's own name, then that name made unique.
     */
    private List<String> albumPaths(com.camelicloud.photos.cloudkit.ZoneId zone, MediaFileState file,
                                    ZonedDateTime captured, StoredAlbum album) {
        String folder = FilePlanner.libraryPrefix(layout, zone)
                + layout.folders().render(captured, album.path(), zone.zoneName());
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        boolean editOfItem = !file.fileKey().startsWith(file.masterId() + "/");
        return FileMatchPolicy.NAME_SIZE_DEDUP_WITH_SUFFIX.candidates(FileName.split(name),
                        file.size() == null ? -1 : file.size(), file.masterId(), editOfItem ? file.assetId() : null)
                .stream().map(candidate -> FolderStructure.join(folder, candidate)).toList();
    }

    /**
     * Whether {@code path} holds the stored file: same size, and same SHA-256 where the destination can tell (S3
     * and SFTP cannot cheaply; there the size decides, as it does when a download adopts a file).
     */
    private boolean holdsCopyOf(String path, MediaFileState file) {
        return destination.hasRecordedSize(path, file.size()) && (file.sha256() == null
                || destination.sha256Of(path).map(file.sha256()::equals).orElse(true));
    }
}

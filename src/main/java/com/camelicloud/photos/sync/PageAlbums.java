package com.camelicloud.photos.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.StoredAlbum;
import com.camelicloud.photos.state.SyncStateRepository;

/**
 * The album index of one zone as it will be once a page is committed: the stored rows overlaid with the page's
 * album and membership changes, the last one winning. The branches of a page run in parallel and the index is
 * only written with the page, so this is what lets them agree, whatever order they run in (a photo added to an
 * album that the same page renames is linked under the new name, once).
 *
 * <p>A hidden photo is in no album here: iCloud's albums do not show it, and a full listing of an album leaves it
 * out, so a copy that followed its memberships and one listed fresh agree only when neither files it under one.
 */
final class PageAlbums {

    /** A membership edge, from the relation's fields or from its name {@code {asset}-IN-{album}} (§5.6). */
    record Edge(String assetId, String albumId) {
        static Edge of(LibraryChange change) {
            CkRecord record = change.getRecord();
            String name = change.getRecordName();
            int split = name.indexOf("-IN-");
            String assetId = record != null && record.string("itemId") != null ? record.string("itemId")
                    : split > 0 ? name.substring(0, split) : name;
            String albumId = record != null && record.string("containerId") != null ? record.string("containerId")
                    : split > 0 ? name.substring(split + 4) : "";
            return new Edge(assetId, albumId);
        }
    }

    private final SyncStateRepository state;
    private final String zoneName;
    private final Map<String, LibraryChange> albumChanges = new HashMap<>();
    /** Edge → whether it exists after the page. */
    private final Map<Edge, Boolean> edges = new LinkedHashMap<>();
    /** Whether an item is hidden after the page, for the items the page changes and those looked up since. */
    private final Map<String, Boolean> hidden = new HashMap<>();

    PageAlbums(SyncStateRepository state, ChangePage page) {
        this.state = state;
        this.zoneName = page.getZoneName();
        for (LibraryChange change : page.getChanges()) {
            switch (change.getType()) {
                case ALBUM_CHANGED, ALBUM_DELETED -> albumChanges.put(change.getRecordName(), change);
                case ALBUM_MEMBER_ADDED -> edges.put(Edge.of(change), true);
                case ALBUM_MEMBER_REMOVED -> edges.put(Edge.of(change), false);
                default -> {
                    if (change.getAsset() != null) {
                        hidden.put(change.getRecordName(), change.getAsset().isHidden());
                    }
                }
            }
        }
    }

    /**
     * The album (or folder) after the page, inside the folders it is in then; empty when neither the index nor the
     * page knows it.
     */
    Optional<StoredAlbum> album(String albumId) {
        return resolved(albumId, true);
    }

    /** The album as stored before the page, inside the folders it was in. */
    Optional<StoredAlbum> storedAlbum(String albumId) {
        return resolved(albumId, false);
    }

    /**
     * The album itself and, for a folder, every album and folder inside it at any depth, before or after the page:
     * the albums whose path a change of this record may change.
     */
    Set<String> albumsWithin(String albumId) {
        Set<String> within = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(albumId));
        while (!pending.isEmpty()) {
            String id = pending.poll();
            if (within.add(id)) {
                pending.addAll(state.childrenOf(zoneName, id));
                albumChanges.values().stream().filter(change -> id.equals(parentIdIn(change)))
                        .forEach(change -> pending.add(change.getRecordName()));
            }
        }
        return within;
    }

    /** The live albums an item is in after the page, by path (then id): the first one is its home folder. */
    List<StoredAlbum> albumsOf(String assetId) {
        if (isHidden(assetId)) {
            return List.of();
        }
        Set<String> albumIds = new LinkedHashSet<>();
        state.albumsOf(zoneName, assetId).forEach(album -> albumIds.add(album.albumId()));
        applyEdges(albumIds, edge -> edge.assetId().equals(assetId), Edge::albumId);
        return albumIds.stream().map(this::album).flatMap(Optional::stream).filter(StoredAlbum::isLive)
                .sorted(Comparator.comparing(StoredAlbum::pathName).thenComparing(StoredAlbum::albumId)).toList();
    }

    /**
     * An album with the names of the folders it is in, walking up {@code parentId} until a root sentinel (which has no
     * name) or a folder the index does not know yet; deleted when a folder it is in is.
     */
    private Optional<StoredAlbum> resolved(String albumId, boolean afterPage) {
        Optional<StoredAlbum> album = row(albumId, afterPage);
        if (album.isEmpty()) {
            return album;
        }
        List<String> folders = new ArrayList<>();
        boolean folderDeleted = false;
        Set<String> visited = new HashSet<>(Set.of(albumId));
        String parentId = album.get().parentId();
        while (parentId != null && visited.add(parentId)) {
            Optional<StoredAlbum> folder = row(parentId, afterPage);
            if (folder.isEmpty() || folder.get().name() == null) {
                break;
            }
            folders.add(0, folder.get().name());
            folderDeleted |= folder.get().deleted();
            parentId = folder.get().parentId();
        }
        return Optional.of(album.get().within(folders, folderDeleted));
    }

    /** The album's row, as stored or as the page's commit will write it. */
    private Optional<StoredAlbum> row(String albumId, boolean afterPage) {
        Optional<StoredAlbum> stored = state.album(zoneName, albumId);
        LibraryChange change = afterPage ? albumChanges.get(albumId) : null;
        if (change == null) {
            return stored;
        }
        // As the album row is written: a record without a name keeps the stored one.
        String name = Optional.ofNullable(change.getRecord()).flatMap(r -> r.decodedText("albumNameEnc"))
                .orElse(stored.map(StoredAlbum::name).orElse(null));
        return Optional.of(new StoredAlbum(albumId, name, parentIdIn(change), change.getType() == ChangeType.ALBUM_DELETED,
                List.of()));
    }

    private static String parentIdIn(LibraryChange albumChange) {
        return albumChange.getRecord() == null ? null : albumChange.getRecord().string("parentId");
    }

    /** Whether the item is in the album after the page (and shown there: not hidden). */
    boolean isMember(String albumId, String assetId) {
        if (isHidden(assetId)) {
            return false;
        }
        Boolean inPage = edges.get(new Edge(assetId, albumId));
        return inPage != null ? inPage
                : state.albumsOf(zoneName, assetId).stream().anyMatch(album -> album.albumId().equals(albumId));
    }

    /** The items of an album after the page (those shown there: not hidden). */
    Set<String> members(String albumId) {
        Set<String> members = new LinkedHashSet<>(state.membersOf(zoneName, albumId));
        applyEdges(members, edge -> edge.albumId().equals(albumId), Edge::assetId);
        lookUpHidden(members);
        members.removeIf(this::isHidden);
        return members;
    }

    private boolean isHidden(String assetId) {
        lookUpHidden(List.of(assetId));
        synchronized (hidden) {
            return hidden.get(assetId);
        }
    }

    /** Reads from the state whether the items the page leaves as they are, and not looked up yet, are hidden. */
    private void lookUpHidden(Collection<String> assetIds) {
        synchronized (hidden) {
            List<String> unknown = assetIds.stream().filter(id -> !hidden.containsKey(id)).toList();
            if (unknown.isEmpty()) {
                return;
            }
            Map<String, AssetState> stored = state.assetStates(zoneName, unknown);
            unknown.forEach(id -> hidden.put(id, stored.containsKey(id) && stored.get(id).hidden()));
        }
    }

    /** Adds to {@code ids} the other end of each selected edge the page adds, and removes those it removes. */
    private void applyEdges(Set<String> ids, Predicate<Edge> selected, Function<Edge, String> otherEnd) {
        edges.forEach((edge, present) -> {
            if (selected.test(edge)) {
                if (present) {
                    ids.add(otherEnd.apply(edge));
                } else {
                    ids.remove(otherEnd.apply(edge));
                }
            }
        });
    }
}

package com.camelicloud.photos.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One CloudKit zone of the Photos container: PrimarySync, a SharedSync-{UUID} Shared Library, or one of the zones
 * clients must ignore. Its state is a {@link ChangeLog}; every mutation appends the records Apple emits for that user
 * action (docs/protocol.md §6.2, §7.4), always followed by CPLLibraryInfo, and indexes are derived from the current
 * versions. All methods are thread-safe.
 */
public final class FakeZone {

    /** What a zone is for. Only PRIMARY and SHARED_LIBRARY hold photos. */
    public enum Kind {
        PRIMARY,
        SHARED_LIBRARY,
        APP_LIBRARY,
        CMM
    }

    /** The asset listings of §3.4, by what they select. */
    enum Index {
        ALL_BY_ASSET_DATE,
        ALL_BY_ADDED_DATE,
        HIDDEN,
        DELETED,
        SMART_ALBUM,
        ALBUM,
        BURST
    }

    /** An index plus its argument (smart album name or album record name). */
    record IndexSpec(Index index, String argument) {
    }

    private final ServerState server;
    private final FakeAccount owner;
    private final String name;
    private final Kind kind;
    private final ChangeLog log = new ChangeLog();
    private final long baseSeed;
    private final Map<IndexSpec, List<AssetState>> indexCache = new ConcurrentHashMap<>();
    private final Map<String, String> personalAssetBySharedAsset = new HashMap<>();
    /** Album record name → member asset ids, mirroring the live CPLContainerRelation records. */
    private final Map<String, Set<String>> membersByAlbum = new HashMap<>();
    private long seedCounter;
    private long lastChange;

    /** Call under the write lock. */
    FakeZone(ServerState server, FakeAccount owner, String name, Kind kind) {
        this.server = server;
        this.owner = owner;
        this.name = name;
        this.kind = kind;
        this.baseSeed = Ids.mix(0, owner.ownerRecordName() + "/" + name);
        if (kind == Kind.PRIMARY) {
            long now = server.now();
            commit(owner.ownerRecordName(),
                    new AlbumState(AlbumState.ROOT_FOLDER, null, AlbumState.FOLDER, 0, null, now),
                    new AlbumState(AlbumState.PROJECT_ROOT_FOLDER, null, AlbumState.FOLDER, 0, null, now));
        } else if (kind == Kind.SHARED_LIBRARY) {
            commit(owner.ownerRecordName());
        } else {
            lastChange = server.tick();
        }
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The account that owns the zone; its record name is the zone's {@code ownerRecordName}. */
    public FakeAccount owner() {
        return owner;
    }

    public String ownerRecordName() {
        return owner.ownerRecordName();
    }

    // ---------------------------------------------------------------- mutations

    /** Takes or imports a photo or video: CPLMaster + CPLAsset (+ CPLSharedLibraryQuota on a Shared Library). */
    public String addPhoto(PhotoSpec spec) {
        return server.write(() -> add(spec, owner.ownerRecordName()));
    }

    /** A still photo; the format follows the extension (JPG, HEIC, PNG, DNG). */
    public String addPhoto(String filename) {
        return addPhoto(PhotoSpec.photo(filename));
    }

    public String addLivePhoto(String filename) {
        return addPhoto(PhotoSpec.livePhoto(filename));
    }

    /** A MOV or MP4 video, by extension. */
    public String addVideo(String filename) {
        return addPhoto(PhotoSpec.video(filename));
    }

    /** A CR2 original with a JPEG alternative. */
    public String addRawPlusJpeg(String filename) {
        return addPhoto(PhotoSpec.rawPlusJpeg(filename));
    }

    /** iOS "Duplicate": the shared CPLMaster re-emitted plus one new CPLAsset pointing at it. Returns the new asset id. */
    public String duplicate(String assetId) {
        return server.write(() -> {
            AssetState original = assetForUpdate(assetId);
            AssetState copy = original.copyAs(Ids.uuid(nextSeed()));
            commit(owner.ownerRecordName(), master(original).copy(), copy);
            return copy.recordName;
        });
    }

    /** An edit (crop, filter): CPLAsset only, with adjustment fields and a new rendered resJPEGFull / resVidFull. */
    public void edit(String assetId) {
        server.write(() -> {
            AssetState a = assetForUpdate(assetId);
            a.adjustment = AssetFactory.edit(master(a), nextSeed(), server.now());
            server.register(a.adjustment.rendition());
            commit(owner.ownerRecordName(), a);
        });
    }

    /** Revert to original: CPLAsset only, with no adjustment fields (U24). */
    public void revertEdit(String assetId) {
        updateAsset(assetId, a -> a.adjustment = null);
    }

    public void hide(String assetId) {
        updateAsset(assetId, a -> a.hidden = true);
    }

    public void unhide(String assetId) {
        updateAsset(assetId, a -> a.hidden = false);
    }

    public void favourite(String assetId) {
        updateAsset(assetId, a -> a.favorite = true);
    }

    public void unfavourite(String assetId) {
        updateAsset(assetId, a -> a.favorite = false);
    }

    public void setCaption(String assetId, String caption) {
        updateAsset(assetId, a -> a.caption = caption);
    }

    /** Move to Recently Deleted: CPLMaster and CPLAsset with {@code isDeleted: 1}, no tombstones. */
    public void trash(String assetId) {
        server.write(() -> {
            AssetState a = assetForUpdate(assetId);
            a.deleted = true;
            a.trashedAt = server.now();
            MasterState m = master(a).copy();
            m.deleted = m.deleted || !hasOtherLiveAsset(a);
            commit(owner.ownerRecordName(), m, a);
        });
    }

    /** Restore from Recently Deleted: CPLAsset only, {@code isDeleted} and {@code isExpunged} absent (§6.2). */
    public void restore(String assetId) {
        updateAsset(assetId, a -> {
            a.deleted = false;
            a.expunged = null;
            a.trashedAt = 0;
        });
    }

    /** Recently Deleted purged: tombstones for the asset and (unless another asset still uses it) its master. */
    public void purge(String assetId) {
        server.write(() -> {
            AssetState a = assetForUpdate(assetId);
            List<RecordState> tombstones = new ArrayList<>(List.of(new RecordState.Tombstone(assetId)));
            if (!hasOtherAsset(a)) {
                tombstones.add(new RecordState.Tombstone(a.masterId));
            }
            commit(owner.ownerRecordName(), tombstones.toArray(RecordState[]::new));
        });
    }

    /** A top-level album; returns its record name. */
    public String createAlbum(String albumName) {
        return createAlbum(albumName, AlbumState.ROOT_FOLDER);
    }

    /** An album inside a folder made with {@link #createFolder(String)}. */
    public String createAlbum(String albumName, String parentFolderId) {
        return server.write(() -> newAlbum(albumName, AlbumState.ALBUM, parentFolderId));
    }

    /** A top-level folder (albumType 3); albums and folders go inside it through its record name. */
    public String createFolder(String folderName) {
        return createFolder(folderName, AlbumState.ROOT_FOLDER);
    }

    /** A folder inside another folder. */
    public String createFolder(String folderName, String parentFolderId) {
        return server.write(() -> newAlbum(folderName, AlbumState.FOLDER, parentFolderId));
    }

    /** An album or folder moved into another folder ({@link AlbumState#ROOT_FOLDER} for the top): CPLAlbum, new {@code parentId}. */
    public void moveAlbum(String albumId, String newParentId) {
        server.write(() -> {
            AlbumState album = album(albumId);
            folder(newParentId);
            commit(owner.ownerRecordName(), new AlbumState(album.recordName, album.name, album.albumType, album.position,
                    newParentId, server.now()));
        });
    }

    /** CPLAlbum (modified) + CPLContainerRelation (new). */
    public void addToAlbum(String assetId, String albumId) {
        server.write(() -> {
            assetForUpdate(assetId);
            AlbumState album = album(albumId);
            Set<String> members = membersByAlbum.computeIfAbsent(albumId, k -> new LinkedHashSet<>());
            long now = server.now();
            commit(owner.ownerRecordName(), album.touched(now),
                    new RecordState.Relation(assetId, albumId, (members.size() + 1L) * 1024, members.isEmpty(), now));
            members.add(assetId);
        });
    }

    /** CPLContainerRelation tombstone + CPLAlbum (modified). */
    public void removeFromAlbum(String assetId, String albumId) {
        server.write(() -> {
            AlbumState album = album(albumId);
            Set<String> members = membersByAlbum.get(albumId);
            if (members == null || !members.remove(assetId)) {
                throw new IllegalArgumentException(assetId + " is not in album " + albumId);
            }
            commit(owner.ownerRecordName(), new RecordState.Tombstone(RecordState.Relation.name(assetId, albumId)),
                    album.touched(server.now()));
        });
    }

    /** CPLAlbum with a new {@code albumNameEnc}. */
    public void renameAlbum(String albumId, String newName) {
        server.write(() -> {
            AlbumState album = album(albumId);
            commit(owner.ownerRecordName(), new AlbumState(album.recordName, newName, album.albumType, album.position,
                    album.parentId, server.now()));
        });
    }

    /**
     * CPLAlbum with {@code isDeleted: 1} (U24). Deleting a folder deletes what it holds, as Photos does: each album and
     * folder inside it is emitted with {@code isDeleted: 1} too.
     */
    public void deleteAlbum(String albumId) {
        server.write(() -> {
            List<RecordState> deleted = new ArrayList<>();
            for (AlbumState album : withDescendants(album(albumId))) {
                AlbumState gone = album.touched(server.now());
                gone.deleted = true;
                deleted.add(gone);
            }
            commit(owner.ownerRecordName(), deleted.toArray(RecordState[]::new));
        });
    }

    /** An album removed for good: a tombstone of its CPLAlbum record, which a client resolves by name (§5.10, §6.1). */
    public void purgeAlbum(String albumId) {
        server.write(() -> {
            album(albumId);
            membersByAlbum.remove(albumId);
            commit(owner.ownerRecordName(), new RecordState.Tombstone(albumId));
        });
    }

    /**
     * Moves one of this (personal) zone's photos into a Shared Library (§7.4): here the CPLMaster and CPLAsset are
     * re-emitted and stay live ("your own photos appear in both zones", §7.5); the Shared Library gets the same CPLMaster
     * record name plus a new CPLAsset, both with {@code contributors} = this account, and a CPLSharedLibraryQuota.
     * Returns the new asset's id in the Shared Library.
     */
    public String moveToShared(String assetId, FakeZone sharedLibrary) {
        requireKind(Kind.PRIMARY);
        sharedLibrary.requireKind(Kind.SHARED_LIBRARY);
        return server.write(() -> {
            String me = owner.ownerRecordName();
            AssetState personal = assetForUpdate(assetId);
            MasterState personalMaster = master(personal).copy();
            commit(me, personalMaster, personal);

            MasterState sharedMaster = personalMaster.copy();
            sharedMaster.contributors = List.of(me);
            sharedMaster.deleted = false;
            sharedMaster.expunged = false;
            AssetState shared = personal.copyAs(Ids.uuid(sharedLibrary.nextSeed()));
            clearRemoval(shared);
            shared.contributors = List.of(me);
            sharedLibrary.commit(me, sharedMaster, shared, new RecordState.Quota(me));
            sharedLibrary.personalAssetBySharedAsset.put(shared.recordName, assetId);
            return shared.recordName;
        });
    }

    /**
     * Moves a Shared Library photo back into this personal zone (§7.4): the Shared Library emits CPLMaster and CPLAsset
     * with {@code isDeleted: 1}, {@code deletedBy} = this account, {@code trashReason: 0}, {@code isExpunged: 1}; this zone
     * emits the CPLMaster and a CPLAsset (the one it came from, or a new one). Returns the personal asset id.
     */
    public String moveBackToPersonal(String sharedAssetId, FakeZone sharedLibrary) {
        requireKind(Kind.PRIMARY);
        sharedLibrary.requireKind(Kind.SHARED_LIBRARY);
        return server.write(() -> {
            String me = owner.ownerRecordName();
            AssetState shared = sharedLibrary.assetForUpdate(sharedAssetId);
            MasterState sharedMaster = sharedLibrary.master(shared).copy();
            sharedMaster.deleted = true;
            shared.deleted = true;
            shared.trashedAt = server.now();
            shared.deletedBy = me;
            shared.trashReason = 0;
            shared.expunged = 1;
            sharedLibrary.commit(me, sharedMaster, shared, new RecordState.Quota(me));

            String personalId = sharedLibrary.personalAssetBySharedAsset.remove(sharedAssetId);
            AssetState personal = personalId != null && currentAsset(personalId) != null
                    ? assetForUpdate(personalId) : shared.copyAs(Ids.uuid(nextSeed()));
            clearRemoval(personal);
            personal.contributors = null;
            ChangeLog.Version existingMaster = log.get(shared.masterId);
            MasterState personalMaster = existingMaster != null && existingMaster.state() instanceof MasterState m
                    ? m.copy() : sharedMaster.copy();
            personalMaster.deleted = false;
            personalMaster.expunged = false;
            personalMaster.contributors = null;
            commit(me, personalMaster, personal);
            return personal.recordName;
        });
    }

    /** Another member adds a photo to this Shared Library: CPLMaster + CPLAsset with their {@code contributors}. */
    public String otherMemberAdds(String memberRecordName, PhotoSpec spec) {
        requireKind(Kind.SHARED_LIBRARY);
        return server.write(() -> add(spec, memberRecordName));
    }

    /** Another member moves a photo to their personal library: {@code isDeleted: 1}, {@code deletedBy}, {@code trashReason: 0}. */
    public void otherMemberMovesOut(String assetId, String memberRecordName) {
        removeFromSharedLibrary(assetId, memberRecordName, 0);
    }

    /** Another member deletes a photo: {@code isDeleted: 1}, {@code deletedBy}, {@code trashReason: 1}. */
    public void otherMemberDeletes(String assetId, String memberRecordName) {
        removeFromSharedLibrary(assetId, memberRecordName, 1);
    }

    /**
     * Appends {@code positions} log entries that net to nothing (compacted history): a changes/zone walk across them
     * yields pages with no records and {@code moreComing: true}, one per {@link Faults#scanBudget(int)} positions.
     */
    public void compactedGap(int positions) {
        server.write(() -> {
            log.appendCompacted(positions);
            changed();
        });
    }

    /** Adds a record of a type clients must ignore (e.g. CPLPerson, CPLFaceCrop) with one opaque text field. */
    void addIgnorable(String recordType, String field, String text) {
        server.write(() -> commit(owner.ownerRecordName(),
                new RecordState.Ignorable(Ids.uuid(nextSeed()), recordType, field, Ids.base64(text))));
    }

    // ---------------------------------------------------------------- queries for assertions

    /** The "All Photos" listing (not hidden, not deleted), newest first: what a full scan must find. */
    public List<FakeAsset> liveAssets() {
        return server.read(() -> index(new IndexSpec(Index.ALL_BY_ASSET_DATE, null)).stream().map(this::view).toList());
    }

    /** Every asset that exists (including hidden and Recently Deleted ones), in order of last change. */
    public List<FakeAsset> assets() {
        return server.read(() -> currentAssets().map(this::view).toList());
    }

    /** The asset's current state, or {@code null} if it does not exist (or was purged). */
    public FakeAsset asset(String assetId) {
        return server.read(() -> {
            AssetState a = currentAsset(assetId);
            return a == null ? null : view(a);
        });
    }

    /** User albums and folders that exist, with their member asset ids. */
    public List<FakeAlbum> albums() {
        return server.read(() -> albumsByPosition(null).stream()
                .filter(a -> !a.isSentinel())
                .map(a -> new FakeAlbum(a.recordName, a.name, a.albumType, a.parentId, members(a.recordName)))
                .toList());
    }

    /** Number of positions in the change log (the zone's head sequence). */
    public long changeLogLength() {
        return server.read(log::head);
    }

    /** Records whose current version sits after log position {@code seq}: what changes/zone delivers from there. */
    public long recordsChangedAfter(long seq) {
        return server.read(() -> log.versions().stream().filter(v -> v.seq() > seq).count());
    }

    // ---------------------------------------------------------------- package-private, for the CloudKit handler

    /** Identity used to bind zone tokens to this zone. */
    String identity() {
        return owner.ownerRecordName() + "/" + name;
    }

    ChangeLog log() {
        return log;
    }

    long lastChange() {
        return lastChange;
    }

    /** Marks the zone changed for changes/database without appending records (a participant joined). Write lock. */
    void touch() {
        lastChange = server.tick();
    }

    boolean holdsPhotos() {
        return kind == Kind.PRIMARY || kind == Kind.SHARED_LIBRARY;
    }

    /** Call under the read lock. */
    List<AssetState> index(IndexSpec spec) {
        return indexCache.computeIfAbsent(spec, this::computeIndex);
    }

    /**
     * What {@code CPLAlbumByPositionLive} answers (docs/protocol.md §3.6): without a {@code parentId} filter the records
     * outside any user folder (the root sentinels, top-level albums and folders); with one, that folder's children.
     */
    List<AlbumState> albumListing(String parentId) {
        return albumsByPosition(parentId).stream()
                .filter(a -> parentId != null || a.parentId == null || isSentinel(a.parentId))
                .toList();
    }

    /** Albums and folders that are not deleted, by position; optionally only the children of one folder. */
    List<AlbumState> albumsByPosition(String parentId) {
        return log.versions().stream()
                .map(ChangeLog.Version::state)
                .filter(s -> s instanceof AlbumState)
                .map(s -> (AlbumState) s)
                .filter(a -> !a.deleted && (parentId == null || parentId.equals(a.parentId)))
                .sorted(Comparator.comparingLong((AlbumState a) -> a.position).thenComparing(a -> a.recordName))
                .toList();
    }

    MasterState master(AssetState asset) {
        ChangeLog.Version v = log.get(asset.masterId);
        if (v == null || !(v.state() instanceof MasterState m)) {
            throw new IllegalStateException("asset " + asset.recordName + " has no master in " + name);
        }
        return m;
    }

    /** The counters of CPLLibraryInfo, computed from the current state. */
    Map<String, Long> libraryCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<AssetState> assets = currentAssets().filter(a -> !a.deleted && !a.isExpunged()).toList();
        counts.put("photosCount", assets.stream().filter(a -> !a.hidden && !isVideo(a)).count());
        counts.put("videosCount", assets.stream().filter(a -> !a.hidden && isVideo(a)).count());
        counts.put("hiddenPhotosCount", assets.stream().filter(a -> a.hidden && !isVideo(a)).count());
        counts.put("hiddenVideosCount", assets.stream().filter(a -> a.hidden && isVideo(a)).count());
        counts.put("albumsCount", albumsByPosition(null).stream().filter(a -> !a.isSentinel()).count());
        counts.put("irisCount", assets.stream().filter(a -> a.live).count());
        counts.put("memoriesCount", 0L);
        counts.put("othersCount", 0L);
        counts.put("audiosCount", 0L);
        counts.put("burstsExcludedFromPhotosCount", 0L);
        return counts;
    }

    /** Bytes of originals a member contributed to this Shared Library and that are still in it. */
    long contributedBytes(String member) {
        return currentAssets()
                .filter(a -> !a.deleted && a.contributors != null && a.contributors.contains(member))
                .mapToLong(a -> master(a).resources.get(Variant.ORIGINAL).size())
                .sum();
    }

    // ---------------------------------------------------------------- internals

    private String add(PhotoSpec spec, String actor) {
        long seed = spec.seed != null ? spec.seed : nextSeed();
        String id = Ids.uuid(Ids.mix(seed, identity()));
        if (currentAsset(id) != null) {
            throw new IllegalArgumentException("seed " + seed + " was already used in " + name);
        }
        AssetFactory.Created created = AssetFactory.create(spec, seed, id, server.now());
        created.master().resources.values().forEach(server::register);
        if (kind == Kind.SHARED_LIBRARY) {
            created.master().contributors = List.of(actor);
            created.asset().contributors = List.of(actor);
            commit(actor, created.master(), created.asset(), new RecordState.Quota(actor));
        } else {
            commit(actor, created.master(), created.asset());
        }
        return id;
    }

    private void removeFromSharedLibrary(String assetId, String member, int trashReason) {
        requireKind(Kind.SHARED_LIBRARY);
        server.write(() -> {
            AssetState a = assetForUpdate(assetId);
            a.deleted = true;
            a.trashedAt = server.now();
            a.deletedBy = member;
            a.trashReason = trashReason;
            MasterState m = master(a).copy();
            m.deleted = true;
            commit(member, m, a, new RecordState.Quota(member));
        });
    }

    private static void clearRemoval(AssetState a) {
        a.deleted = false;
        a.trashedAt = 0;
        a.deletedBy = null;
        a.trashReason = null;
        a.expunged = 0;
    }

    private String newAlbum(String albumName, int albumType, String parentId) {
        Objects.requireNonNull(albumName, "album name");
        folder(parentId);
        String id = Ids.uuid(nextSeed());
        long position = (albumsByPosition(null).size() + 1L) * 1024;
        commit(owner.ownerRecordName(), new AlbumState(id, albumName, albumType, position, parentId, server.now()));
        return id;
    }

    private void updateAsset(String assetId, java.util.function.Consumer<AssetState> change) {
        server.write(() -> {
            AssetState a = assetForUpdate(assetId);
            change.accept(a);
            commit(owner.ownerRecordName(), a);
        });
    }

    /** A fresh copy of the asset's current version, to change and append. */
    private AssetState assetForUpdate(String assetId) {
        AssetState a = currentAsset(assetId);
        if (a == null) {
            throw new IllegalArgumentException("no asset " + assetId + " in " + name);
        }
        return a.copy();
    }

    private AssetState currentAsset(String assetId) {
        ChangeLog.Version v = log.get(assetId);
        return v != null && v.state() instanceof AssetState a ? a : null;
    }

    private java.util.stream.Stream<AssetState> currentAssets() {
        return log.versions().stream()
                .map(ChangeLog.Version::state)
                .filter(s -> s instanceof AssetState)
                .map(s -> (AssetState) s);
    }

    private AlbumState album(String albumId) {
        ChangeLog.Version v = log.get(albumId);
        if (v == null || !(v.state() instanceof AlbumState a) || a.deleted) {
            throw new IllegalArgumentException("no album " + albumId + " in " + name);
        }
        return a;
    }

    /** A folder, or a root sentinel. */
    private AlbumState folder(String folderId) {
        ChangeLog.Version v = log.get(folderId);
        if (v == null || !(v.state() instanceof AlbumState a) || a.deleted || a.albumType != AlbumState.FOLDER) {
            throw new IllegalArgumentException("no folder " + folderId + " in " + name);
        }
        return a;
    }

    private boolean isSentinel(String albumId) {
        ChangeLog.Version v = log.get(albumId);
        return v != null && v.state() instanceof AlbumState a && a.isSentinel();
    }

    /** The album, then everything inside it when it is a folder (depth first). */
    private List<AlbumState> withDescendants(AlbumState album) {
        List<AlbumState> all = new ArrayList<>(List.of(album));
        for (AlbumState child : albumsByPosition(album.recordName)) {
            all.addAll(withDescendants(child));
        }
        return all;
    }

    private List<String> members(String albumId) {
        return membersByAlbum.getOrDefault(albumId, Set.of()).stream().filter(id -> currentAsset(id) != null).toList();
    }

    private boolean hasOtherAsset(AssetState asset) {
        return currentAssets().anyMatch(a -> a.masterId.equals(asset.masterId) && !a.recordName.equals(asset.recordName));
    }

    private boolean hasOtherLiveAsset(AssetState asset) {
        return currentAssets().anyMatch(a -> a.masterId.equals(asset.masterId)
                && !a.recordName.equals(asset.recordName) && !a.deleted);
    }

    private boolean isVideo(AssetState a) {
        return master(a).kind.isVideo();
    }

    private List<AssetState> computeIndex(IndexSpec spec) {
        Predicate<AssetState> filter = switch (spec.index()) {
            case ALL_BY_ASSET_DATE, ALL_BY_ADDED_DATE -> AssetState::visible;
            case HIDDEN -> a -> a.hidden && !a.deleted && !a.isExpunged();
            case DELETED -> a -> a.deleted && !a.isExpunged();
            case SMART_ALBUM -> a -> a.visible() && inSmartAlbum(spec.argument(), a);
            case ALBUM -> {
                ChangeLog.Version album = log.get(spec.argument());
                boolean live = album != null && album.state() instanceof AlbumState s && !s.deleted;
                Set<String> members = membersByAlbum.getOrDefault(spec.argument(), Set.of());
                yield a -> live && a.visible() && members.contains(a.recordName);
            }
            case BURST -> a -> false;
        };
        Comparator<AssetState> newestFirst = switch (spec.index()) {
            case ALL_BY_ADDED_DATE -> Comparator.comparingLong((AssetState a) -> a.addedDate).reversed();
            case DELETED -> Comparator.comparingLong((AssetState a) -> a.trashedAt).reversed();
            default -> Comparator.comparingLong((AssetState a) -> a.assetDate).reversed();
        };
        return currentAssets().filter(filter).sorted(newestFirst.thenComparing(a -> a.recordName)).toList();
    }

    private boolean inSmartAlbum(String smartAlbum, AssetState a) {
        return switch (smartAlbum == null ? "" : smartAlbum) {
            case "FAVORITE" -> a.favorite;
            case "VIDEO" -> isVideo(a);
            case "LIVE" -> a.live;
            case "SCREENSHOT" -> a.subtypeV2 == 3;
            case "PANORAMA" -> a.subtype == 1;
            case "SLOMO" -> a.subtype == 100;
            case "TIMELAPSE" -> a.subtype == 101;
            default -> false;
        };
    }

    private FakeAsset view(AssetState a) {
        return new FakeAsset(name, a, master(a));
    }

    private void requireKind(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException(name + " is not a " + expected + " zone");
        }
    }

    private long nextSeed() {
        return Ids.mix(baseSeed + ++seedCounter);
    }

    /** Appends the states in order, then CPLLibraryInfo (photo zones), and advances the database change clock. */
    private void commit(String actor, RecordState... states) {
        long now = server.now();
        for (RecordState state : states) {
            log.append(state, now, actor);
        }
        if (holdsPhotos()) {
            log.append(new RecordState.LibraryInfo(name + "-0000-LI"), now, actor);
        }
        changed();
    }

    private void changed() {
        lastChange = server.tick();
        indexCache.clear();
    }

    @Override
    public String toString() {
        return name;
    }
}

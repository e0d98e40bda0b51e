package com.camelicloud.photos.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.destination.DestinationProbe;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.MediaFileState;
import com.camelicloud.photos.state.SyncStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of raw records of one zone into classified changes: pairs each CPLAsset with its
 * CPLMaster (docs/protocol.md §5.15), resolves tombstones through local state (§5.10), and reports what
 * it could not pair yet so the caller can read further pages or look the masters up.
 */
final class BatchResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BatchResolver.class);

    private final ZoneId zone;
    private final CloudKitClient cloudKit;
    private final SyncStateRepository state;
    private final CopySettings copy;
    private final DestinationProbe verifiedDestination;

    /**
     * @param verifiedDestination where to check that files the state calls written still exist (a full
     *                            enumeration re-downloads what went missing); null to trust the state
     */
    BatchResolver(ZoneId zone, CloudKitClient cloudKit, SyncStateRepository state, CopySettings copy,
                  DestinationProbe verifiedDestination) {
        this.zone = zone;
        this.cloudKit = cloudKit;
        this.state = state;
        this.copy = copy;
        this.verifiedDestination = verifiedDestination;
    }

    String contentProfile() {
        return copy.contentProfile();
    }

    /** Keeps the record types sync cares about; changes/zone filters server-side unreliably (§4.1 row 17). */
    static boolean isRelevant(CkRecord record) {
        return record.isTombstone() || record.isType(CkRecord.ASSET) || record.isType(CkRecord.MASTER)
                || record.isType(CkRecord.ALBUM) || record.isType(CkRecord.CONTAINER_RELATION);
    }

    /** The outcome of one resolution pass. */
    record Resolution(List<LibraryChange> changes, List<CkRecord> assetsWithoutMaster, List<CkRecord> orphanMasters) {
        boolean complete() {
            return assetsWithoutMaster.isEmpty() && orphanMasters.isEmpty();
        }
    }

    Resolution resolve(List<CkRecord> batch) {
        Map<String, CkRecord> masters = new LinkedHashMap<>();
        Map<String, CkRecord> assets = new LinkedHashMap<>();
        List<CkRecord> others = new ArrayList<>();
        for (CkRecord record : batch) {
            if (record.isTombstone()) {
                others.add(record);
            } else if (record.isType(CkRecord.MASTER)) {
                masters.put(record.recordName(), record);
            } else if (record.isType(CkRecord.ASSET)) {
                // The latest version wins; the same asset twice in a batch is a normal overlap.
                assets.remove(record.recordName());
                assets.put(record.recordName(), record);
            } else {
                others.add(record);
            }
        }

        List<LibraryChange> changes = new ArrayList<>();
        Set<String> purged = new HashSet<>();
        for (CkRecord record : others) {
            resolveOther(record, assets.keySet(), purged).forEach(changes::add);
        }

        Map<String, AssetState> before = state.assetStates(zone.zoneName(), assets.keySet());
        List<CkRecord> withoutMaster = new ArrayList<>();
        Set<String> claimedMasters = new HashSet<>();
        for (CkRecord asset : assets.values()) {
            String masterName = asset.reference("masterRef");
            claimedMasters.add(masterName);
            CkRecord master = masters.get(masterName);
            AssetState previous = before.get(asset.recordName());
            if (master == null && needsMaster(new PhotoAsset(zone.zoneName(), asset, null), masterName, previous)) {
                withoutMaster.add(asset);
                continue;
            }
            PhotoAsset item = new PhotoAsset(zone.zoneName(), asset, master);
            ChangeClassifier.classify(zone, item, previous, copy, filesPresent(item, previous)).ifPresent(changes::add);
        }

        List<CkRecord> orphans = new ArrayList<>();
        for (CkRecord master : masters.values()) {
            if (!claimedMasters.contains(master.recordName())
                    && state.assetsOfMaster(zone.zoneName(), master.recordName()).isEmpty()) {
                orphans.add(master);
            }
        }
        // Masters listed here and claimed later must stay available to the caller's next pass.
        return new Resolution(changes, withoutMaster, orphans);
    }

    /**
     * Classifies assets whose master never arrived, looking the masters up (batches of 100, §3.8).
     * An asset whose master cannot be had is still reported, without master, so its state is kept.
     */
    List<LibraryChange> hydrate(List<CkRecord> assetsWithoutMaster) {
        if (assetsWithoutMaster.isEmpty()) {
            return List.of();
        }
        List<String> names = assetsWithoutMaster.stream().map(a -> a.reference("masterRef")).distinct().toList();
        Map<String, CkRecord> found = new LinkedHashMap<>();
        for (CkRecord record : cloudKit.lookup(zone, names)) {
            if (record.isType(CkRecord.MASTER) && !record.isTombstone()) {
                found.put(record.recordName(), record);
            }
        }
        Map<String, AssetState> before = state.assetStates(zone.zoneName(),
                assetsWithoutMaster.stream().map(CkRecord::recordName).toList());
        List<LibraryChange> changes = new ArrayList<>();
        for (CkRecord asset : assetsWithoutMaster) {
            CkRecord master = found.get(asset.reference("masterRef"));
            if (master == null) {
                LOG.warn("The master of {} in {} could not be looked up; its files will be retried later",
                        asset.recordName(), zone.zoneName());
            }
            AssetState previous = before.get(asset.recordName());
            PhotoAsset item = new PhotoAsset(zone.zoneName(), asset, master);
            ChangeClassifier.classify(zone, item, previous, copy, filesPresent(item, previous)).ifPresent(changes::add);
        }
        return changes;
    }

    /**
     * Whether every file written for an item is still at the destination with its size, and an edited item the copy
     * keeps edits of has its edit (which versions before this one failed to fetch).
     */
    private boolean filesPresent(PhotoAsset item, AssetState previous) {
        if (verifiedDestination == null || previous == null || !previous.filesComplete()) {
            return true;
        }
        List<MediaFileState> files = state.filesOfMaster(previous.masterId()).stream().filter(MediaFileState::isDone)
                .toList();
        boolean editStored = !copy.keepsEdits() || !item.isEdited() || files.stream()
                .anyMatch(file -> file.fileKey().startsWith(zone.zoneName() + "/" + item.assetId() + "/"));
        return editStored && files.stream().allMatch(file -> file.isStoredAt(verifiedDestination));
    }

    /**
     * A master is needed to download; items already complete under the same master need none, unless the copy keeps
     * edits and this one was edited or reverted.
     */
    private boolean needsMaster(PhotoAsset asset, String masterName, AssetState previous) {
        if (asset.isDeleted()) {
            return false;
        }
        return previous == null || !previous.filesComplete() || !masterName.equals(previous.masterId())
                || !copy.contentProfile().equals(previous.contentProfile())
                || (copy.keepsEdits() && ChangeClassifier.editTransition(asset, previous).isPresent());
    }

    /**
     * Whether a tombstone purges this item now: not when the batch already purged it, when the state says it was
     * purged (a page committed earlier), or when the batch holds a newer version of it.
     */
    private static boolean firstPurge(AssetState item, Set<String> assetsInBatch, Set<String> purged) {
        return purged.add(item.assetId()) && !item.purged() && !assetsInBatch.contains(item.assetId());
    }

    private List<LibraryChange> resolveOther(CkRecord record, Set<String> assetsInBatch, Set<String> purged) {
        String name = record.recordName();
        if (record.isTombstone()) {
            if (name.contains("-IN-")) {
                return List.of(LibraryChange.ofRecord(ChangeType.ALBUM_MEMBER_REMOVED, zone, name, record));
            }
            // A purge arrives as the asset's tombstone and its master's, in either order and possibly on two pages:
            // one purge per item, so an item already purged in this batch or in the state is not purged again.
            Optional<AssetState> asset = Optional.ofNullable(state.assetStates(zone.zoneName(), List.of(name)).get(name));
            if (asset.isPresent()) {
                return firstPurge(asset.get(), assetsInBatch, purged) ? List.of(LibraryChange.purged(zone, asset.get()))
                        : List.of();
            }
            if (state.album(zone.zoneName(), name).isPresent()) {
                return List.of(LibraryChange.ofRecord(ChangeType.ALBUM_DELETED, zone, name, record));
            }
            List<LibraryChange> changes = new ArrayList<>();
            for (AssetState pointing : state.assetsOfMaster(zone.zoneName(), name)) {
                if (firstPurge(pointing, assetsInBatch, purged)) {
                    changes.add(LibraryChange.purged(zone, pointing));
                }
            }
            return changes;
        }
        if (record.isType(CkRecord.CONTAINER_RELATION)) {
            return List.of(LibraryChange.ofRecord(ChangeType.ALBUM_MEMBER_ADDED, zone, name, record));
        }
        if (record.isType(CkRecord.ALBUM)) {
            return List.of(LibraryChange.ofRecord(record.flag("isDeleted") ? ChangeType.ALBUM_DELETED
                    : ChangeType.ALBUM_CHANGED, zone, name, record));
        }
        return List.of();
    }
}

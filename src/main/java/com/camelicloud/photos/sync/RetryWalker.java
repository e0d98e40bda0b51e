package com.camelicloud.photos.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.state.AssetState;
import com.camelicloud.photos.state.SyncStateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Items whose files failed in an earlier cycle are not delivered by the change feed again, so each cycle
 * looks them up (fresh download URLs, {@code records/lookup} in batches, PROTOCOL.md §8.8) and offers them
 * once more, until a file has failed {@code --max-download-attempts} times.
 */
final class RetryWalker implements ZoneWalker {

    private static final Logger LOG = LoggerFactory.getLogger(RetryWalker.class);
    /** Asset and master make two names per item; records/lookup takes 100. */
    private static final int ITEMS_PER_PAGE = CloudKitClient.LOOKUP_BATCH / 2;

    private final CloudKitClient cloudKit;
    private final SyncStateRepository state;
    private final CopySettings copy;
    private final Map<String, ZoneId> zones;
    private final Deque<AssetState> pending;
    private int sequence;

    RetryWalker(CloudKitClient cloudKit, SyncStateRepository state, CopySettings copy, Map<String, ZoneId> zones,
                List<AssetState> incomplete) {
        this.cloudKit = cloudKit;
        this.state = state;
        this.copy = copy;
        this.zones = zones;
        // Items of libraries no longer synced have nothing to retry.
        this.pending = incomplete.stream().filter(item -> zones.containsKey(item.zoneName()))
                .collect(Collectors.toCollection(ArrayDeque::new));
        LOG.info("Retrying {} item(s) whose files failed before", pending.size());
    }

    /** Every batch makes a page, even one whose items all turned out to have nothing to retry. */
    @Override
    public boolean hasNextPage() {
        return !pending.isEmpty();
    }

    @Override
    public ChangePage nextPage() {
        String zoneName = pending.peekFirst().zoneName();
        List<AssetState> batch = new ArrayList<>();
        while (!pending.isEmpty() && batch.size() < ITEMS_PER_PAGE && pending.peekFirst().zoneName().equals(zoneName)) {
            batch.add(pending.pollFirst());
        }
        ZoneId zone = zones.get(zoneName);
        return new ChangePage(zone, false, sequence++, changes(zone, batch), null, false, copy.contentProfile());
    }

    private List<LibraryChange> changes(ZoneId zone, List<AssetState> batch) {
        List<String> names = new ArrayList<>();
        batch.forEach(item -> {
            names.add(item.assetId());
            if (item.masterId() != null) {
                names.add(item.masterId());
            }
        });
        Map<String, CkRecord> found = new HashMap<>();
        for (CkRecord record : cloudKit.lookup(zone, names)) {
            if (!record.isTombstone() && record.serverErrorCode() == null && record.recordType() != null) {
                found.put(record.recordName(), record);
            }
        }
        Map<String, AssetState> before = state.assetStates(zone.zoneName(), batch.stream().map(AssetState::assetId).toList());
        List<LibraryChange> changes = new ArrayList<>();
        for (AssetState item : batch) {
            CkRecord asset = found.get(item.assetId());
            if (asset == null) {
                LOG.warn("{} in {} could not be looked up; it stays incomplete", item.assetId(), zone.zoneName());
                continue;
            }
            CkRecord master = found.get(asset.reference("masterRef"));
            ChangeClassifier.classify(zone, new PhotoAsset(zone.zoneName(), asset, master), before.get(item.assetId()),
                    copy, false).ifPresent(changes::add);
        }
        return changes;
    }
}

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
 * Offers known items again that the change feed will not deliver: their records are looked up ({@code records/lookup}
 * in batches, fresh download URLs, docs/protocol.md §3.8, §8.8) and each item whose files need work goes through the
 * sync again. Used for items whose files failed in an earlier cycle (until a file has failed
 * {@code --max-download-attempts} times) and for items whose files are to move after the layout settings changed.
 */
final class LookupWalker implements ZoneWalker {

    private static final Logger LOG = LoggerFactory.getLogger(LookupWalker.class);
    /** Asset and master make two names per item; records/lookup takes 100. */
    private static final int ITEMS_PER_PAGE = CloudKitClient.LOOKUP_BATCH / 2;

    private final CloudKitClient cloudKit;
    private final SyncStateRepository state;
    private final CopySettings copy;
    private final Map<String, ZoneId> zones;
    private final Deque<AssetState> pending;
    private int sequence;

    /** @param why completes "N item(s) …" in the log line that says what this walk is for */
    LookupWalker(CloudKitClient cloudKit, SyncStateRepository state, CopySettings copy, Map<String, ZoneId> zones,
                 List<AssetState> items, String why) {
        this.cloudKit = cloudKit;
        this.state = state;
        this.copy = copy;
        this.zones = zones;
        // Items of libraries no longer synced are left as they are.
        this.pending = items.stream().filter(item -> zones.containsKey(item.zoneName()))
                .collect(Collectors.toCollection(ArrayDeque::new));
        LOG.info("{} item(s) {}", pending.size(), why);
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
                LOG.warn("{} in {} could not be looked up; it is tried again next time", item.assetId(), zone.zoneName());
                continue;
            }
            CkRecord master = found.get(asset.reference("masterRef"));
            ChangeClassifier.classify(zone, new PhotoAsset(zone.zoneName(), asset, master), before.get(item.assetId()),
                    copy, false).ifPresent(changes::add);
        }
        return changes;
    }
}

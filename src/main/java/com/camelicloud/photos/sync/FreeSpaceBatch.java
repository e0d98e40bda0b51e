package com.camelicloud.photos.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitException;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.component.RecentlyDeletedBatch;
import com.camelicloud.photos.state.MediaFileState;

/**
 * Up to {@value com.camelicloud.photos.cloudkit.CloudKitClient#MODIFY_BATCH} items of one library on their way to
 * iCloud's Recently Deleted: the body of the {@code free-icloud-space} route. The {@code icloud-photos:} endpoint
 * reads their records and asks iCloud to move them; {@link FreeSpace} decides; the route records the outcome.
 */
public final class FreeSpaceBatch implements RecentlyDeletedBatch, AuditedWork {

    /** The code of a record whose change tag is no longer the current one (docs/protocol.md §3.12, U26). */
    static final String CONFLICT = "CONFLICT";
    /** Audit log reason of an item this product moved to Recently Deleted. */
    static final String REASON = "freed-icloud-space";

    private final ZoneId zone;
    private final List<FreeSpaceItem> items;
    private final String policy;
    private volatile String stoppedBecause;
    private boolean audited;

    /** @param policy the setting that chose these items, for the audit log */
    FreeSpaceBatch(ZoneId zone, List<FreeSpaceItem> items, String policy) {
        this.zone = zone;
        this.items = List.copyOf(items);
        this.policy = policy;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    public List<FreeSpaceItem> getItems() {
        return items;
    }

    /** The records to read: asset and master of every item still to be decided. */
    @Override
    public List<String> recordsToLookUp() {
        List<String> names = new ArrayList<>();
        for (FreeSpaceItem item : items) {
            if (item.outcome() == FreeSpaceItem.Outcome.CANDIDATE || item.outcome() == FreeSpaceItem.Outcome.CONFLICT) {
                names.add(item.assetId());
                String master = item.stored().masterId();
                if (master != null && !names.contains(master)) {
                    names.add(master);
                }
            }
        }
        return names;
    }

    /**
     * What records/lookup answered. An item whose asset is missing from the answer keeps no record: it is decided
     * as not found, and a name missing from an answer proves nothing (docs/protocol.md §3.8), so it is only kept.
     */
    @Override
    public void lookedUp(List<CkRecord> records) {
        Map<String, CkRecord> byName = new HashMap<>();
        records.forEach(record -> byName.put(record.recordName(), record));
        for (FreeSpaceItem item : items) {
            if (item.outcome() == FreeSpaceItem.Outcome.CANDIDATE || item.outcome() == FreeSpaceItem.Outcome.CONFLICT) {
                CkRecord asset = byName.get(item.assetId());
                CkRecord master = asset == null ? null : byName.get(asset.reference("masterRef"));
                item.lookedUp(asset, master);
            }
        }
    }

    /** The items to ask iCloud to move now, with the change tag each was read with. */
    @Override
    public Map<String, String> changeTagsToMove() {
        Map<String, String> tags = new LinkedHashMap<>();
        items.stream().filter(item -> item.outcome() == FreeSpaceItem.Outcome.ELIGIBLE)
                .forEach(item -> tags.put(item.assetId(), item.asset().recordChangeTag()));
        return tags;
    }

    /** Whether some items are eligible and not moved yet (the first request, or a retry after conflicts). */
    public boolean hasItemsToMove() {
        return items.stream().anyMatch(item -> item.outcome() == FreeSpaceItem.Outcome.ELIGIBLE);
    }

    /**
     * What records/modify answered, per record (docs/protocol.md §3.12, §3.13). A conflict is read again and decided
     * again once; every other error, and a record missing from the answer, leaves the item for the next run. Throttling
     * also stops this cycle's moves.
     */
    @Override
    public void answered(List<CkRecord> answer) {
        Map<String, CkRecord> byName = new HashMap<>();
        answer.forEach(record -> byName.put(record.recordName(), record));
        for (FreeSpaceItem item : items) {
            if (item.outcome() != FreeSpaceItem.Outcome.ELIGIBLE) {
                continue;
            }
            CkRecord record = byName.get(item.assetId());
            String code = record == null ? null : record.serverErrorCode();
            if (record == null) {
                item.left("iCloud's answer did not mention it");
            } else if (code == null && record.flag("isDeleted")) {
                item.moved(record.recordChangeTag());
            } else if (code == null) {
                item.left("iCloud answered it without isDeleted");
            } else if (CONFLICT.equals(code) && !item.retried()) {
                item.conflict();
            } else {
                item.left(code + (CONFLICT.equals(code) ? " again: it keeps changing in iCloud" : ""));
                if (CloudKitException.TRANSIENT_CODES.contains(code)) {
                    stop("iCloud answered " + code);
                }
            }
        }
    }

    /**
     * A request failed as a whole (after the client's retries): nothing undecided or unconfirmed is moved now, and no
     * more batches this cycle.
     */
    @Override
    public void failed(CloudKitException failure) {
        items.stream().filter(item -> item.outcome() == FreeSpaceItem.Outcome.CANDIDATE
                        || item.outcome() == FreeSpaceItem.Outcome.ELIGIBLE
                        || item.outcome() == FreeSpaceItem.Outcome.CONFLICT)
                .forEach(item -> item.left(failure.getMessage()));
        stop(failure.getMessage());
    }

    private void stop(String why) {
        if (stoppedBecause == null) {
            stoppedBecause = why;
        }
    }

    /** Why this cycle moves nothing more after this batch, or null. */
    public String stoppedBecause() {
        return stoppedBecause;
    }

    /** Whether items came back in conflict, read again, to be decided again. */
    @Override
    public boolean hasConflicts() {
        return items.stream().anyMatch(item -> item.outcome() == FreeSpaceItem.Outcome.CONFLICT);
    }

    /** Rows marking the items about to be moved as chosen ({@code sql/mark-freeing-wanted.sql}). */
    public List<Map<String, Object>> getChosenRows() {
        return rows(FreeSpaceItem.Outcome.ELIGIBLE);
    }

    /** Rows recording the moves iCloud confirmed, with the change tag it answered ({@code sql/mark-freed.sql}). */
    public List<Map<String, Object>> getMovedRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        items.stream().filter(item -> item.outcome() == FreeSpaceItem.Outcome.MOVED).forEach(item -> {
            Map<String, Object> row = row(item);
            row.put("changeTag", item.movedChangeTag());
            rows.add(row);
        });
        return rows;
    }

    /**
     * Rows of the files found missing or damaged, as {@code verify} marks them ({@code sql/mark-damaged-file.sql},
     * {@code sql/mark-item-incomplete.sql}): the next sync fetches them again in place.
     */
    public List<Map<String, Object>> getDamagedRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        items.stream().map(FreeSpaceItem::damagedFile).filter(Objects::nonNull).forEach(file -> {
            Map<String, Object> row = new HashMap<>();
            row.put("fileKey", file.fileKey());
            row.put("masterId", file.masterId());
            row.put("updatedAt", System.currentTimeMillis());
            rows.add(row);
        });
        return rows;
    }

    private List<Map<String, Object>> rows(FreeSpaceItem.Outcome outcome) {
        List<Map<String, Object>> rows = new ArrayList<>();
        items.stream().filter(item -> item.outcome() == outcome).forEach(item -> rows.add(row(item)));
        return rows;
    }

    private Map<String, Object> row(FreeSpaceItem item) {
        Map<String, Object> row = new HashMap<>();
        row.put("zoneName", zone.zoneName());
        row.put("assetId", item.assetId());
        row.put("updatedAt", System.currentTimeMillis());
        return row;
    }

    /** One audit line per file of each moved item, once: its copy is what is kept of it. */
    @Override
    public synchronized List<AuditEntry> takeAuditEntries() {
        if (audited) {
            return List.of();
        }
        audited = true;
        String now = Instant.now().toString();
        List<AuditEntry> entries = new ArrayList<>();
        for (FreeSpaceItem item : items) {
            if (item.outcome() == FreeSpaceItem.Outcome.MOVED) {
                for (MediaFileState file : item.files()) {
                    entries.add(new AuditEntry(now, zone.zoneName(), item.assetId(), file.path(), file.path(), REASON,
                            policy));
                }
            }
        }
        return entries;
    }

    @Override
    public String toString() {
        return "FreeSpaceBatch[" + zone.zoneName() + ", " + items.size() + " items]";
    }
}

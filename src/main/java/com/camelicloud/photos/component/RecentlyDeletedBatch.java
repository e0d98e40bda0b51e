package com.camelicloud.photos.component;

import java.util.List;
import java.util.Map;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitException;
import com.camelicloud.photos.cloudkit.ZoneId;

/**
 * The body of the {@code lookupItems} and {@code moveToRecentlyDeleted} operations: items of one library that the
 * application may move to Recently Deleted (docs/protocol.md §3.8, §3.12). The component asks iCloud; the batch decides.
 */
public interface RecentlyDeletedBatch {

    ZoneId getZone();

    /** Asset and master records to read again before deciding. */
    List<String> recordsToLookUp();

    void lookedUp(List<CkRecord> records);

    /** Record name to change tag of the assets to move now. */
    Map<String, String> changeTagsToMove();

    /** iCloud's answer to the move, record by record. */
    void answered(List<CkRecord> answer);

    /** Whether iCloud refused a move for a conflict: those records are read again. */
    boolean hasConflicts();

    /** The request failed as a whole (after the client's retries): nothing is confirmed. */
    void failed(CloudKitException failure);
}

package com.camelicloud.photos.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.cloudkit.CloudKitException;
import com.camelicloud.photos.sync.FreeSpaceBatch;

/**
 * The {@code lookupItems} and {@code moveToRecentlyDeleted} operations of one account (docs/protocol.md §3.8, §3.12):
 * a {@link FreeSpaceBatch} in, the same batch out with iCloud's answers on its items. Moves are paced: iCloud
 * throttled icloudpd after about 240 of them in one run, so two records/modify requests of the account are at least
 * {@code modifyInterval} seconds apart.
 */
final class RecentlyDeletedMoves {

    private final CloudKitClient cloudKit;
    private long lastModifyNanos;
    private boolean modified;

    RecentlyDeletedMoves(CloudKitClient cloudKit) {
        this.cloudKit = cloudKit;
    }

    /**
     * Reads the current records (asset and master) of the batch's items still to be decided. A failure (after the
     * client's retries) leaves them for the next run, like a failed move: freeing space never fails a sync.
     */
    void lookup(FreeSpaceBatch batch) {
        List<String> names = batch.recordsToLookUp();
        if (!names.isEmpty()) {
            try {
                batch.lookedUp(cloudKit.lookup(batch.getZone(), names));
            } catch (CloudKitException e) {
                batch.failed(e);
            }
        }
    }

    /**
     * Asks iCloud to move the batch's eligible items; the records of those it refused for a conflict are read again,
     * for a new decision. A request that fails as a whole (throttling after its retries included) confirms nothing.
     */
    synchronized void move(FreeSpaceBatch batch, Duration interval) throws InterruptedException {
        Map<String, String> changeTags = batch.changeTagsToMove();
        if (changeTags.isEmpty()) {
            return;
        }
        if (modified) {
            long waited = System.nanoTime() - lastModifyNanos;
            long pause = interval.toNanos() - waited;
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            }
        }
        List<CkRecord> answer;
        try {
            answer = cloudKit.moveToRecentlyDeleted(batch.getZone(), changeTags);
        } catch (CloudKitException e) {
            batch.failed(e);
            return;
        } finally {
            modified = true;
            lastModifyNanos = System.nanoTime();
        }
        batch.answered(answer);
        if (batch.hasConflicts()) {
            lookup(batch);
        }
    }
}

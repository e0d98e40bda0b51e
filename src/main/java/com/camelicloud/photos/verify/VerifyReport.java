package com.camelicloud.photos.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.destination.UnfinishedUpload;

/**
 * What one verify found: stored files whose copy is missing or damaged, items whose files were never all stored, files
 * the state does not know, temp files left over, and iCloud's counts beside the state's; after a repair, what it fixed.
 * Filled by {@link Verifier}.
 */
public final class VerifyReport {

    /** How a stored file's copy differs from its record. */
    public enum Damage {
        MISSING,
        /** Another size than the recorded one: truncated, or replaced. */
        SIZE,
        /** The recorded size, but not the recorded SHA-256 ({@code --checksums}). */
        CHECKSUM
    }

    /**
     * A stored file whose copy is not what the state recorded.
     *
     * @param path          where the copy should be (under a quarantine folder when it was set aside)
     * @param detail        what was measured, for the report
     * @param notRepairable why a repair cannot fetch it again, or null when it can
     */
    public record BadCopy(String path, String fileKey, String masterId, Damage damage, String detail,
                          String notRepairable) {
        public boolean repairable() {
            return notRepairable == null;
        }
    }

    /** Where a left-over temp file is. */
    public enum Place {
        /** In the destination: its temp folder, or an upload's temp name. */
        DESTINATION,
        /** In the local staging folder of a remote destination. */
        STAGING,
        /** An upload the store keeps unfinished (S3 multipart). */
        UPLOAD
    }

    /** @param path relative to the destination for {@link Place#DESTINATION} and uploads, absolute for staging */
    public record Leftover(Place place, String path, long size, UnfinishedUpload upload) {
    }

    /**
     * One line of the count comparison.
     *
     * @param kind     {@code photos} or {@code videos}
     * @param icloud   iCloud's count, null when it gave none
     * @param recorded items of that kind the state holds in the library
     * @param complete those of them with every file written
     */
    public record CountLine(String library, String kind, Long icloud, long recorded, long complete) {
    }

    private final String destination;
    private final boolean checksums;
    private final List<ZoneId> libraries;
    private long storedFiles;
    private long storedBytes;
    private long hashed;
    private long withoutRecordedHash;
    private long incompleteItems;
    private long incompleteAfterRepair;
    private final List<BadCopy> badCopies = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<Leftover> leftovers = new ArrayList<>();
    private final List<CountLine> counts = new ArrayList<>();
    private String countsUnavailable;
    private boolean repaired;
    private final List<BadCopy> stillBad = new ArrayList<>();
    private final List<Leftover> leftoversKept = new ArrayList<>();

    VerifyReport(String destination, boolean checksums, List<ZoneId> libraries) {
        this.destination = destination;
        this.checksums = checksums;
        this.libraries = List.copyOf(libraries);
    }

    void stored(long size) {
        storedFiles++;
        storedBytes += size;
    }

    void hashed(boolean recorded) {
        if (recorded) {
            hashed++;
        } else {
            withoutRecordedHash++;
        }
    }

    void incompleteItems(long items) {
        incompleteItems = items;
    }

    void bad(BadCopy copy) {
        badCopies.add(copy);
    }

    void unexpected(String path) {
        unexpected.add(path);
    }

    void leftover(Leftover leftover) {
        leftovers.add(leftover);
    }

    void count(CountLine line) {
        counts.add(line);
    }

    void countsUnavailable(String reason) {
        this.countsUnavailable = reason;
    }

    void repairChecked(List<BadCopy> notFixed, long incompleteItems) {
        repaired = true;
        incompleteAfterRepair = incompleteItems;
        stillBad.clear();
        stillBad.addAll(notFixed);
    }

    void leftoverKept(Leftover leftover) {
        leftoversKept.add(leftover);
    }

    void sort() {
        badCopies.sort((a, b) -> a.path().compareTo(b.path()));
        Collections.sort(unexpected);
        leftovers.sort((a, b) -> a.path().compareTo(b.path()));
    }

    /** Where the copy is, as the user named it (never with a secret). */
    public String getDestination() {
        return destination;
    }

    public boolean isChecksums() {
        return checksums;
    }

    /** The libraries the state follows, for iCloud's counts (PrimarySync when it follows none yet). */
    public List<ZoneId> getLibraries() {
        return libraries;
    }

    public long getStoredFiles() {
        return storedFiles;
    }

    public long getStoredBytes() {
        return storedBytes;
    }

    /** Copies whose SHA-256 was recomputed and compared ({@code --checksums}). */
    public long getHashed() {
        return hashed;
    }

    /** Copies of the right size whose record has no SHA-256 to compare with. */
    public long getWithoutRecordedHash() {
        return withoutRecordedHash;
    }

    /**
     * Items in the library that lack a file this copy should hold, before any copy was marked: downloads that failed
     * (given up ones too) and files a rebuild did not find. Files forgotten with {@code --forget-failed} do not count.
     */
    public long getIncompleteItems() {
        return incompleteItems;
    }

    /** After a repair: the items still lacking a file. */
    public long getIncompleteAfterRepair() {
        return incompleteAfterRepair;
    }

    public List<BadCopy> getBadCopies() {
        return Collections.unmodifiableList(badCopies);
    }

    public List<String> getUnexpected() {
        return Collections.unmodifiableList(unexpected);
    }

    public List<Leftover> getLeftovers() {
        return Collections.unmodifiableList(leftovers);
    }

    public List<CountLine> getCounts() {
        return Collections.unmodifiableList(counts);
    }

    /** Why iCloud's counts are missing from the report, or null. */
    public String getCountsUnavailable() {
        return countsUnavailable;
    }

    /**
     * The state rows a repair writes: each repairable copy marked damaged (the next download of it replaces the copy
     * at its path) and the items showing it marked incomplete (so that a sync looks them up again).
     */
    public List<Map<String, Object>> getRepairRows() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BadCopy copy : badCopies) {
            if (copy.repairable()) {
                Map<String, Object> row = new HashMap<>();
                row.put("fileKey", copy.fileKey());
                row.put("masterId", copy.masterId());
                row.put("updatedAt", now);
                rows.add(row);
            }
        }
        return rows;
    }

    public long missing() {
        return badCopies.stream().filter(copy -> copy.damage() == Damage.MISSING).count();
    }

    public long damaged() {
        return badCopies.size() - missing();
    }

    /** Whether a repair ran and was checked ({@link Verifier#recheck}). */
    public boolean isRepaired() {
        return repaired;
    }

    /** After a repair: the copies it could not put right. */
    public List<BadCopy> getStillBad() {
        return Collections.unmodifiableList(stillBad);
    }

    /** After a repair: the temp files that could not be removed. */
    public List<Leftover> getLeftoversKept() {
        return Collections.unmodifiableList(leftoversKept);
    }

    /** Nothing missing, damaged, incomplete, unexpected or left over (after the repair, when one ran). */
    public boolean isAllWell() {
        if (!unexpected.isEmpty()) {
            return false;
        }
        return repaired ? stillBad.isEmpty() && leftoversKept.isEmpty() && incompleteAfterRepair == 0
                : badCopies.isEmpty() && leftovers.isEmpty() && incompleteItems == 0;
    }

    /** A summary for the cycle report ({@code --report-json}) and metrics. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("storedFiles", storedFiles);
        summary.put("missing", missing());
        summary.put("damaged", damaged());
        summary.put("incompleteItems", incompleteItems);
        summary.put("unexpected", unexpected.size());
        summary.put("leftoverTempFiles", leftovers.size());
        return summary;
    }
}

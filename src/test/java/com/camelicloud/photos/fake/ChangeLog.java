package com.camelicloud.photos.fake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A zone's append-only change history (docs/protocol.md §10.1). Position {@code seq} (1-based) names the record changed
 * there; only the current version of each record is kept, because changes/zone delivers a record only at its latest
 * position: older positions of the same record are "superseded" and cost nothing but a list slot. Positions left
 * {@code null} stand for compacted history that nets to nothing. Not thread-safe; {@link FakeZone} guards it.
 */
final class ChangeLog {

    /** The current version of one record and where it sits in the log. */
    record Version(long seq, RecordState state, String changeTag, Stamp created, Stamp modified) {
        boolean isTombstone() {
            return state instanceof RecordState.Tombstone;
        }
    }

    /** The {@code created}/{@code modified} envelope members. */
    record Stamp(long timestamp, String userRecordName) {
    }

    /** One changes/zone page: the versions found and the last position scanned. */
    record Scan(List<Version> versions, long reached) {
    }

    private final List<String> positions = new ArrayList<>();
    private final Map<String, Version> current = new LinkedHashMap<>();

    long head() {
        return positions.size();
    }

    Version append(RecordState state, long now, String userRecordName) {
        long seq = positions.size() + 1L;
        positions.add(state.recordName());
        Version previous = current.remove(state.recordName()); // re-insert: iteration order = order of last change
        Stamp modified = new Stamp(now, userRecordName);
        Stamp created = previous == null || previous.isTombstone() ? modified : previous.created();
        Version version = new Version(seq, state, changeTag(seq), created, modified);
        current.put(state.recordName(), version);
        return version;
    }

    void appendCompacted(int count) {
        positions.addAll(Collections.nCopies(count, null));
    }

    Version get(String recordName) {
        return current.get(recordName);
    }

    Collection<Version> versions() {
        return Collections.unmodifiableCollection(current.values());
    }

    /**
     * Scans forward from just after {@code after}, collecting records whose current version sits at the scanned
     * position, until {@code maxRecords} are found or {@code budget} positions were looked at.
     */
    Scan scan(long after, int maxRecords, int budget) {
        List<Version> found = new ArrayList<>();
        long position = after;
        int scanned = 0;
        while (position < head() && found.size() < maxRecords && scanned < budget) {
            position++;
            scanned++;
            String name = positions.get((int) (position - 1));
            Version version = name == null ? null : current.get(name);
            if (version != null && version.seq() == position) {
                found.add(version);
            }
        }
        return new Scan(found, position);
    }

    /** Short base-36 tags like Apple's {@code 49lh}; unique per position, so every change bumps the tag. */
    private static String changeTag(long seq) {
        return Long.toString(46656L + seq * 7919L, 36);
    }
}

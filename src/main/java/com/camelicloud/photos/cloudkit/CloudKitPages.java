package com.camelicloud.photos.cloudkit;

import java.util.List;

/** The answers of the paged CloudKit endpoints. */
public final class CloudKitPages {

    private CloudKitPages() {
    }

    /** One {@code records/query} page (§3.4): records, the page cursor and the zone token (§4.1 row 4). */
    public record QueryPage(List<CkRecord> records, String continuationMarker, String syncToken) {
    }

    /** One {@code changes/zone} page (§3.10): the token after this page and whether more pages follow. */
    public record ZoneChangesPage(ZoneId zone, List<CkRecord> records, String syncToken, boolean moreComing) {
    }

    /** The zones {@code changes/database} reports as changed, and the new database token (§3.9). */
    public record DatabaseChanges(String syncToken, List<ChangedZone> zones) {
    }

    /** A changed zone with its head token, which is never a starting point for changes/zone (§3.9). */
    public record ChangedZone(ZoneId zone, String headToken) {
    }
}

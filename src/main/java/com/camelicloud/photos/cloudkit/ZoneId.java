package com.camelicloud.photos.cloudkit;

/**
 * A zone and the database it lives in. Every call and every token on a zone uses the database the
 * zone was discovered in (docs/protocol.md §7.2). The owner is sent back when the server named one, which
 * matters for a Shared Library owned by someone else.
 */
public record ZoneId(String zoneName, Database database, String ownerRecordName) {

    public static final String PRIMARY = "PrimarySync";
    public static final String SHARED_PREFIX = "SharedSync-";

    public ZoneId(String zoneName, Database database) {
        this(zoneName, database, null);
    }

    public static ZoneId primary() {
        return new ZoneId(PRIMARY, Database.PRIVATE);
    }

    public boolean isPrimary() {
        return PRIMARY.equals(zoneName);
    }

    public boolean isSharedLibrary() {
        return zoneName.startsWith(SHARED_PREFIX);
    }

    /** Only PrimarySync and SharedSync-* are photo libraries; CMM-*, AppLibrarySync-* and the rest are not (§7.6). */
    public boolean isPhotoLibrary() {
        return isPrimary() || isSharedLibrary();
    }

    @Override
    public String toString() {
        return zoneName + "@" + database.path();
    }
}

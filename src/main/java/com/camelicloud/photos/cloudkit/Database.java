package com.camelicloud.photos.cloudkit;

import java.util.Locale;

/** The two CloudKit databases a Photos library can live in (docs/protocol.md §7.2). */
public enum Database {
    PRIVATE,
    SHARED;

    /** The path segment of {@code {CK}}: {@code private} or {@code shared}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Database fromPath(String path) {
        return valueOf(path.trim().toUpperCase(Locale.ROOT));
    }
}

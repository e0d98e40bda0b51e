package com.camelicloud.photos.fake;

import java.util.Locale;

/** The two CloudKit databases of the Photos container: {@code /production/private} and {@code /production/shared}. */
enum Database {
    PRIVATE,
    SHARED;

    byte code() {
        return (byte) ordinal();
    }

    String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Database fromPath(String segment) {
        for (Database d : values()) {
            if (d.pathName().equals(segment)) {
                return d;
            }
        }
        return null;
    }
}

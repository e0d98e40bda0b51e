package com.camelicloud.photos.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Puts checked flag values into the routes' properties; every error names the flag and what it accepts. */
final class Flags {

    private Flags() {
    }

    static void choice(Map<String, Object> properties, String flag, String value, String key, String... allowed) {
        if (value == null) {
            return;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(normalized)) {
            throw new UsageException(flag + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        properties.put(key, normalized);
    }

    static void range(Map<String, Object> properties, String flag, Integer value, String key, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min || value > max) {
            throw new UsageException(flag + " must be between " + min + " and " + max + ", not " + value);
        }
        properties.put(key, value.toString());
    }

    static void text(Map<String, Object> properties, String value, String key) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    static void on(Map<String, Object> properties, boolean flag, String key) {
        if (flag) {
            properties.put(key, "true");
        }
    }

    /** Repeatable values as one comma-separated property; a value containing a comma cannot be expressed. */
    static void list(Map<String, Object> properties, String flag, List<String> values, String key) {
        if (values == null || values.isEmpty()) {
            return;
        }
        for (String value : values) {
            if (value.contains(",")) {
                throw new UsageException(flag + " values cannot contain a comma: '" + value + "'");
            }
        }
        properties.put(key, String.join(",", values));
    }
}

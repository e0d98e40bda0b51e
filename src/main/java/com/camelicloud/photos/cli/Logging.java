package com.camelicloud.photos.cli;

import java.util.Locale;

/**
 * Sets the log levels through system properties that {@code log4j2.xml} reads. Must run before the first
 * logger is created, which is why the CLI classes hold no static loggers.
 */
final class Logging {

    private Logging() {
    }

    static void configure(String level, boolean progressBar) {
        String normalized = level.toLowerCase(Locale.ROOT);
        System.setProperty("camel-icloud-photos.log-level", normalized);
        // Camel's own INFO lines (startup banner, route list) are noise for a CLI unless debugging.
        System.setProperty("camel-icloud-photos.camel-log-level",
                normalized.equals("debug") || normalized.equals("trace") ? "info" : "warn");
        System.setProperty("camel-icloud-photos.progress-level", progressBar ? "warn" : normalized);
    }
}

package com.camelicloud.photos.cli;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Option;

/** Flags for running as a service: the ops HTTP server, notifications, systemd and the PID file (see {@link SettingCatalog}). */
public class OpsOptions {

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the /healthz, /metrics and /mfa HTTP server (default 9090, watch mode only)")
    Integer httpPort;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", description = "Address the HTTP server listens on (default 127.0.0.1; 0.0.0.0 for every interface)")
    String httpBind;

    @Option(names = "--notification-script", paramLabel = "FILE", description = "Run FILE on sync_started, sync_complete, sync_failed, 2fa_required, session_expiring and throttled, with ICLOUD_PHOTOS_* variables")
    Path notificationScript;

    @Option(names = "--notify-systemd", description = "Tell systemd (Type=notify) when ready, what is happening, that it is alive, and when stopping")
    boolean notifySystemd;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the process id to FILE while running (refused when FILE names a live process)")
    Path pidFile;

    /** Derives the ops settings of a run; {@code interval} is the watch schedule's, null for one run. */
    void apply(Settings settings, Duration interval) {
        if (interval != null) {
            settings.derive("ops.enabled", "true");
            settings.derive("ops.interval-seconds", Long.toString(interval.toSeconds()));
        } else if (httpPort != null || httpBind != null) {
            throw new UsageException("--http-port and --http-bind need watch mode (--watch-with-interval or --cron)");
        }
        if (settings.isTrue("systemd.notify")) {
            String watchdogMicros = System.getenv("WATCHDOG_USEC");
            if (watchdogMicros != null && watchdogMicros.matches("\\d+")) {
                // systemd's advice: ping at half the watchdog timeout.
                settings.derive("systemd.watchdog", "true");
                settings.derive("systemd.watchdog-period-ms", Long.toString(Math.max(1000, Long.parseLong(watchdogMicros) / 2000)));
            }
        }
    }
}

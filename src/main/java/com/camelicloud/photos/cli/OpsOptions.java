package com.camelicloud.photos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import picocli.CommandLine.Option;

/** Flags for running as a service: the ops HTTP server, notifications, systemd and the PID file. */
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

    /** Maps the flags onto the routes' properties; {@code interval} is the watch schedule's, null for one run. */
    void apply(Map<String, Object> properties, Duration interval) {
        if (interval != null) {
            properties.put("ops.enabled", "true");
            properties.put("ops.interval-seconds", Long.toString(interval.toSeconds()));
        } else if (httpPort != null || httpBind != null) {
            throw new UsageException("--http-port and --http-bind need watch mode (--watch-with-interval or --cron)");
        }
        Flags.range(properties, "--http-port", httpPort, "ops.http-port", 1, 65_535);
        Flags.text(properties, httpBind, "ops.http-bind");
        if (notificationScript != null) {
            if (!Files.isRegularFile(notificationScript) || !Files.isExecutable(notificationScript)) {
                throw new UsageException("--notification-script " + notificationScript
                        + " does not exist or is not executable (chmod +x)");
            }
            properties.put("notify.script", notificationScript.toAbsolutePath().toString());
        }
        if (notifySystemd) {
            properties.put("systemd.notify", "true");
            String watchdogMicros = System.getenv("WATCHDOG_USEC");
            if (watchdogMicros != null && watchdogMicros.matches("\\d+")) {
                // systemd's advice: ping at half the watchdog timeout.
                properties.put("systemd.watchdog", "true");
                properties.put("systemd.watchdog-period-ms", Long.toString(Math.max(1000, Long.parseLong(watchdogMicros) / 2000)));
            }
        }
    }
}

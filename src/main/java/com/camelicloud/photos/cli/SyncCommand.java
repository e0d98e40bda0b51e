package com.camelicloud.photos.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import com.camelicloud.photos.verify.VerifySchedule;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sync}: the default command, with kei's flags. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Download new and changed photos from iCloud into a folder (the default command).")
public class SyncCommand implements Callable<Integer> {

    @Mixin
    AccountOptions account = new AccountOptions();

    @Mixin
    CopyOptions copy = new CopyOptions();

    @Option(names = "--no-incremental", description = "List the whole library instead of asking iCloud what changed; downloads nothing already present")
    boolean noIncremental;

    @Option(names = "--max-download-attempts", paramLabel = "N", description = "Retry an item in later runs until a file of it failed N times (default 10)")
    Integer maxDownloadAttempts;

    @Option(names = "--retry-failed", description = "Only retry items whose files failed before")
    boolean retryFailed;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write a JSON summary of each cycle to FILE")
    Path reportJson;

    @Mixin
    OpsOptions ops = new OpsOptions();

    @Option(names = "--dry-run", description = "Show what would be downloaded; write no file, state or token")
    boolean dryRun;

    @Option(names = "--only-print-filenames", description = "Print the paths that would be written, one per line, and nothing else; implies --dry-run")
    boolean onlyPrintFilenames;

    @Option(names = "--no-progress-bar", description = "Log plain lines instead of drawing a progress bar")
    boolean noProgressBar;

    @Option(names = "--watch-with-interval", paramLabel = "SECONDS", description = "Keep running and sync every SECONDS (at least 60)")
    Integer watchInterval;

    @Option(names = "--cron", paramLabel = "EXPR", description = "Keep running and sync on a Quartz cron schedule, e.g. \"0 0 * * * ?\"")
    String cron;

    @Option(names = "--verify-interval", paramLabel = "INTERVAL", description = "Watch mode: check the destination against the state on the first cycle and then every INTERVAL (default 1d; 12h, 7d, or off), sizes only, and fetch again what is missing or damaged")
    String verifyInterval;

    private final Io io;

    public SyncCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return Commands.run(io, account, () -> {
            AccountSettings settings = new AccountSettings(account);
            Map<String, Object> properties = properties(settings);
            boolean progressBar = io.interactive() && !noProgressBar && !onlyPrintFilenames;
            Logging.configure(settings.logLevel, progressBar);
            try (AccountLock lock = AccountLock.acquire(settings.dataDir, settings.username)) {
                return new SyncRunner(settings, properties, io, progressBar, isWatch(), ops.pidFile).run();
            }
        });
    }

    boolean isWatch() {
        return watchInterval != null || cron != null;
    }

    /** Checks the sync flags and maps them onto the routes' property names. */
    Map<String, Object> properties(AccountSettings settings) {
        Map<String, Object> properties = copy.properties(settings);
        if (noIncremental) {
            properties.put("sync.full-enumeration", "true");
        }
        if (retryFailed) {
            properties.put("sync.retry-failed", "true");
        }
        Flags.range(properties, "--max-download-attempts", maxDownloadAttempts, "download.max-download-attempts", 1, 1_000);
        if (reportJson != null) {
            Path report = reportJson.toAbsolutePath().normalize();
            properties.put("report.directory", report.getParent().toString());
            properties.put("report.file-name", report.getFileName().toString());
        }
        if (dryRun || onlyPrintFilenames) {
            properties.put("sync.dry-run", "true");
        }
        if (onlyPrintFilenames) {
            properties.put("sync.only-print-filenames", "true");
        }
        if (watchInterval != null && cron != null) {
            throw new UsageException("give either --watch-with-interval or --cron, not both");
        }
        Duration interval = null;
        if (watchInterval != null) {
            interval = Duration.ofSeconds(watchInterval);
            if (watchInterval < Schedules.MIN_INTERVAL.toSeconds()) {
                throw new UsageException("--watch-with-interval must be at least 60 seconds, not " + watchInterval
                        + ": Apple throttles accounts that poll more often");
            }
            // A cycle longer than the interval is followed by the next regular fire, not by a burst of missed ones.
            properties.put("sync.schedule", "trigger.repeatInterval=" + watchInterval * 1000L
                    + "&trigger.repeatCount=-1&trigger.misfireInstruction=4");
        }
        if (cron != null) {
            properties.put("sync.schedule", "cron=" + Schedules.quartzCron(cron));
            interval = Schedules.cronInterval(cron);
        }
        ops.apply(properties, interval);
        if (verifyInterval != null) {
            if (interval == null) {
                throw new UsageException("--verify-interval needs watch mode (--watch-with-interval or --cron); "
                        + "for a one-off check run the verify command");
            }
            try {
                VerifySchedule.parse(verifyInterval);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--verify-interval: " + e.getMessage());
            }
            properties.put("verify.interval", verifyInterval.trim());
        }
        if (interval != null) {
            properties.put("verify.periodic", "true");
        }
        return properties;
    }
}

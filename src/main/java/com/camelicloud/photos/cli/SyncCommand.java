package com.camelicloud.photos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sync}: the default command, with kei's flags. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Download new and changed photos from iCloud into a folder (the default command).")
public class SyncCommand implements Callable<Integer> {

    @Mixin
    AccountOptions account = new AccountOptions();

    @Mixin
    SavePasswordFlag save = new SavePasswordFlag();

    @Mixin
    CopyOptions copy = new CopyOptions();

    @Option(names = "--no-incremental", description = "List the whole library instead of asking iCloud what changed; downloads nothing already present")
    boolean noIncremental;

    @Option(names = "--max-download-attempts", paramLabel = "N", description = "Retry a file iCloud failed to deliver in later runs until it failed N times (default 10); it is reported as missing until fetched")
    Integer maxDownloadAttempts;

    @Option(names = "--retry-failed", description = "Only retry the files that failed before, given up or forgotten ones too, with a fresh count of attempts")
    boolean retryFailed;

    @Option(names = "--forget-failed", description = "Stop retrying and reporting the files that failed before, until their item changes in iCloud or --retry-failed")
    boolean forgetFailed;

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

    @Option(names = "--verify-interval", paramLabel = "INTERVAL", description = "Watch mode: check the destination against the state on the first cycle and then every INTERVAL (default 1d; e.g. 12h, 7d, or off), sizes only, and fetch again what is missing or damaged")
    String verifyInterval;

    @Spec
    CommandSpec spec;

    private final Io io;

    public SyncCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return Commands.run(io, account, () -> {
            List<AccountsFile.Account> accounts = account.config == null || !Files.isRegularFile(account.config)
                    ? List.of() : AccountsFile.read(account.config);
            if (!accounts.isEmpty()) {
                return new AccountsSync(this, io, spec, account, accounts).run();
            }
            boolean progressBar = io.interactive() && !noProgressBar && !onlyPrintFilenames;
            Logging.configure(AccountSettings.logLevel(account), progressBar);
            Settings settings = Commands.settings(io, spec, account);
            AccountSettings accountSettings = new AccountSettings(account, settings);
            Map<String, Object> properties = properties(accountSettings, settings);
            try (AccountLock lock = AccountLock.acquire(accountSettings.dataDir, accountSettings.username)) {
                return new SyncRunner(accountSettings, accountSettings.passwordSource(save.savePassword), properties,
                        io, progressBar, isWatch(), ops.pidFile).run();
            }
        });
    }

    boolean isWatch() {
        return watchInterval != null || cron != null;
    }

    /**
     * The routes' properties: the checked settings, and what the command line derives from them (the destination's
     * parts from {@code -d}, the schedule from {@code --watch-with-interval} or {@code --cron}...).
     */
    Map<String, Object> properties(AccountSettings account, Settings settings) {
        copy.apply(account, settings);
        if (settings.isTrue("sync.retry-failed") && settings.isTrue("sync.forget-failed")) {
            throw new UsageException("give either --retry-failed or --forget-failed, not both");
        }
        if (reportJson != null) {
            Path report = reportJson.toAbsolutePath().normalize();
            settings.derive("report.directory", report.getParent().toString());
            settings.derive("report.file-name", report.getFileName().toString());
        }
        if (settings.isTrue("sync.only-print-filenames")) {
            settings.derive("sync.dry-run", "true");
        }
        if (watchInterval != null && cron != null) {
            throw new UsageException("give either --watch-with-interval or --cron, not both");
        }
        boolean retrying = settings.isTrue("sync.retry-failed");
        if (isWatch() && (retrying || settings.isTrue("sync.forget-failed"))) {
            throw new UsageException((retrying ? "--retry-failed" : "--forget-failed") + " is for one run; "
                    + "leave it out of --watch-with-interval and --cron");
        }
        if (settings.isTrue("cluster.enabled")) {
            checkCluster(settings);
        }
        Duration interval = null;
        if (watchInterval != null) {
            interval = Duration.ofSeconds(watchInterval);
            if (watchInterval < Schedules.MIN_INTERVAL.toSeconds()) {
                throw new UsageException("--watch-with-interval must be at least 60 seconds, not " + watchInterval
                        + ": Apple throttles accounts that poll more often");
            }
            // A cycle longer than the interval is followed by the next regular fire, not by a burst of missed ones.
            settings.derive("sync.schedule", "trigger.repeatInterval=" + watchInterval * 1000L
                    + "&trigger.repeatCount=-1&trigger.misfireInstruction=4");
        }
        if (cron != null) {
            settings.derive("sync.schedule", "cron=" + Schedules.quartzCron(cron));
            interval = Schedules.cronInterval(cron);
        }
        ops.apply(settings, interval);
        if (verifyInterval != null && interval == null) {
            throw new UsageException("--verify-interval is for watch mode (--watch-with-interval or --cron); "
                    + "the verify command checks a copy once");
        }
        // a long-running copy is verified every verify.interval; a one-off sync never is
        settings.derive("verify.periodic", Boolean.toString(interval != null));
        return settings.camelProperties();
    }

    /**
     * A cluster shares one state between its nodes, and runs each account's sync on the node that leads it: a run
     * that ends after one cycle would sync beside that node.
     */
    private void checkCluster(Settings settings) {
        if (!isWatch()) {
            throw new UsageException("cluster.enabled is for a sync that keeps running (--watch-with-interval or "
                    + "--cron): a single run would sync beside the node that leads the account");
        }
        String url = settings.get("state.jdbc-url");
        if (url.isEmpty() || url.startsWith("jdbc:sqlite:")) {
            throw new UsageException("cluster.enabled needs the state on a database server that every node reaches "
                    + "(state.jdbc-url=jdbc:postgresql://…); a SQLite file is one machine's");
        }
    }
}

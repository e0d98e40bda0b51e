package com.camelicloud.photos.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import com.camelicloud.photos.verify.Verifier;
import com.camelicloud.photos.verify.VerifyReport;
import com.camelicloud.photos.verify.VerifyReport.BadCopy;
import com.camelicloud.photos.verify.VerifyReport.CountLine;
import com.camelicloud.photos.verify.VerifyReport.Leftover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: the copy against its sync state (routes/verify.yaml), iCloud's counts beside the state's; with
 * {@code --repair} one sync cycle that fetches what is missing or damaged at its recorded path, and with
 * {@code --rebuild-state} first the rebuild of {@code import-existing --rebuild-state}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the copy in -d against the sync state: every stored file there with its recorded size "
                + "(and SHA-256 with --checksums), no item lacking files, no file the state does not know, no temp file "
                + "left over; and iCloud's counts beside the state's. Exit 0 when all is well, 2 when not.",
                "Give it the flags your sync uses (or the same --config): a repair fetches files the way the sync does."})
public class VerifyCommand implements Callable<Integer> {

    /** Lines per kind of finding; the counts say how many there are in all. */
    static final int MAX_LINES = 200;

    @Mixin
    AccountOptions account = new AccountOptions();

    @Mixin
    CopyOptions copy = new CopyOptions();

    @Option(names = "--checksums", description = "Also recompute each stored file's SHA-256 and compare it with the recorded one (reads every file; on S3 and SFTP downloads it)")
    boolean checksums;

    @Option(names = "--repair", description = "Fetch missing and damaged files again at their recorded paths and remove left-over temp files; unexpected files are only reported")
    boolean repair;

    @Option(names = "--rebuild-state", description = "First move this destination's state database aside (kept, not "
            + "deleted) and rebuild it as import-existing --rebuild-state does, from a full listing and the files "
            + "already in -d, downloading none; then verify the copy against the new state")
    boolean rebuildState;

    @Option(names = "--no-progress-bar", description = "Log plain lines instead of drawing a progress bar")
    boolean noProgressBar;

    @Spec
    CommandSpec spec;

    private final Io io;

    public VerifyCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return Commands.run(io, account, () -> {
            boolean progressBar = io.interactive() && !noProgressBar;
            Logging.configure(AccountSettings.logLevel(account), progressBar);
            Settings settings = Commands.settings(io, spec, account);
            AccountSettings accountSettings = new AccountSettings(account, settings);
            Map<String, Object> properties = properties(accountSettings, settings);
            try (AccountLock lock = AccountLock.acquire(accountSettings.dataDir, accountSettings.username)) {
                return new SyncRunner(accountSettings, accountSettings.passwordSource(false), properties, io,
                        progressBar, this::verify).run();
            }
        });
    }

    /**
     * The routes' properties: the sync's, with the schedule off. Verify runs at most one sync cycle, itself: the
     * rebuild ({@code --rebuild-state}), or the repair, which only looks up the items the check marked.
     */
    Map<String, Object> properties(AccountSettings account, Settings settings) {
        if (rebuildState && repair) {
            throw new UsageException("--rebuild-state and --repair go one after the other: rebuild the state first, "
                    + "then run verify --repair");
        }
        copy.apply(account, settings);
        settings.derive("sync.scheduled", "false");
        if (rebuildState) {
            ImportExistingCommand.configure(settings, true);
        } else if (repair) {
            settings.derive("sync.repair", "true");
        }
        return settings.camelProperties();
    }

    private int verify(RunningRoutes routes) throws Exception {
        if (rebuildState) {
            int rebuilt = cycle(routes);
            if (rebuilt != ExitCode.SUCCESS && rebuilt != ExitCode.PARTIAL) {
                return rebuilt;
            }
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put("CamelICloudPhotosVerifyChecksums", checksums);
        headers.put("CamelICloudPhotosVerifyCounts", true);
        headers.put("CamelICloudPhotosVerifyRepair", repair);
        headers.put("CamelICloudPhotosVerifyCleanUp", repair);
        VerifyReport report = routes.context().createFluentProducerTemplate().to("direct:verify")
                .withHeaders(headers).request(VerifyReport.class);
        print(report);
        if (!repair) {
            return verdict(report);
        }
        int repairable = report.getRepairRows().size();
        if (repairable > 0 || report.getIncompleteItems() > 0) {
            io.err().println("Fetching " + repairable + " missing or damaged file(s) again at their paths"
                    + (report.getIncompleteItems() > 0 ? ", and the files " + report.getIncompleteItems()
                    + " incomplete item(s) lack" : "") + "...");
            int repaired = cycle(routes);
            if (repaired != ExitCode.SUCCESS && repaired != ExitCode.PARTIAL) {
                return repaired;
            }
        }
        routes.context().getRegistry().lookupByNameAndType("verifier", Verifier.class).recheck(report);
        printRepair(report, repairable);
        return verdict(report);
    }

    /** Runs the one sync cycle of this verify and prints its summary, as a one-off sync ends. */
    private static int cycle(RunningRoutes routes) throws InterruptedException {
        routes.context().createProducerTemplate().sendBody("direct:sync-cycle", null);
        routes.awaitCycle();
        return routes.exitCode();
    }

    private int verdict(VerifyReport report) {
        PrintStream out = io.out();
        if (report.isAllWell()) {
            out.println("All well.");
            return ExitCode.SUCCESS;
        }
        out.println(report.isRepaired() ? "Not all well: see above." : "Not all well"
                + (report.getBadCopies().stream().anyMatch(BadCopy::repairable) || !report.getLeftovers().isEmpty()
                || report.getIncompleteItems() > 0 ? "; verify --repair fetches what is missing or damaged and removes "
                + "the temp files." : "."));
        return ExitCode.PARTIAL;
    }

    private void print(VerifyReport report) {
        PrintStream out = io.out();
        out.printf(Locale.ROOT, "Verified %s: %d stored files (%s), sizes compared%s.%n", report.getDestination(),
                report.getStoredFiles(), ProgressDisplay.bytes(report.getStoredBytes()), report.isChecksums()
                        ? ", SHA-256 recomputed for " + report.getHashed()
                        + (report.getWithoutRecordedHash() > 0 ? " (" + report.getWithoutRecordedHash()
                        + " have no recorded SHA-256)" : "") : "");
        lines(out, report.getBadCopies(), copy -> label(copy) + copy.path() + ": " + copy.detail()
                + (copy.repairable() ? "" : "; " + copy.notRepairable()));
        lines(out, report.getUnexpected(), path -> "unexpected  " + path + " (recorded nowhere; left alone)");
        lines(out, report.getLeftovers(), leftover -> "temp file   " + describe(leftover));
        out.printf(Locale.ROOT, "Missing: %d, damaged: %d, unexpected: %d, left-over temp files: %d.%n",
                report.missing(), report.damaged(), report.getUnexpected().size(), report.getLeftovers().size());
        if (report.getIncompleteItems() > 0) {
            out.printf(Locale.ROOT, "Incomplete: %d item(s) of the library lack files this copy never held (downloads "
                    + "that failed, or files a rebuild did not find); `status` lists the failed ones.%n",
                    report.getIncompleteItems());
        }
        printCounts(out, report);
    }

    private static void printCounts(PrintStream out, VerifyReport report) {
        if (report.getCountsUnavailable() != null) {
            out.println("iCloud's counts are not available: " + report.getCountsUnavailable());
            return;
        }
        if (report.getCounts().isEmpty()) {
            return;
        }
        out.println("iCloud's counts beside this copy's state (a difference is a hint, not proof: iCloud's counts "
                + "are known to differ from what it lists):");
        out.printf(Locale.ROOT, "  %-44s %-7s %9s %9s %9s%n", "Library", "Kind", "iCloud", "State", "Complete");
        for (CountLine line : report.getCounts()) {
            out.printf(Locale.ROOT, "  %-44s %-7s %9s %9d %9d%n", line.library(), line.kind(),
                    line.icloud() == null ? "?" : line.icloud().toString(), line.recorded(), line.complete());
        }
    }

    private void printRepair(VerifyReport report, int repairable) {
        PrintStream out = io.out();
        long notFixed = report.getStillBad().stream().filter(BadCopy::repairable).count();
        out.printf(Locale.ROOT, "Repair: %d of %d file(s) fetched again at their paths; %d of %d temp file(s) removed.%n",
                repairable - notFixed, repairable, report.getLeftovers().size() - report.getLeftoversKept().size(),
                report.getLeftovers().size());
        lines(out, report.getStillBad(), copy -> "still " + label(copy).trim() + " " + copy.path()
                + (copy.repairable() ? ": could not be fetched again (see the log; the next sync retries it)"
                : ": " + copy.notRepairable()));
        lines(out, report.getLeftoversKept(), leftover -> "kept temp file " + describe(leftover));
        if (report.getIncompleteItems() > 0 || report.getIncompleteAfterRepair() > 0) {
            out.printf(Locale.ROOT, "Incomplete items: %d before the repair, %d after it%s.%n",
                    report.getIncompleteItems(), report.getIncompleteAfterRepair(),
                    report.getIncompleteAfterRepair() > 0 ? " (see the log and `status`)" : "");
        }
    }

    private static String label(BadCopy copy) {
        return copy.damage() == VerifyReport.Damage.MISSING ? "missing     " : "damaged     ";
    }

    private static String describe(Leftover leftover) {
        return switch (leftover.place()) {
            case DESTINATION -> leftover.path();
            case STAGING -> leftover.path() + " (staging folder)";
            case UPLOAD -> leftover.path() + " (unfinished upload)";
        };
    }

    private static <T> void lines(PrintStream out, List<T> items, Function<T, String> line) {
        items.stream().limit(MAX_LINES).forEach(item -> out.println("  " + line.apply(item)));
        if (items.size() > MAX_LINES) {
            out.println("  ... and " + (items.size() - MAX_LINES) + " more");
        }
    }
}

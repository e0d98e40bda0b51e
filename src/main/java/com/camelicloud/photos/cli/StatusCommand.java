package com.camelicloud.photos.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.camelicloud.photos.auth.SessionState;
import com.camelicloud.photos.auth.SessionStore;
import com.camelicloud.photos.destination.DestinationUri;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.state.LastSync;
import com.camelicloud.photos.state.LibraryTotals;
import com.camelicloud.photos.state.MissingFiles;
import com.camelicloud.photos.state.StateDatabase;
import com.camelicloud.photos.state.StateLocation;
import com.camelicloud.photos.state.SyncStateRepository;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code status}: what each destination of an account holds, read from the data directory alone (no network, no
 * lock, nothing written), so it also answers while a sync runs or iCloud is out of reach.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show, from the data directory and without asking iCloud, each destination of the account: per "
                + "library its items, files and bytes; the files missing and why; the last sync and its result; and "
                + "how many days the two-factor trust of this machine lasts. Exit code 2 when files are missing.")
public class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Mixin
    AccountOptions account = new AccountOptions();

    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Only this destination (as given to sync -d)")
    String directory;

    private final Io io;

    public StatusCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        return Commands.run(io, account, () -> {
            AccountSettings settings = Commands.account(io, spec, account);
            Optional<DestinationUri> wanted = Optional.ofNullable(directory).map(this::destination);
            DataDirectory data = new DataDirectory(settings.dataDir);
            PrintStream out = io.out();
            out.println("Account " + settings.username + " (data directory " + settings.dataDir + ")");
            out.println(trust(data.sessionFile(settings.username)));
            List<StateLocation> states = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (Path file : data.databaseFiles(settings.username)) {
                StateLocation state = StateLocation.existing(file);
                if (wanted.isEmpty() || wanted.get().names(state.destinationIdentity())) {
                    states.add(state);
                } else {
                    others.add(state.destinationIdentity() == null ? file.toString() : state.destinationIdentity());
                }
            }
            if (states.isEmpty()) {
                throw new UsageException(wanted.map(uri -> "no sync to " + uri + " is recorded in " + settings.dataDir
                        + (others.isEmpty() ? "" : "; destinations recorded: " + String.join(", ", others)))
                        .orElse("no sync of " + settings.username + " is recorded in " + settings.dataDir
                                + "; run sync first"));
            }
            int defaultAttempts = Integer.parseInt(settings.setting("download.max-download-attempts"));
            boolean keepsHidden = "keep".equals(settings.setting("policy.on-hidden"));
            boolean missing = false;
            for (StateLocation state : states) {
                out.println();
                missing |= destination(out, state, defaultAttempts, keepsHidden);
            }
            return missing ? ExitCode.PARTIAL : ExitCode.SUCCESS;
        });
    }

    private DestinationUri destination(String value) {
        try {
            return DestinationUri.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** How long Apple trusts this machine, from the session file: what {@code login} renews. */
    private static String trust(Path sessionFile) {
        if (!Files.exists(sessionFile)) {
            return "Not signed in: run `login`";
        }
        SessionState session;
        try {
            session = new SessionStore(sessionFile).load();
        } catch (UncheckedIOException e) {
            return "Session: " + e.getMessage();
        }
        if (session.trustToken == null) {
            return "Two-factor trust: none stored; the next sign-in asks for a code";
        }
        return session.trustDaysLeft(Instant.now()).map(days -> days >= 0
                        ? "Two-factor trust: about " + MissingFilesText.plural(days, "more day")
                        + " (`login` renews it)"
                        : "Two-factor trust: lapsed about " + MissingFilesText.plural(-days, "day")
                        + " ago; the next sign-in asks for a code (run `login`)")
                .orElse("Two-factor trust: stored, since an unknown date");
    }

    /**
     * Prints one destination; true when it lacks files.
     *
     * @param keepsHidden hidden photos are part of the copy (policy.on-hidden keep, from a --config file or the
     *                    default): their missing files count
     */
    private static boolean destination(PrintStream out, StateLocation state, int defaultAttempts, boolean keepsHidden) {
        out.println("Destination " + (state.destinationIdentity() != null ? state.destinationIdentity()
                : "unknown (a state kept before each destination had its own; the next sync to it records which)"));
        out.println("  State database: " + state.describe());
        SingleConnectionDataSource connection = StateDatabase.readOnly(state);
        try {
            SyncStateRepository repository = new SyncStateRepository(connection, state);
            Optional<LastSync> last = repository.lastSync();
            out.println("  Last sync: " + last.map(StatusCommand::lastSync).orElse("not recorded (recorded from this "
                    + "version on)"));
            MissingFiles files = repository.missingFiles(last.map(LastSync::maxDownloadAttempts).orElse(defaultAttempts),
                    keepsHidden);
            for (LibraryTotals library : repository.libraryTotals()) {
                out.println(String.format(Locale.ROOT, "  Library %s%s: %s, %s, %s, %d missing%s", library.library(),
                        "active".equals(library.status()) ? "" : " (" + library.status() + " in iCloud; files kept)",
                        MissingFilesText.plural(library.items(), "item"), MissingFilesText.plural(library.files(), "file"),
                        ProgressDisplay.bytes(library.bytes()), files.byLibrary().getOrDefault(library.library(), 0L),
                        library.freed() == 0 ? "" : "; " + MissingFilesText.plural(library.freed(), "item")
                                + " moved to iCloud's Recently Deleted to free space, their copies kept"));
            }
            out.println(files.total() == 0 ? "  Missing files: none"
                    : "  Missing files: " + MissingFilesText.headline(files) + ":"
                    + MissingFilesText.lines(files, MissingFiles.LISTED, "    "));
            if (files.forgotten() > 0) {
                out.println("  Forgotten: " + MissingFilesText.plural(files.forgotten(), "file") + " that failed, "
                        + "neither retried nor reported (`sync --retry-failed` tries them again)");
            }
            return files.total() > 0;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the state database " + state.describe() + " cannot be read: "
                    + Commands.describe(e), e);
        } finally {
            connection.destroy();
        }
    }

    private static String lastSync(LastSync last) {
        StringBuilder text = new StringBuilder(time(last.finished())).append(", ").append(last.status())
                .append(" after ").append(Duration.between(last.started(), last.finished()).toSeconds()).append(" s");
        if ("success".equals(last.status()) || "partial".equals(last.status())) {
            text.append(": ").append(MissingFilesText.plural(last.filesDownloaded(), "file")).append(" downloaded (")
                    .append(ProgressDisplay.bytes(last.bytesDownloaded())).append("), ").append(last.filesFailed())
                    .append(" failed");
        } else if (last.error() != null) {
            text.append(": ").append(last.error());
        }
        if (!"success".equals(last.status()) && !"partial".equals(last.status())) {
            text.append(last.lastSuccess() == null ? "; no sync has completed yet"
                    : "; last completed " + time(last.lastSuccess()));
        }
        return text.toString();
    }

    private static String time(Instant instant) {
        return TIME.format(instant.atZone(ZoneId.systemDefault()));
    }
}

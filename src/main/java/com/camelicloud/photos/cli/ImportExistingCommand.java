package com.camelicloud.photos.cli;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import-existing}: a sync that lists the library in full and adopts the files already in the destination
 * (written by icloudpd, kei, or this tool under a state that was lost) instead of downloading them. It takes the
 * flags of {@code sync}, so the layout and content settings it matches against are the ones later syncs use.
 */
@Command(name = "import-existing", mixinStandardHelpOptions = true,
        description = {"Adopt the files already in -d (written by icloudpd or kei, or by this tool before its state was "
                + "lost) into the state without downloading them. Files are matched by path, size and capture date; "
                + "what is not matched is listed and downloaded by the next sync. Takes the flags of sync.",
                "--dry-run shows the plan; --rebuild-state first moves a state database that cannot be used aside."})
public class ImportExistingCommand extends SyncCommand {

    @Option(names = "--rebuild-state", description = "Move this destination's state database aside (it is kept, "
            + "not deleted) and build a new one from a full listing and the files already in -d: the way out of a "
            + "damaged state, or one a newer version wrote")
    boolean rebuildState;

    public ImportExistingCommand(Io io) {
        super(io);
    }

    @Override
    Map<String, Object> properties(AccountSettings account, Settings settings) {
        if (isWatch()) {
            throw new UsageException("import-existing runs once: --watch-with-interval and --cron are for sync");
        }
        if (settings.isTrue("sync.retry-failed") || settings.isTrue("sync.only-print-filenames")) {
            throw new UsageException("import-existing downloads nothing: --retry-failed and --only-print-filenames are "
                    + "for sync; --dry-run shows what import-existing would adopt");
        }
        configure(settings, rebuildState);
        return super.properties(account, settings);
    }

    /**
     * The settings of an import: a full listing that adopts and downloads nothing; with {@code rebuildState}, the
     * destination's state database is moved aside first. For any command that offers {@code --rebuild-state}.
     */
    static void configure(Settings settings, boolean rebuildState) {
        settings.derive("sync.import-existing", "true");
        settings.derive("sync.full-enumeration", "true");
        if (rebuildState) {
            settings.derive("state.rebuild", "true");
        }
    }
}

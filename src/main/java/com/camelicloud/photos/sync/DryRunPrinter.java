package com.camelicloud.photos.sync;

import java.io.PrintStream;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.LocalDestination;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a dry run says instead of writing: with {@code --only-print-filenames}, exactly the paths that
 * would be written, one per line on stdout and nothing else; otherwise a log line per file. It stands in for the
 * changes to stored files ({@link FileChanges}) and, in the dry run's routes ({@code routes/dry-run.yaml}), for the
 * downloads and the moves to Recently Deleted.
 */
public class DryRunPrinter implements FileChanges {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelicloud.photos.progress");

    private final boolean onlyPrintFilenames;
    private final Destination destination;

    public DryRunPrinter(boolean onlyPrintFilenames, Destination destination) {
        this.onlyPrintFilenames = onlyPrintFilenames;
        this.destination = destination;
    }

    /** Called for every file a real run would download. */
    public void wouldDownload(@Body FileTask task) {
        String path = absolute(task.getRelativePath());
        if (onlyPrintFilenames) {
            print(path);
        } else {
            LOG.info("Dry run: would download {} ({} bytes)", path, task.getResource().size());
        }
    }

    /** A move writes its new path, which {@code --only-print-filenames} prints. */
    @Override
    public void move(String from, String to, String why) {
        if (onlyPrintFilenames) {
            print(absolute(to));
        } else {
            LOG.info("Dry run: would move {} to {} ({})", absolute(from), absolute(to), why);
        }
    }

    @Override
    public void delete(String path, String why) {
        if (!onlyPrintFilenames) {
            LOG.info("Dry run: would delete {} ({})", absolute(path), why);
        }
    }

    /** An album link or copy ({album} layouts) writes its path, which {@code --only-print-filenames} prints. */
    @Override
    public void link(String stored, String link, boolean hardLink, String why) {
        if (onlyPrintFilenames) {
            print(absolute(link));
        } else {
            LOG.info("Dry run: would link {} into {} ({})", absolute(stored), absolute(link), why);
        }
    }

    @Override
    public void unlink(String link, String why) {
        delete(link, why);
    }

    @Override
    public boolean committed() {
        return false;
    }

    /** Called for every item a real run would move to iCloud's Recently Deleted (not a file: nothing on stdout). */
    public void wouldFree(@Body FreeSpaceBatch batch) {
        for (FreeSpaceItem item : batch.getItems()) {
            if (item.outcome() == FreeSpaceItem.Outcome.ELIGIBLE && !onlyPrintFilenames) {
                LOG.info("Dry run: would move {} to iCloud's Recently Deleted; its copy stays: {}", item,
                        String.join(", ", item.files().stream().map(file -> absolute(file.path())).toList()));
            }
        }
    }

    private String absolute(String relativePath) {
        return destination instanceof LocalDestination local ? local.resolve(relativePath).toString()
                : destination.describe() + "/" + relativePath;
    }

    private static void print(String path) {
        PrintStream out = System.out;
        synchronized (out) {
            out.println(path);
            out.flush();
        }
    }
}

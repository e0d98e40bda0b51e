package com.camelicloud.photos.sync;

import java.io.PrintStream;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.LocalDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a dry run says instead of writing: with {@code --only-print-filenames}, exactly the paths that
 * would be written, one per line on stdout and nothing else; otherwise a log line per file.
 */
public class DryRunPrinter {

    private static final Logger LOG = LoggerFactory.getLogger("com.camelicloud.photos.progress");

    private final boolean onlyPrintFilenames;
    private final Destination destination;

    public DryRunPrinter(boolean onlyPrintFilenames, Destination destination) {
        this.onlyPrintFilenames = onlyPrintFilenames;
        this.destination = destination;
    }

    /** Called for every file a real run would download, or move to the path new layout settings give it. */
    public void wouldWrite(FileTask task) {
        String path = absolute(task.getRelativePath());
        if (onlyPrintFilenames) {
            print(path);
        } else if (task.isMove()) {
            LOG.info("Dry run: would move {} to {}", absolute(task.getMovesFrom()), path);
        } else {
            LOG.info("Dry run: would download {} ({} bytes)", path, task.getResource().size());
        }
    }

    /** Called for every album link or copy a real run would place ({album} layouts). */
    public void wouldLink(String storedPath, String linkPath) {
        String path = absolute(linkPath);
        if (onlyPrintFilenames) {
            print(path);
        } else {
            LOG.info("Dry run: would link {} into {}", absolute(storedPath), path);
        }
    }

    /** Called for every item a real run would move to iCloud's Recently Deleted (not a file: nothing on stdout). */
    public void wouldFree(FreeSpaceBatch batch) {
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

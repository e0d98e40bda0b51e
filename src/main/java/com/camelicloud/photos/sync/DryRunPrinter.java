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

    /** Called for every file a real run would download. */
    public void wouldWrite(FileTask task) {
        String path = destination instanceof LocalDestination local ? local.resolve(task.getRelativePath()).toString()
                : destination.describe() + "/" + task.getRelativePath();
        if (onlyPrintFilenames) {
            PrintStream out = System.out;
            synchronized (out) {
                out.println(path);
                out.flush();
            }
        } else {
            LOG.info("Dry run: would download {} ({} bytes)", path, task.getResource().size());
        }
    }
}

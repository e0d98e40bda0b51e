package com.camelicloud.photos.sync;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.LocalDestination;

/**
 * The local copy of a downloaded file around its publishing: for a folder destination the published file
 * itself (the temp copy was renamed into place); for S3 and SFTP the uploaded temp copy, deleted once the
 * route is done with it.
 */
public class Staging {

    private final Destination destination;

    public Staging(Destination destination) {
        this.destination = destination;
    }

    /** What the {@code file-published} hook receives as its body. */
    public File localCopy(FileTask task, File staged) {
        return destination instanceof LocalDestination local ? local.fileOf(task.getRelativePath()) : staged;
    }

    /** Removes the temp copy an upload left behind (a rename leaves nothing). */
    public void discard(File staged) {
        try {
            Files.deleteIfExists(staged.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temp copy " + staged + ": " + e.getMessage(), e);
        }
    }
}

package com.camelicloud.photos.library;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.Optional;

/** Exclusive locks on local files, the way the account lock and the partial downloads take them. */
public final class FileLocks {

    private FileLocks() {
    }

    /**
     * An exclusive lock on {@code channel}'s file, or empty when another process holds one, or this JVM does (which
     * Java reports with an exception rather than a null lock).
     */
    public static Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        try {
            return Optional.ofNullable(channel.tryLock());
        } catch (OverlappingFileLockException heldHere) {
            return Optional.empty();
        }
    }
}

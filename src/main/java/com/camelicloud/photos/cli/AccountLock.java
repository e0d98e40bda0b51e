package com.camelicloud.photos.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.library.FileLocks;
import com.camelicloud.photos.state.PrivateFiles;

/** One process per account at a time: two writers would corrupt the session file and race on tokens. */
final class AccountLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private AccountLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static AccountLock acquire(Path dataDir, String username) {
        return tryAcquire(dataDir, username).orElseThrow(() -> new UsageException(
                "another camel-icloud-photos is already running for " + username + " (lock file "
                        + new DataDirectory(dataDir).lockFile(username) + ")"));
    }

    /** The lock, or empty when another process holds it. */
    static Optional<AccountLock> tryAcquire(Path dataDir, String username) {
        Path file = new DataDirectory(dataDir).lockFile(username);
        try {
            PrivateFiles.createPrivateDirectory(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Optional<FileLock> lock = FileLocks.tryLock(channel);
            if (lock.isEmpty()) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new AccountLock(channel, lock.get()));
        } catch (IOException e) {
            throw new UsageException("cannot use the data directory " + dataDir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending; the OS releases the lock anyway
        }
    }
}

package com.camelicloud.photos.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code --pid-file}: the process id for service managers, removed at exit. A file naming another live process
 * is never overwritten (that process may be a second copy of this sync); one left by a dead process is.
 */
final class PidFile implements AutoCloseable {

    private final Path file;
    private final long pid;

    private PidFile(Path file, long pid) {
        this.file = file;
        this.pid = pid;
    }

    /** Writes this process's id to {@code file}; a null file means no PID file. */
    static PidFile write(Path file) {
        long self = ProcessHandle.current().pid();
        if (file == null) {
            return new PidFile(null, self);
        }
        Optional<Long> owner = readPid(file);
        if (owner.isPresent() && owner.get() != self && ProcessHandle.of(owner.get()).filter(ProcessHandle::isAlive).isPresent()) {
            throw new UsageException("--pid-file " + file + " belongs to the running process " + owner.get()
                    + "; stop it first or choose another file");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".pid", ".tmp");
            Files.writeString(temp, self + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageException("cannot write --pid-file " + file + ": " + e.getMessage());
        }
        return new PidFile(file, self);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still names this process. */
    @Override
    public void close() {
        if (file != null && readPid(file).filter(owner -> owner == pid).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the process is ending; a stale file is recognised as dead next time
            }
        }
    }
}

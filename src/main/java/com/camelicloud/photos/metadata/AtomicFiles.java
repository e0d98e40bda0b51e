package com.camelicloud.photos.metadata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sibling temp files, fsync and atomic replacement. */
final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Creates a new empty file next to {@code file}, named {@code <stem>.meta-<random><.ext>}: it keeps the file's
     * last extension, so a leftover from a crash ends in the download temp suffix and the temp directory's stale-file
     * clean-up removes it.
     */
    static Path createSibling(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return create(file, stem + ".meta-", extension);
    }

    /**
     * Creates a new empty hidden file next to {@code file}, named {@code .<name>.<random>.tmp}, for files published
     * into the destination (sidecars), where a leftover must not look like a photo's sidecar.
     */
    static Path createHiddenSibling(Path file) throws IOException {
        return create(file, "." + file.getFileName() + ".", ".tmp");
    }

    private static Path create(Path file, String prefix, String suffix) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[6];
            RANDOM.nextBytes(random);
            Path candidate = directory.resolve(prefix + HexFormat.of().formatHex(random) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** A buffered stream over a sibling made above, replacing whatever it holds. */
    static OutputStream output(Path path) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), 64 * 1024);
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", file, e.toString());
        }
    }

    static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Replaces {@code target} with {@code source} atomically: {@code source} is synced first and takes over the
     * target's POSIX permissions; the directory is synced afterwards (best effort: not every file system can).
     */
    static void replace(Path source, Path target) throws IOException {
        fsync(source);
        copyPermissions(target, source);
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so this only happens on exotic file systems
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view != null && Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                Set<PosixFilePermission> permissions = view.readAttributes().permissions();
                Files.setPosixFilePermissions(to, permissions);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not copy permissions of {}: {}", from, e.toString());
        }
    }

    private static void fsyncDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.trace("Could not sync directory {}: {}", directory, e.toString());
        }
    }
}

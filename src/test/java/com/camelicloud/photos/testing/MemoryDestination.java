package com.camelicloud.photos.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.ListedFile;

/**
 * A {@link Destination} held in memory, for unit tests of the sync's decisions without a disk. It behaves as the
 * folder destination does ({@code DestinationContractTest} holds the two side by side): paths are relative and
 * {@code /}-separated and may not leave the root; a move never replaces a file and is a no-op once done; a link
 * never replaces a file; a hard link is the same file under a second name (a later {@link #store} at either name
 * replaces that name only, as a rename does). Folders exist while they hold a file.
 *
 * <p>{@link #withoutChecksums()} gives a destination that cannot hash a file cheaply, as S3 and SFTP cannot.
 */
public final class MemoryDestination implements Destination {

    private static final Path ROOT = Path.of("/memory");

    /** One stored file; two names share an instance when one is a hard link of the other. */
    private static final class Content {
        private final byte[] bytes;
        private final Instant modified;

        Content(byte[] bytes, Instant modified) {
            this.bytes = bytes.clone();
            this.modified = modified;
        }
    }

    private final String name;
    private final boolean checksums;
    private final Map<String, Content> files = new TreeMap<>();

    public MemoryDestination(String name) {
        this(name, true);
    }

    private MemoryDestination(String name, boolean checksums) {
        this.name = name;
        this.checksums = checksums;
    }

    /** A destination that says nothing about SHA-256, like an object store. */
    public MemoryDestination withoutChecksums() {
        MemoryDestination copy = new MemoryDestination(name, false);
        copy.files.putAll(files);
        return copy;
    }

    // ---- what a test puts there and looks at -----------------------------------------------------------------

    /** Puts a file there, as a user or an earlier run would have; creates its folders. */
    public synchronized MemoryDestination put(String relativePath, byte[] content) {
        String path = key(relativePath);
        makeFolders(path);
        files.put(path, new Content(content, Instant.now()));
        return this;
    }

    /** The bytes at a path, or empty when no file is there. */
    public synchronized Optional<byte[]> bytes(String relativePath) {
        return Optional.ofNullable(files.get(key(relativePath))).map(content -> content.bytes.clone());
    }

    /** Every file, by path. */
    public synchronized List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Whether two names are one file (a hard link), not merely equal bytes. */
    public synchronized boolean isSameFile(String first, String second) {
        Content a = files.get(key(first));
        return a != null && a == files.get(key(second));
    }

    // ---- Destination ----------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<Long> sizeOf(String relativePath) {
        return Optional.ofNullable(files.get(key(relativePath))).map(content -> (long) content.bytes.length);
    }

    @Override
    public synchronized Optional<String> sha256Of(String relativePath) {
        if (!checksums) {
            return Optional.empty();
        }
        String path = key(relativePath);
        Content content = files.get(path);
        if (content == null) {
            // the folder destination cannot read a file that is not there either
            throw new UncheckedIOException("cannot read " + path, new NoSuchFileException(path));
        }
        return Optional.of(sha256(content.bytes));
    }

    @Override
    public synchronized List<ListedFile> listFiles() {
        return files.entrySet().stream()
                .map(entry -> new ListedFile(entry.getKey(), entry.getValue().bytes.length, entry.getValue().modified))
                .toList();
    }

    @Override
    public synchronized Optional<byte[]> head(String relativePath, int maxBytes) {
        return Optional.ofNullable(files.get(key(relativePath)))
                .map(content -> Arrays.copyOf(content.bytes, Math.min(maxBytes, content.bytes.length)));
    }

    @Override
    public synchronized boolean move(String from, String to) {
        String source = key(from);
        String target = key(to);
        if (!files.containsKey(source)) {
            return false;
        }
        if (exists(target)) {
            throw new IllegalStateException("cannot move " + from + " to " + to + ": a different file is already there");
        }
        makeFolders(target);
        files.put(target, files.remove(source));
        return true;
    }

    @Override
    public synchronized boolean delete(String path) {
        String target = key(path);
        if (isFolder(target)) {
            throw new UncheckedIOException("cannot delete " + path + ": a folder that is not empty",
                    new IOException(target));
        }
        return files.remove(target) != null;
    }

    @Override
    public synchronized boolean link(String existing, String target, boolean hardLink) {
        String source = key(existing);
        String link = key(target);
        if (exists(link)) {
            return false;
        }
        Content content = files.get(source);
        if (content == null) {
            throw new UncheckedIOException("cannot link " + existing + " into " + target, new NoSuchFileException(source));
        }
        makeFolders(link);
        // a copy keeps the modification time, as the folder destination's copy does
        files.put(link, hardLink ? content : new Content(content.bytes, content.modified));
        return true;
    }

    @Override
    public synchronized void store(Path source, String relativePath) {
        String target = key(relativePath);
        try {
            byte[] bytes = Files.readAllBytes(source);
            makeFolders(target);
            files.put(target, new Content(bytes, Instant.now()));
            // a rename: the local file is gone afterwards
            Files.delete(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relativePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized InputStream read(String relativePath) {
        String path = key(relativePath);
        Content content = files.get(path);
        if (content == null) {
            throw new UncheckedIOException("cannot read " + path, new NoSuchFileException(path));
        }
        // a reader never writes the array
        return new ByteArrayInputStream(content.bytes);
    }

    @Override
    public String describe() {
        return "memory:" + name;
    }

    // ---- paths ----------------------------------------------------------------------------------------------

    /** The normalised relative path; refuses one that would leave the root, as the folder destination does. */
    private static String key(String relativePath) {
        Path resolved = ROOT.resolve(relativePath).normalize();
        if (!resolved.startsWith(ROOT)) {
            throw new IllegalArgumentException("refusing a path outside the destination: " + relativePath);
        }
        return ROOT.relativize(resolved).toString();
    }

    private boolean exists(String path) {
        return files.containsKey(path) || isFolder(path);
    }

    private boolean isFolder(String path) {
        String prefix = path + "/";
        return files.keySet().stream().anyMatch(file -> file.startsWith(prefix));
    }

    /** A file where a folder of the path should be fails, as creating that folder on a disk does. */
    private void makeFolders(String path) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String folder = path.substring(0, slash);
            if (files.containsKey(folder)) {
                throw new UncheckedIOException("cannot create the folder " + folder + ": a file is there",
                        new IOException(folder));
            }
        }
    }

    /** SHA-256 (hex), as {@link #sha256Of} gives it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
    }
}

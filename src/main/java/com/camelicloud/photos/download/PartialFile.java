package com.camelicloud.photos.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;

import com.camelicloud.photos.library.Sha256;
import com.camelicloud.photos.library.FileLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One temp file being written, held exclusively: claimed in this JVM, created with CREATE_NEW (or adopted when a
 * previous run left it) and locked against other processes. The SHA-256 of its bytes is kept up to date as they
 * are written, so a resumed 7 GB file is hashed once, not once per retry.
 */
final class PartialFile implements AutoCloseable {

    /** Another thread or process is writing this temp file. */
    static final class BusyException extends IOException {
        BusyException(Path path) {
            super("temp file " + path.getFileName() + " is being written by another download");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartialFile.class);
    private static final int HASH_BUFFER = 1 << 16;

    private final Path path;
    private final Path claim;
    private final Set<Path> claims;
    private final FileChannel channel;
    private final FileLock lock;
    private MessageDigest digest = Sha256.newDigest();
    private long length;
    private boolean closed;

    private PartialFile(Path path, Path claim, Set<Path> claims, FileChannel channel, FileLock lock) {
        this.path = path;
        this.claim = claim;
        this.claims = claims;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens the temp file for a resource of {@code expectedSize} bytes. An existing file is kept for resuming only if
     * it is fresh, not longer than expected and does not start like an error page; otherwise it is emptied.
     *
     * @param claims the paths this JVM is writing; shared by all downloads of one downloader
     * @throws BusyException when another thread or process is writing it
     */
    static PartialFile open(Path path, long expectedSize, TempFiles tempFiles, Set<Path> claims) throws IOException {
        Path claim = path.toAbsolutePath().normalize();
        if (!claims.add(claim)) {
            throw new BusyException(path);
        }
        FileChannel channel = null;
        try {
            boolean existed;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                existed = false;
            } catch (FileAlreadyExistsException e) {
                channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                existed = true;
            }
            FileLock lock = FileLocks.tryLock(channel).orElseThrow(() -> new BusyException(path));
            PartialFile file = new PartialFile(path, claim, claims, channel, lock);
            if (existed) {
                file.adopt(expectedSize, tempFiles);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            claims.remove(claim);
            throw e;
        }
    }

    private void adopt(long expectedSize, TempFiles tempFiles) throws IOException {
        long existing = channel.size();
        if (existing == 0) {
            return;
        }
        if (tempFiles.isStale(path)) {
            LOG.debug("Discarding stale temp file {}", path.getFileName());
            reset();
            return;
        }
        if (existing > expectedSize) {
            LOG.debug("Discarding temp file {}: {} bytes, more than the expected {}", path.getFileName(), existing,
                    expectedSize);
            reset();
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER);
        long position = 0;
        while (position < existing) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            buffer.flip();
            digest.update(buffer);
            position += n;
        }
        length = position;
        if (looksLikeErrorBody()) {
            LOG.debug("Discarding temp file {}: it holds an error page", path.getFileName());
            reset();
        } else {
            LOG.debug("Found {} of {} bytes in temp file {}", length, expectedSize, path.getFileName());
        }
    }

    Path path() {
        return path;
    }

    long length() {
        return length;
    }

    /** Appends the buffer's remaining bytes and consumes them. */
    void append(ByteBuffer buffer) throws IOException {
        digest.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            length += channel.write(buffer, length);
        }
    }

    /** Empties the file: its bytes are not a prefix of what the server now serves. */
    void reset() throws IOException {
        channel.truncate(0);
        length = 0;
        digest = Sha256.newDigest();
    }

    /** {@link #reset()} for a download of {@code field}: a disk failure fails it as a local problem. */
    void truncate(String field) {
        try {
            reset();
        } catch (IOException e) {
            throw DownloadException.localIo(field, "cannot truncate temp file " + path, e);
        }
    }

    /** Up to {@link ContentChecks#HEAD_BYTES} bytes from the start of the file. */
    byte[] head() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(ContentChecks.HEAD_BYTES, length));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // keep reading until full
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    boolean looksLikeErrorBody() throws IOException {
        byte[] head = head();
        return ContentChecks.errorBodySignature(head, head.length).isPresent();
    }

    /** Writes everything to the device, so a crash after publishing cannot leave a hole. */
    void force() throws IOException {
        channel.force(true);
    }

    /** Hex SHA-256 of all bytes written; call once, when the file is complete. */
    String sha256Hex() {
        return Sha256.hex(digest);
    }

    /** Releases the file, keeping it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // closing the channel releases it anyway
        }
        closeQuietly(channel);
        claims.remove(claim);
    }

    /** Releases the file after a failure: kept for a resume only if it holds plausible bytes, else deleted. */
    void abandon() {
        if (closed) {
            return;
        }
        boolean useless;
        try {
            useless = length == 0 || looksLikeErrorBody();
        } catch (IOException e) {
            useless = true;
        }
        releaseAndMaybeDelete(useless);
        if (!useless) {
            LOG.debug("Kept {} bytes in {} for a later resume", length, path.getFileName());
        }
    }

    /** Releases and deletes the file: its bytes belong to a version of the resource that no longer applies. */
    void discard() {
        if (!closed) {
            releaseAndMaybeDelete(true);
        }
    }

    private void releaseAndMaybeDelete(boolean delete) {
        closed = true;
        closeQuietly(channel);
        // delete before giving up the claim, so no thread of ours can open the file in between
        if (delete) {
            try {
                Files.deleteIfExists(path);
            } catch (NoSuchFileException gone) {
                // fine
            } catch (IOException e) {
                LOG.warn("Could not delete temp file {}: {}", path, e.toString());
            }
        }
        claims.remove(claim);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a temp file failed: {}", e.toString());
        }
    }

}

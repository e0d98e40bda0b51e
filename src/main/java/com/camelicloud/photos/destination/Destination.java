package com.camelicloud.photos.destination;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The storage the library is copied to, as the policies need it: besides telling what is there, it
 * can move a file (quarantine and back) and delete one. Both are idempotent, so a page replayed after
 * a crash does the same thing again without error.
 */
public interface Destination extends DestinationProbe {

    /**
     * Moves {@code from} to {@code to}, creating folders as needed. Does nothing when {@code from} is gone
     * and {@code to} exists (the move happened before a crash).
     *
     * @return true when a file was moved
     */
    boolean move(String from, String to);

    /** @return true when a file was deleted */
    boolean delete(String path);

    /**
     * Makes {@code existing} also appear at {@code target}: a hard link when {@code hardLink} and the storage
     * allows it, else a copy. Does nothing when {@code target} already exists.
     *
     * @return true when something was created
     */
    boolean link(String existing, String target, boolean hardLink);

    /** Writes a small local file (an XMP sidecar) at {@code relativePath}, replacing what is there. */
    void store(Path source, String relativePath);

    /** The whole file at {@code relativePath}, streamed (verify's checksums); the caller closes the stream. */
    InputStream read(String relativePath);

    /** Uploads begun and never completed, which {@link #listFiles} does not show; only S3 keeps such things. */
    default List<UnfinishedUpload> unfinishedUploads() {
        return List.of();
    }

    /** Discards an upload {@link #unfinishedUploads} reported. */
    default void discard(UnfinishedUpload upload) {
        throw new UnsupportedOperationException(describe() + " has no unfinished uploads");
    }

    /** A name for messages and logs, without credentials. */
    String describe();

    /**
     * What tells this destination apart from every other one (where its files are, never a credential): the sync
     * state is kept per destination under this name.
     */
    default String identity() {
        return describe();
    }

    /** Lets go of what the destination holds open (the S3 client, the SFTP session) when the routes stop. */
    void close();
}

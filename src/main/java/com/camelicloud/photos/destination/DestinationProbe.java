package com.camelicloud.photos.destination;

import java.util.List;
import java.util.Optional;

/**
 * What is already at a path of the destination, so that planning never overwrites a different file
 * and adopts one that is already the right file (a crash between publishing and committing, or a
 * library first downloaded by icloudpd or kei).
 */
public interface DestinationProbe {

    /** The size of the file at {@code relativePath}, if one exists. */
    Optional<Long> sizeOf(String relativePath);

    /** SHA-256 (hex) of the file at {@code relativePath}, when the destination can compute it cheaply. */
    Optional<String> sha256Of(String relativePath);

    /**
     * Whether the file at {@code relativePath} has the size recorded for it: the cheap check that a stored file is
     * still in place (with no size recorded, whether no file is there).
     */
    default boolean hasRecordedSize(String relativePath, Long recordedSize) {
        return sizeOf(relativePath).equals(Optional.ofNullable(recordedSize));
    }

    /** Every file under the destination, in no particular order (hidden folders such as the temp folder included). */
    List<ListedFile> listFiles();

    /**
     * The first {@code maxBytes} bytes of the file at {@code relativePath} (fewer when it is shorter), for reading a
     * file's header without fetching all of it; empty when no file is there.
     */
    Optional<byte[]> head(String relativePath, int maxBytes);
}

package com.camelicloud.photos.destination;

import java.time.Instant;

/**
 * One file found under a destination by {@link DestinationProbe#listFiles()}.
 *
 * @param path     relative to the destination root, {@code /}-separated
 * @param size     in bytes
 * @param modified the file's modification time where the destination keeps one that a writer can set (a folder,
 *                 SFTP); null on S3, whose time is when the object was uploaded
 */
public record ListedFile(String path, long size, Instant modified) {
}

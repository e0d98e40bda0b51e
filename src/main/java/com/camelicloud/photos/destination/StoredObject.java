package com.camelicloud.photos.destination;

/**
 * A file as a listing of the destination sees it.
 *
 * @param path relative to the destination's root, {@code /}-separated
 * @param size in bytes
 */
public record StoredObject(String path, long size) {
}

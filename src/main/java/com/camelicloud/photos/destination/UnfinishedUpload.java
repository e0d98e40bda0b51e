package com.camelicloud.photos.destination;

/**
 * An upload begun and never completed that no listing shows (an S3 multipart upload whose parts the store keeps,
 * and bills, until it is aborted).
 *
 * @param path relative to the destination's root
 * @param id   the store's name for the upload
 */
public record UnfinishedUpload(String path, String id) {
}

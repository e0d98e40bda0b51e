package com.camelicloud.photos.download;

import com.camelicloud.photos.library.Resource;
import java.nio.file.Path;

/**
 * A finished, validated and fsynced download, still under its temp name: the caller publishes it (renames it into
 * place) and owns it from now on.
 *
 * @param resource         the resource as finally downloaded (after a URL refresh, the refreshed one)
 * @param file             the temp file holding exactly {@code size} bytes
 * @param size             its length, equal to the API's {@code size}
 * @param sha256           lower-case hex SHA-256 of the bytes: the only integrity reference there is (§5.14, §8.9)
 * @param attempts         HTTP requests made (0 when a complete temp file from earlier was re-validated)
 * @param urlRefreshed     whether the URL had to be refreshed
 * @param bytesTransferred bytes received from the network in this call (less than {@code size} after a resume)
 */
public record DownloadResult(Resource resource, Path file, long size, String sha256, int attempts,
                             boolean urlRefreshed, long bytesTransferred) {
}

package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.library.Resource;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check of a temp file that holds as many bytes as the API said (docs/protocol.md §8.9): an error page is emptied
 * and refused; media that does not start like its type only deserves a warning, once per type. Shared by the threads
 * of one downloader.
 */
final class CompleteFileCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CompleteFileCheck.class);

    /** UTIs whose magic-bytes mismatch was already reported: warn once, not for every file. */
    private final Set<String> warnedTypes = ConcurrentHashMap.newKeySet();

    /** @throws DownloadException {@code ERROR_BODY} after emptying the file, or {@code LOCAL_IO} */
    void check(PartialFile file, Resource resource) {
        try {
            byte[] head = file.head();
            Optional<String> signature = ContentChecks.errorBodySignature(head, head.length);
            if (signature.isPresent()) {
                file.reset();
                throw DownloadException.of(resource.field(), Reason.ERROR_BODY, 200,
                        "error page served with HTTP 200 (body starts with " + signature.get() + ")");
            }
            warnOnMagicMismatch(head, resource);
        } catch (IOException e) {
            throw DownloadException.localIo(resource.field(), "cannot finish temp file " + file.path().getFileName(),
                    e);
        }
    }

    private void warnOnMagicMismatch(byte[] head, Resource resource) {
        String uti = resource.uti();
        if (ContentChecks.magic(uti, head, head.length) == ContentChecks.Magic.MISMATCH && warnedTypes.add(uti)) {
            LOG.warn("{} of type {} does not start with that type's magic bytes; keeping it anyway (reported once per "
                    + "type)", resource.field(), uti);
        }
    }
}

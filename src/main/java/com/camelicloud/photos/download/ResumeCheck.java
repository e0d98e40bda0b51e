package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.library.Resource;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resuming (docs/protocol.md §8.7): whether a 200 or 206 answer continues the bytes already in the temp file, judged
 * by its headers against the API size before any byte of its body is written. Bytes that the answer shows to belong
 * to another version are discarded.
 */
final class ResumeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ResumeCheck.class);

    /** A body at most this long that contradicts the API size is an error message rather than another version. */
    private static final long ERROR_BODY_MAX = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*",
            Pattern.CASE_INSENSITIVE);

    private ResumeCheck() {
    }

    /**
     * @param offset the bytes asked for with {@code Range}, i.e. the temp file's length when the request went out
     * @return where in the file the body starts: {@code offset} for a fitting 206, 0 for a 200 (the file is emptied)
     */
    static long bodyStart(CdnReply reply, long offset, PartialFile file, Resource resource) {
        int status = reply.status();
        String host = reply.host();
        long size = resource.size();
        OptionalLong contentLength = reply.contentLength();
        if (status == 206) {
            return contentRangeStart(reply, offset, contentLength, file, resource);
        }
        if (contentLength.isPresent() && contentLength.getAsLong() != size) {
            // Nothing is written: an error body must not replace plausible bytes already on disk.
            long got = contentLength.getAsLong();
            throw DownloadException.of(resource.field(), got <= ERROR_BODY_MAX ? Reason.ERROR_BODY
                    : Reason.LENGTH_MISMATCH, status, "expected " + size + " bytes, got " + got + " (HTTP 200 from "
                    + host + ")");
        }
        if (offset > 0) {
            LOG.debug("{}: {} ignored the Range request; restarting from zero", resource.field(), host);
            file.truncate(resource.field());
        }
        return 0;
    }

    private static long contentRangeStart(CdnReply reply, long offset, OptionalLong contentLength, PartialFile file,
                                          Resource resource) {
        String host = reply.host();
        long size = resource.size();
        Matcher m = CONTENT_RANGE.matcher(reply.header("Content-Range").orElse(""));
        long first;
        long last;
        long total;
        try {
            if (!m.matches()) {
                throw new NumberFormatException();
            }
            first = Long.parseLong(m.group(1));
            last = Long.parseLong(m.group(2));
            total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        } catch (NumberFormatException e) {
            throw discarding(file, resource, "unreadable Content-Range in HTTP 206 from " + host);
        }
        long bodyLength = contentLength.orElse(last - first + 1);
        if (first != offset) {
            throw discarding(file, resource, "HTTP 206 from " + host + " starts at byte " + first + ", asked for "
                    + offset);
        }
        if (last - first + 1 != bodyLength || offset + bodyLength != size || (total >= 0 && total != size)) {
            throw discarding(file, resource, "expected " + size + " bytes, but HTTP 206 from " + host + " has bytes "
                    + first + "-" + last + "/" + (total >= 0 ? total : "*") + " (the resource changed)");
        }
        return first;
    }

    /** The bytes so far are not a prefix of what the server now serves: empty the file and retry from zero. */
    private static DownloadException discarding(PartialFile file, Resource resource, String problem) {
        file.truncate(resource.field());
        return DownloadException.of(resource.field(), Reason.LENGTH_MISMATCH, 206, problem);
    }
}

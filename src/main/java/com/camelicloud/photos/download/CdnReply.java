package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.http.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One CDN response: its status, headers and body, for the URI it answers (redirects are followed by hand). */
final class CdnReply implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdnReply.class);

    private final URI uri;
    private final HttpGet request;
    private final ClassicHttpResponse response;
    private boolean bodyRead;

    CdnReply(URI uri, HttpGet request, ClassicHttpResponse response) {
        this.uri = uri;
        this.request = request;
        this.response = response;
    }

    int status() {
        return response.getCode();
    }

    /** The host to name in messages; never the URL. */
    String host() {
        return CdnAllowlist.hostOf(uri);
    }

    Optional<String> header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.ofNullable(header.getValue());
    }

    OptionalLong contentLength() {
        try {
            return header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    InputStream body() throws IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    /** The whole body was read: its connection can serve the next download. */
    void bodyRead() {
        bodyRead = true;
    }

    /**
     * What a status other than 200/206 means for the download of {@code field} (§8.8, §9.2): an expired URL, throttling
     * or a server error (with the {@code Retry-After} asked for), a range that no longer fits, or a plain refusal.
     */
    DownloadException statusProblem(String field) {
        int status = status();
        String what = "HTTP " + status + " from " + host();
        Duration retryAfter = header("Retry-After").flatMap(RetryAfter::parse).orElse(null);
        return switch (status) {
            case 401, 403, 404, 410 -> DownloadException.of(field, Reason.URL_EXPIRED, status, what
                    + " (download URL expired or refused)");
            case 429, 503 -> new DownloadException(field, Reason.THROTTLED, status, what, retryAfter, null);
            case 416 -> DownloadException.of(field, Reason.LENGTH_MISMATCH, status, what
                    + " (range not satisfiable: the resource changed)");
            default -> status == 408 || status >= 500
                    ? new DownloadException(field, Reason.SERVER_ERROR, status, what, retryAfter, null)
                    : DownloadException.of(field, Reason.HTTP_STATUS, status, what);
        };
    }

    /**
     * Returns a fully read connection to the pool; any other is cut at once, since a graceful close would read the
     * rest of a body that may be gigabytes long.
     */
    @Override
    public void close() {
        try {
            if (bodyRead) {
                response.close();
            } else {
                request.cancel();
                if (response instanceof ModalCloseable modal) {
                    modal.close(CloseMode.IMMEDIATE);
                } else {
                    response.close();
                }
            }
        } catch (IOException e) {
            LOG.debug("Closing a CDN response failed: {}", CdnUrls.scrub(e.toString()));
        }
    }
}

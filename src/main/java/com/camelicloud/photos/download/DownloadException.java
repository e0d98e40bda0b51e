package com.camelicloud.photos.download;

import java.time.Duration;
import java.util.Optional;

/**
 * A download that did not produce a valid file. The message names the resource field and the problem, never the
 * download URL (it is a bearer credential, §8.8): at most the CDN host.
 */
public class DownloadException extends RuntimeException {

    /** Why it failed; {@link #isTransient()} tells whether trying again later may help. */
    public enum Reason {
        /** The URL's host is not an Apple CDN host nor a configured one (§1.1). */
        HOST_NOT_ALLOWED(false),
        /** The resource cannot be downloaded at all (no or malformed URL, negative size). */
        INVALID_RESOURCE(false),
        /** 401/403/404/410: the URL expired or was refused, and refreshing it did not help (§8.8). */
        URL_EXPIRED(true),
        /** An error page or message instead of media: HTML, JSON, or a tiny body (§8.9). */
        ERROR_BODY(true),
        /** 429 or 503. */
        THROTTLED(true),
        /** Another 5xx, or 408. */
        SERVER_ERROR(true),
        /** The connection failed, stalled or ended early. */
        STREAM_ERROR(true),
        /** The byte count disagrees with the API size or the response's own headers. */
        LENGTH_MISMATCH(true),
        /** Any other status (other 4xx, unexpected 2xx/3xx): retrying will not help. */
        HTTP_STATUS(false),
        /** The URL refresh said the record or rendition no longer exists. */
        RESOURCE_GONE(false),
        /** The URL refresher itself failed. */
        REFRESH_FAILED(true),
        /** Another thread or process is writing the same temp file. */
        CONCURRENT_DOWNLOAD(true),
        /** The local disk failed (full, permissions…). */
        LOCAL_IO(false),
        /** The thread was interrupted; the interrupt flag is set again. */
        INTERRUPTED(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final String field;
    private final Reason reason;
    private final int httpStatus;
    private final String problem;
    private final transient Duration retryAfter;

    public DownloadException(String field, Reason reason, int httpStatus, String problem, Throwable cause) {
        this(field, reason, httpStatus, problem, null, cause);
    }

    DownloadException(String field, Reason reason, int httpStatus, String problem, Duration retryAfter,
                      Throwable cause) {
        super((field == null ? "resource" : field) + ": " + problem, cause);
        this.field = field;
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** The resource field, e.g. {@code resOriginal}. */
    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status that caused it, or -1. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The message without the field prefix. */
    public String problem() {
        return problem;
    }

    /** Whether trying again later (another run, after a pause) may succeed. */
    public boolean isTransient() {
        return reason.isTransient();
    }

    /**
     * The local disk failed (the temp folder in the destination, or the staging area of a remote one), not iCloud: the
     * file is not to blame, so the failure fails the page instead of counting against the file's attempts.
     */
    public boolean isLocal() {
        return reason == Reason.LOCAL_IO;
    }

    /** What the server asked for in {@code Retry-After}, uncapped. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same failure with more said about it (e.g. how many attempts were made). */
    DownloadException withProblem(String newProblem) {
        DownloadException copy = new DownloadException(field, reason, httpStatus, newProblem, retryAfter, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}

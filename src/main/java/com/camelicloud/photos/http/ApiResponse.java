package com.camelicloud.photos.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/** The status, headers and body (the bytes as received, UTF-8 JSON or an error page) of an API answer. */
public record ApiResponse(int status, HttpHeaders headers, byte[] body) {

    /** A header's value, treating an empty value as absent (docs/protocol.md §2.8: only overwrite when non-empty). */
    public Optional<String> header(String name) {
        return headers.firstValue(name).filter(v -> !v.isBlank());
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date, when the server sent one we can read. */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(RetryAfter::parse);
    }
}

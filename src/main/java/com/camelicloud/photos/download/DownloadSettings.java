package com.camelicloud.photos.download;

import com.camelicloud.photos.http.HttpTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How media downloads behave (docs/protocol.md §1.3, §8.7, §9.3). Start from {@link #defaults(Path)} and adjust with the
 * {@code with…} methods.
 *
 * @param tempDirectory      where partial files live; put it on the destination's file system so that publishing is
 *                           a rename
 * @param tempSuffix         ends every temp file name; {@code .part} is avoided because some sync tools reject it (§8.7)
 * @param maxRetries         retries per transfer after transient failures (0–100); the one URL refresh is extra
 * @param initialRetryDelay  base of the jittered exponential backoff; {@code Retry-After} always wins (capped at 120 s)
 * @param connectTimeout     TCP/TLS connect limit
 * @param readStallTimeout   longest wait for response headers or for the next bytes; there is no total cap because
 *                           7 GB videos take as long as they take
 * @param bandwidthLimit     bytes per second over all downloads, 0 for none
 * @param staleTempAge       partial files older than this are discarded: without an ETag nothing proves they still
 *                           match the server's bytes
 * @param userAgent          browser User-Agent sent to the CDN
 * @param webHome            the region's web home, sent as Origin and (with a trailing slash) Referer
 * @param extraAllowedHosts  hosts trusted besides Apple's CDN domains, e.g. a user-overridden endpoint's host
 */
public record DownloadSettings(Path tempDirectory, String tempSuffix, int maxRetries, Duration initialRetryDelay,
                               Duration connectTimeout, Duration readStallTimeout, long bandwidthLimit,
                               Duration staleTempAge, String userAgent, String webHome,
                               Set<String> extraAllowedHosts) {

    public static final String DEFAULT_TEMP_SUFFIX = ".icloud-tmp";
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final int MAX_RETRIES_LIMIT = 100;
    public static final Duration DEFAULT_INITIAL_RETRY_DELAY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_STALL_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_STALE_TEMP_AGE = Duration.ofHours(1);
    public static final String DEFAULT_WEB_HOME = "https://www.icloud.com";

    public DownloadSettings {
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        if (tempSuffix == null || tempSuffix.isBlank() || tempSuffix.contains("/") || tempSuffix.contains("\\")) {
            throw new IllegalArgumentException("temp suffix must be a non-blank file name ending, got: " + tempSuffix);
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw new IllegalArgumentException("max retries must be 0–" + MAX_RETRIES_LIMIT + ", got: " + maxRetries);
        }
        requireNotNegative(initialRetryDelay, "initial retry delay");
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readStallTimeout, "read-stall timeout");
        requirePositive(staleTempAge, "stale temp age");
        if (bandwidthLimit < 0) {
            throw new IllegalArgumentException("bandwidth limit must be ≥ 0 bytes/s, got: " + bandwidthLimit);
        }
        userAgent = userAgent == null || userAgent.isBlank() ? HttpTransport.DEFAULT_USER_AGENT : userAgent;
        webHome = webHome == null || webHome.isBlank() ? DEFAULT_WEB_HOME : stripTrailingSlash(webHome);
        extraAllowedHosts = extraAllowedHosts == null ? Set.of() : extraAllowedHosts.stream()
                .filter(Objects::nonNull).map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** kei's defaults (§9.3): 3 retries from 5 s, 30 s connect, 120 s read stall, no bandwidth cap, 1 h stale age. */
    public static DownloadSettings defaults(Path tempDirectory) {
        return new DownloadSettings(tempDirectory, DEFAULT_TEMP_SUFFIX, DEFAULT_MAX_RETRIES,
                DEFAULT_INITIAL_RETRY_DELAY, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_STALL_TIMEOUT, 0,
                DEFAULT_STALE_TEMP_AGE, null, null, Set.of());
    }

    public DownloadSettings withTempSuffix(String value) {
        return new DownloadSettings(tempDirectory, value, maxRetries, initialRetryDelay, connectTimeout,
                readStallTimeout, bandwidthLimit, staleTempAge, userAgent, webHome, extraAllowedHosts);
    }

    public DownloadSettings withMaxRetries(int value) {
        return new DownloadSettings(tempDirectory, tempSuffix, value, initialRetryDelay, connectTimeout,
                readStallTimeout, bandwidthLimit, staleTempAge, userAgent, webHome, extraAllowedHosts);
    }

    public DownloadSettings withInitialRetryDelay(Duration value) {
        return new DownloadSettings(tempDirectory, tempSuffix, maxRetries, value, connectTimeout,
                readStallTimeout, bandwidthLimit, staleTempAge, userAgent, webHome, extraAllowedHosts);
    }

    public DownloadSettings withReadStallTimeout(Duration value) {
        return new DownloadSettings(tempDirectory, tempSuffix, maxRetries, initialRetryDelay, connectTimeout,
                value, bandwidthLimit, staleTempAge, userAgent, webHome, extraAllowedHosts);
    }

    /** @param bytesPerSecond 0 for unlimited; see {@link BandwidthLimiter#parse(String)} for {@code 10M}-style text */
    public DownloadSettings withBandwidthLimit(long bytesPerSecond) {
        return new DownloadSettings(tempDirectory, tempSuffix, maxRetries, initialRetryDelay, connectTimeout,
                readStallTimeout, bytesPerSecond, staleTempAge, userAgent, webHome, extraAllowedHosts);
    }

    public DownloadSettings withUserAgent(String value) {
        return new DownloadSettings(tempDirectory, tempSuffix, maxRetries, initialRetryDelay, connectTimeout,
                readStallTimeout, bandwidthLimit, staleTempAge, value, webHome, extraAllowedHosts);
    }

    /** @param value e.g. {@code https://www.icloud.com.cn} for the mainland China region (§1.1) */
    public DownloadSettings withWebHome(String value) {
        return new DownloadSettings(tempDirectory, tempSuffix, maxRetries, initialRetryDelay, connectTimeout,
                readStallTimeout, bandwidthLimit, staleTempAge, userAgent, value, extraAllowedHosts);
    }

    public DownloadSettings withExtraAllowedHosts(Set<String> value) {
        return new DownloadSettings(tempDirectory, tempSuffix, maxRetries, initialRetryDelay, connectTimeout,
                readStallTimeout, bandwidthLimit, staleTempAge, userAgent, webHome, value);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got: " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got: " + value);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package com.camelicloud.photos.download;

import com.camelicloud.photos.http.HttpTransport;
import com.camelicloud.photos.http.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How media downloads behave (docs/protocol.md §1.3, §8.7, §9.3): {@link #defaults(Path)}, or a {@link #builder(Path)}
 * for other values; the record checks them all.
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
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(120);

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
        return builder(tempDirectory).build();
    }

    /** kei's defaults, to be changed. */
    public static Builder builder(Path tempDirectory) {
        return new Builder(tempDirectory);
    }

    /** These settings, to be changed. */
    public Builder toBuilder() {
        Builder builder = new Builder(tempDirectory);
        builder.tempSuffix = tempSuffix;
        builder.maxRetries = maxRetries;
        builder.initialRetryDelay = initialRetryDelay;
        builder.connectTimeout = connectTimeout;
        builder.readStallTimeout = readStallTimeout;
        builder.bandwidthLimit = bandwidthLimit;
        builder.staleTempAge = staleTempAge;
        builder.userAgent = userAgent;
        builder.webHome = webHome;
        builder.extraAllowedHosts = extraAllowedHosts;
        return builder;
    }

    /** The one retry policy (of the http package) with these settings: backoff up to 60 s, Retry-After up to 120 s. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, initialRetryDelay,
                initialRetryDelay.compareTo(MAX_BACKOFF) > 0 ? initialRetryDelay : MAX_BACKOFF, RETRY_AFTER_CAP);
    }

    /** Download settings under construction; {@link #build()} checks them. */
    public static final class Builder {
        private final Path tempDirectory;
        private String tempSuffix = DEFAULT_TEMP_SUFFIX;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialRetryDelay = DEFAULT_INITIAL_RETRY_DELAY;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readStallTimeout = DEFAULT_READ_STALL_TIMEOUT;
        private long bandwidthLimit;
        private Duration staleTempAge = DEFAULT_STALE_TEMP_AGE;
        private String userAgent;
        private String webHome;
        private Set<String> extraAllowedHosts = Set.of();

        private Builder(Path tempDirectory) {
            this.tempDirectory = tempDirectory;
        }

        public Builder tempSuffix(String value) {
            tempSuffix = value;
            return this;
        }

        public Builder maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        public Builder initialRetryDelay(Duration value) {
            initialRetryDelay = value;
            return this;
        }

        public Builder readStallTimeout(Duration value) {
            readStallTimeout = value;
            return this;
        }

        /** @param bytesPerSecond 0 for unlimited; see {@link BandwidthLimiter#parse(String)} for {@code 10M}-style text */
        public Builder bandwidthLimit(long bytesPerSecond) {
            bandwidthLimit = bytesPerSecond;
            return this;
        }

        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /** @param value e.g. {@code https://www.icloud.com.cn} for the mainland China region (§1.1) */
        public Builder webHome(String value) {
            webHome = value;
            return this;
        }

        public Builder extraAllowedHosts(Set<String> value) {
            extraAllowedHosts = value;
            return this;
        }

        public DownloadSettings build() {
            return new DownloadSettings(tempDirectory, tempSuffix, maxRetries, initialRetryDelay, connectTimeout,
                    readStallTimeout, bandwidthLimit, staleTempAge, userAgent, webHome, extraAllowedHosts);
        }
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

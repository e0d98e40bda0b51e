package com.camelicloud.photos.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of every call to Apple (CloudKit, sign-in, CDN downloads): jittered exponential backoff as kei
 * does it (docs/protocol.md §9.3), {@code min(base × 2^attempt, max) + uniform(0, base)}, with {@code Retry-After}
 * always honoured up to a cap.
 */
public record RetryPolicy(int maxRetries, Duration base, Duration max, Duration retryAfterCap) {

    /** CloudKit API defaults: 3 retries, base 5 s, max 60 s, Retry-After capped at 120 s. */
    public static final RetryPolicy CLOUDKIT = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofSeconds(120));
    /**
     * Sign-in (docs/protocol.md §2.7): a busy server is retried twice, quickly (base 2 s); a {@code Retry-After} over
     * 30 s is not waited out inline but reported as throttling.
     */
    public static final RetryPolicy SIGN_IN = new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(retryAfterCap) > 0 ? retryAfterCap : asked;
        }
        long baseMillis = Math.max(1, base.toMillis());
        long exponential = Math.min(baseMillis << Math.min(attempt, 20), max.toMillis());
        return Duration.ofMillis(exponential + ThreadLocalRandom.current().nextLong(baseMillis));
    }
}

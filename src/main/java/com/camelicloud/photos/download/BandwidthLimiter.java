package com.camelicloud.photos.download;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One token bucket shared by every download thread, so the cap holds for the total, not per transfer.
 *
 * <p>Each caller reserves the time its bytes take at the configured rate and sleeps until that reservation ends.
 * Slowing the reader is enough: the HTTP client only asks for more data once a chunk has been consumed, so TCP
 * flow control slows the sender. After idling, at most a tenth of a second's worth of credit is kept, so a burst
 * cannot exceed the cap noticeably.
 */
public final class BandwidthLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long BURST_NANOS = NANOS_PER_SECOND / 10;
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([kmg]i?)?b?",
            Pattern.CASE_INSENSITIVE);

    private final long bytesPerSecond;
    /** When the bytes reserved so far will have "flowed"; guarded by {@code this}. */
    private long nextFreeNanos = Long.MIN_VALUE;

    /** @param bytesPerSecond the cap; 0 means unlimited */
    public BandwidthLimiter(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth limit must be ≥ 0 bytes/s, got: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    public static BandwidthLimiter unlimited() {
        return new BandwidthLimiter(0);
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    public boolean isUnlimited() {
        return bytesPerSecond == 0;
    }

    /** Blocks until {@code bytes} more bytes fit under the cap. */
    public void acquire(long bytes) throws InterruptedException {
        if (bytesPerSecond == 0 || bytes <= 0) {
            return;
        }
        long cost = (long) Math.ceil(bytes * (double) NANOS_PER_SECOND / bytesPerSecond);
        long wakeAt;
        long now;
        synchronized (this) {
            now = System.nanoTime();
            // nanoTime may be negative: compare differences, never raw values
            if (nextFreeNanos == Long.MIN_VALUE || nextFreeNanos - (now - BURST_NANOS) < 0) {
                nextFreeNanos = now - BURST_NANOS;
            }
            nextFreeNanos += cost;
            wakeAt = nextFreeNanos;
        }
        long wait = wakeAt - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * Reads a rate such as {@code 10M}, {@code 500K}, {@code 2Mi}, {@code 1.5M} or {@code 250000} (bytes per second).
     * K/M/G are powers of 1000, Ki/Mi/Gi powers of 1024; case does not matter and a trailing {@code B} is allowed.
     * {@code 0} means unlimited.
     *
     * @throws IllegalArgumentException naming the value when it is not such a rate
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("bandwidth limit is missing");
        }
        Matcher m = RATE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bandwidth limit '" + text
                    + "' is not a rate like 10M, 500K, 2Mi, 1.5M or a plain number of bytes per second");
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        BigDecimal multiplier = switch (unit) {
            case "" -> BigDecimal.ONE;
            case "k" -> BigDecimal.valueOf(1_000L);
            case "m" -> BigDecimal.valueOf(1_000_000L);
            case "g" -> BigDecimal.valueOf(1_000_000_000L);
            case "ki" -> BigDecimal.valueOf(1L << 10);
            case "mi" -> BigDecimal.valueOf(1L << 20);
            case "gi" -> BigDecimal.valueOf(1L << 30);
            default -> throw new IllegalArgumentException("bandwidth limit '" + text + "' has an unknown unit");
        };
        BigDecimal bytes = value.multiply(multiplier);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("bandwidth limit '" + text + "' is too large");
        }
        long whole = bytes.longValue();
        if (whole == 0 && bytes.signum() > 0) {
            // would silently mean "unlimited"
            throw new IllegalArgumentException("bandwidth limit '" + text + "' is less than one byte per second");
        }
        return whole;
    }

    @Override
    public String toString() {
        return isUnlimited() ? "BandwidthLimiter[unlimited]" : "BandwidthLimiter[" + bytesPerSecond + " B/s]";
    }
}

package com.camelicloud.photos.fake;

import java.time.Duration;

/**
 * A misbehaviour of the media CDN (docs/protocol.md §8.7–8.9), installed with {@link Faults#cdn(CdnFault)} or
 * {@link Faults#cdn(CdnFault, int)}.
 */
public final class CdnFault {

    /** What goes wrong. */
    public enum Kind {
        /** 200 with {@code Content-Type: text/html} and an HTML error page. */
        HTML_BODY,
        /** 200 with a 17-byte body holding an error. */
        TINY_BODY,
        /** Correct headers, but the connection closes after half the body. */
        TRUNCATED,
        /** A self-consistent response whose Content-Length (and body) is shorter than the API {@code size}. */
        LENGTH_MISMATCH,
        /** The body trickles at a fixed rate. */
        SLOW,
        /** Sends some bytes, then stops sending for a while, then closes the connection. */
        STALL,
        /** Closes the connection abruptly after some bytes. */
        RESET,
        /** Answers 200 with the full body even to a Range request. */
        IGNORE_RANGE,
        /** Answers 403 as for an expired URL, whatever {@code e} says. */
        EXPIRED
    }

    private final Kind kind;
    private final long bytes;
    private final Duration duration;

    private CdnFault(Kind kind, long bytes, Duration duration) {
        this.kind = kind;
        this.bytes = bytes;
        this.duration = duration;
    }

    public static CdnFault htmlBody() {
        return new CdnFault(Kind.HTML_BODY, 0, Duration.ZERO);
    }

    public static CdnFault tinyBody() {
        return new CdnFault(Kind.TINY_BODY, 0, Duration.ZERO);
    }

    public static CdnFault truncated() {
        return new CdnFault(Kind.TRUNCATED, 0, Duration.ZERO);
    }

    public static CdnFault lengthMismatch() {
        return new CdnFault(Kind.LENGTH_MISMATCH, 0, Duration.ZERO);
    }

    public static CdnFault slow(long bytesPerSecond) {
        return new CdnFault(Kind.SLOW, bytesPerSecond, Duration.ZERO);
    }

    /** Sends {@code afterBytes}, then nothing for {@code stall}, then closes the connection. */
    public static CdnFault stall(long afterBytes, Duration stall) {
        return new CdnFault(Kind.STALL, afterBytes, stall);
    }

    public static CdnFault resetAfter(long bytes) {
        return new CdnFault(Kind.RESET, bytes, Duration.ZERO);
    }

    public static CdnFault ignoreRange() {
        return new CdnFault(Kind.IGNORE_RANGE, 0, Duration.ZERO);
    }

    public static CdnFault expired() {
        return new CdnFault(Kind.EXPIRED, 0, Duration.ZERO);
    }

    public Kind kind() {
        return kind;
    }

    long bytes() {
        return bytes;
    }

    Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return kind + (bytes > 0 ? "(" + bytes + ")" : "");
    }
}

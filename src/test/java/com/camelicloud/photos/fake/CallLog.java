package com.camelicloud.photos.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests per endpoint and CDN GETs per resource, and keeps a bounded log (no bodies, no query strings). */
final class CallLog {

    private static final int LOG_LIMIT = 20_000;

    private final Map<Endpoint, AtomicInteger> counts = new EnumMap<>(Endpoint.class);
    private final Map<String, AtomicInteger> cdnGets = new ConcurrentHashMap<>();
    private final Deque<FakeICloud.LoggedRequest> log = new ConcurrentLinkedDeque<>();
    private final AtomicInteger logSize = new AtomicInteger();
    private final AtomicInteger cdnWithCookies = new AtomicInteger();

    CallLog() {
        for (Endpoint e : Endpoint.values()) {
            counts.put(e, new AtomicInteger());
        }
    }

    void record(Endpoint endpoint, String method, String path, int status) {
        counts.get(endpoint).incrementAndGet();
        log.addLast(new FakeICloud.LoggedRequest(Instant.now(), method, path, status, endpoint));
        if (logSize.incrementAndGet() > LOG_LIMIT && log.pollFirst() != null) {
            logSize.decrementAndGet();
        }
    }
    private final AtomicInteger slowCdnStreaming = new AtomicInteger();
    private final AtomicInteger slowCdnPeak = new AtomicInteger();

    /**
     * A slow answer ({@link CdnFault#slow}) begins streaming; running what this returns (once counts, however often
     * it runs) says it is about to write its last bytes. It counts as over then, so that a client that waits for the
     * whole body before its next request is never seen with one answer too many.
     */
    Runnable slowCdnStream() {
        slowCdnPeak.accumulateAndGet(slowCdnStreaming.incrementAndGet(), Math::max);
        AtomicBoolean streaming = new AtomicBoolean(true);
        return () -> {
            if (streaming.getAndSet(false)) {
                slowCdnStreaming.decrementAndGet();
            }
        };
    }

    int slowCdnStreamsAtOnce() {
        return slowCdnPeak.get();
    }

    void recordCdnGet(String fileChecksum, boolean withCookies) {
        cdnGets.computeIfAbsent(fileChecksum, k -> new AtomicInteger()).incrementAndGet();
        if (withCookies) {
            cdnWithCookies.incrementAndGet();
        }
    }

    int count(Endpoint endpoint) {
        return counts.get(endpoint).get();
    }

    int cdnGets(String fileChecksum) {
        AtomicInteger n = cdnGets.get(fileChecksum);
        return n == null ? 0 : n.get();
    }

    int cdnRequestsWithCookies() {
        return cdnWithCookies.get();
    }

    List<FakeICloud.LoggedRequest> entries() {
        return new ArrayList<>(log);
    }

    void reset() {
        counts.values().forEach(c -> c.set(0));
        cdnGets.clear();
        cdnWithCookies.set(0);
        slowCdnPeak.set(0);
        log.clear();
        logSize.set(0);
    }
}

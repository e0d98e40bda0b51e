package com.camelicloud.photos.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This process's candidacies in the cluster, across its accounts' Camel contexts: how many accounts it leads, and when
 * it last stood for one. The CLI binds one per process as {@code candidacies}; each account's {@link SyncLeadership}
 * asks it before it stands for its account, so that a node that already leads some accounts leaves the next ones to
 * the other nodes for a while.
 */
public final class Candidacies {

    /** The bean name the account contexts share it under. */
    public static final String BEAN_NAME = "candidacies";
    /**
     * At least this long between two candidacies of the process: long enough for the election of the one before to
     * be decided and counted, so that a process whose accounts start at once does not stand for all of them at once.
     */
    static final Duration GAP = Duration.ofMillis(500);

    private final AtomicInteger leading = new AtomicInteger();
    private final AtomicLong lastStood = new AtomicLong(System.nanoTime() - GAP.toNanos());

    int leading() {
        return leading.get();
    }

    /** Whether the process may stand for one more account now; if so, it counts as having stood. */
    boolean standNow() {
        long last = lastStood.get();
        long now = System.nanoTime();
        return now - last >= GAP.toNanos() && lastStood.compareAndSet(last, now);
    }

    void gained() {
        leading.incrementAndGet();
    }

    void lost() {
        leading.decrementAndGet();
    }
}

package com.camelicloud.photos.fake;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * State shared by the fake's parts: the library lock, the clock, the registries and the codecs. Library state (zones,
 * change logs) is read under the read lock and changed under the write lock, so that a CloudKit page always sees one
 * consistent library while tests mutate it from another thread.
 */
final class ServerState {

    final SyncTokens tokens = new SyncTokens();
    final Faults faults = new Faults(tokens);
    final CallLog calls = new CallLog();
    final Sessions sessions = new Sessions(this);
    final CdnUrls cdnUrls = new CdnUrls(this);
    final Map<String, FakeAccount> accounts = new ConcurrentHashMap<>();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, FakeResource> resources = new ConcurrentHashMap<>();
    private final AtomicLong clockOffset = new AtomicLong();
    private long changeClock;
    private volatile String cloudKitUrl;
    private volatile String cdnUrl;

    void urls(String cloudKit, String cdn) {
        this.cloudKitUrl = cloudKit;
        this.cdnUrl = cdn;
    }

    String cloudKitUrl() {
        return cloudKitUrl;
    }

    String cdnUrl() {
        return cdnUrl;
    }

    /** Milliseconds since the epoch on the fake's clock (the wall clock plus whatever tests advanced it by). */
    long now() {
        return System.currentTimeMillis() + clockOffset.get();
    }

    void advanceClock(Duration by) {
        clockOffset.addAndGet(by.toMillis());
    }

    /** Advances the database-wide change clock; call under the write lock. Used by changes/database. */
    long tick() {
        return ++changeClock;
    }

    long changeClock() {
        return changeClock;
    }

    void register(FakeResource resource) {
        resources.putIfAbsent(resource.cdnKey(), resource);
    }

    FakeResource resource(String cdnKey) {
        return resources.get(cdnKey);
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void write(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }
}

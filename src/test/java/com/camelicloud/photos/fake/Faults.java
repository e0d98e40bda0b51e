package com.camelicloud.photos.fake;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Test knobs that make the fake misbehave or switch between the readings of docs/protocol.md's [unknown] rows. All setters
 * return {@code this}; everything is thread-safe and takes effect on the next request. {@link #reset()} restores the
 * defaults (the "Fake default" column of §10).
 */
public final class Faults {

    /** A queued failure answer for one endpoint. */
    record Failure(int status, Integer retryAfterSeconds, String body) {
    }

    /** A queue entry that lets one call through, so that the failures queued after it hit later calls. */
    private static final Failure PASS = new Failure(200, null, "");

    static final Duration DEFAULT_URL_TTL = Duration.ofHours(1);
    static final int DEFAULT_SCAN_BUDGET = 5_000;

    private final SyncTokens tokens;
    private final Map<Endpoint, Deque<Failure>> failures = new EnumMap<>(Endpoint.class);
    private final Deque<CdnFault> nextCdnFaults = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private int misdirects;
    private volatile CdnFault cdnFault;
    private volatile Duration urlTtl = DEFAULT_URL_TTL;
    private volatile boolean strictEmptyToken;
    private volatile boolean indexingNotFinished;
    private volatile int scanBudget = DEFAULT_SCAN_BUDGET;
    private volatile int deadSessionStatus = 401;
    private volatile int validateFailureStatus = 421;
    private volatile boolean modifyAlwaysAtomic;
    private final Map<String, String> modifyRecordFailures = new HashMap<>();
    private final Deque<Runnable> beforeModify = new ArrayDeque<>();
    private int lostModifyAnswers;

    Faults(SyncTokens tokens) {
        this.tokens = tokens;
    }

    /** Delays every request (all four services) by this much before it is answered. */
    public Faults latency(Duration delay) {
        this.latency = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * The next {@code times} calls to {@code endpoint} answer {@code status} (with {@code Retry-After} when given). CloudKit
     * endpoints get a {@code serverErrorCode} body matching the status (429 THROTTLED, 503 TRY_AGAIN_LATER, 403
     * ACCESS_DENIED, 401 AUTHENTICATION_REQUIRED, else INTERNAL_ERROR); other services an empty body.
     */
    public Faults failNext(Endpoint endpoint, int status, Integer retryAfterSeconds, int times) {
        return failNext(endpoint, status, retryAfterSeconds, times, defaultBody(endpoint, status));
    }

    /** As {@link #failNext(Endpoint, int, Integer, int)} with an explicit JSON (or empty) body. */
    public Faults failNext(Endpoint endpoint, int status, Integer retryAfterSeconds, int times, String body) {
        return enqueue(endpoint, new Failure(status, retryAfterSeconds, body), times);
    }

    /** The next {@code times} calls to {@code endpoint} are served normally; failures queued afterwards wait for them. */
    public Faults passNext(Endpoint endpoint, int times) {
        return enqueue(endpoint, PASS, times);
    }

    private synchronized Faults enqueue(Endpoint endpoint, Failure failure, int times) {
        Deque<Failure> queue = failures.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(failure);
        }
        return this;
    }

    /** The next {@code n} CloudKit requests answer 421 Misdirected Request (§9.2). */
    public synchronized Faults misdirect421Next(int n) {
        misdirects += n;
        return this;
    }

    /** Every CDN request misbehaves this way until {@link #clearCdn()}. */
    public Faults cdn(CdnFault fault) {
        this.cdnFault = Objects.requireNonNull(fault);
        return this;
    }

    /** The next {@code times} CDN requests misbehave this way (before any fault set with {@link #cdn(CdnFault)}). */
    public synchronized Faults cdn(CdnFault fault, int times) {
        for (int i = 0; i < times; i++) {
            nextCdnFaults.addLast(fault);
        }
        return this;
    }

    public synchronized Faults clearCdn() {
        cdnFault = null;
        nextCdnFaults.clear();
        return this;
    }

    /** Lifetime of download URLs handed out from now on (default one hour; the {@code e} parameter). */
    public Faults urlTtl(Duration ttl) {
        this.urlTtl = Objects.requireNonNull(ttl);
        return this;
    }

    /** Every zone token handed out so far becomes unknown (BAD_REQUEST on changes/zone), as after Apple expires them. */
    public Faults invalidateZoneTokens() {
        tokens.invalidateZoneTokens();
        return this;
    }

    /** Every database token handed out so far becomes unknown: changes/database answers 400 BAD_REQUEST to it. */
    public Faults invalidateDatabaseTokens() {
        tokens.invalidateDatabaseTokens();
        return this;
    }

    /** {@code syncToken: ""} on changes/zone answers BAD_REQUEST instead of the default "caught up" (§4.1 row 6). */
    public Faults strictEmptyToken(boolean strict) {
        this.strictEmptyToken = strict;
        return this;
    }

    /** CheckIndexingState answers {@code NOT_FINISHED} (§3.3). */
    public Faults indexingNotFinished(boolean notFinished) {
        this.indexingNotFinished = notFinished;
        return this;
    }

    /** How many log positions one changes/zone page may scan before it ends, empty or not (default 5,000). */
    public Faults scanBudget(int positions) {
        if (positions < 1) {
            throw new IllegalArgumentException("scan budget must be positive");
        }
        this.scanBudget = positions;
        return this;
    }

    /** Status of accountLogin for a dead or unknown session token: 401 (default), 421 or 450 (§2.7). */
    public Faults deadSessionStatus(int status) {
        this.deadSessionStatus = status;
        return this;
    }

    /** Status of validate without a valid {@code X-APPLE-WEBAUTH-TOKEN} cookie (default 421). */
    public Faults validateFailureStatus(int status) {
        this.validateFailureStatus = status;
        return this;
    }

    /**
     * records/modify treats every request as {@code "atomic": true}, whatever it says: the reading of U34 in which the
     * Photos zones ignore {@code false}. One refused record then fails the whole request with {@code ATOMIC_ERROR}.
     */
    public Faults modifyAlwaysAtomic(boolean always) {
        this.modifyAlwaysAtomic = always;
        return this;
    }

    /**
     * The next records/modify that names {@code recordName} refuses that record with {@code code} (a partial failure:
     * the others go through, unless the request is atomic) and changes nothing of it.
     */
    public synchronized Faults failRecordOnNextModify(String recordName, String code) {
        modifyRecordFailures.put(Objects.requireNonNull(recordName), Objects.requireNonNull(code));
        return this;
    }

    /**
     * Just before the next records/modify is served, {@code change} runs: another device changing the library between
     * the client's read and its write, so that the records it changes answer {@code CONFLICT} (U26).
     */
    public synchronized Faults beforeNextModify(Runnable change) {
        beforeModify.addLast(Objects.requireNonNull(change));
        return this;
    }

    /** The next records/modify makes its changes, then closes the connection without an answer (lost on its way). */
    public synchronized Faults loseNextModifyAnswer() {
        lostModifyAnswers++;
        return this;
    }

    /** Back to the defaults; queued failures and CDN faults are dropped. Zone tokens stay as they are. */
    public synchronized Faults reset() {
        latency = Duration.ZERO;
        failures.clear();
        misdirects = 0;
        clearCdn();
        urlTtl = DEFAULT_URL_TTL;
        strictEmptyToken = false;
        indexingNotFinished = false;
        scanBudget = DEFAULT_SCAN_BUDGET;
        deadSessionStatus = 401;
        validateFailureStatus = 421;
        modifyAlwaysAtomic = false;
        modifyRecordFailures.clear();
        beforeModify.clear();
        lostModifyAnswers = 0;
        return this;
    }

    Duration latency() {
        return latency;
    }

    synchronized Failure takeFailure(Endpoint endpoint) {
        Deque<Failure> queue = failures.get(endpoint);
        Failure next = queue == null ? null : queue.pollFirst();
        return next == PASS ? null : next;
    }

    synchronized boolean takeMisdirect() {
        if (misdirects > 0) {
            misdirects--;
            return true;
        }
        return false;
    }

    synchronized CdnFault takeCdnFault() {
        CdnFault next = nextCdnFaults.pollFirst();
        return next != null ? next : cdnFault;
    }

    boolean modifyAlwaysAtomic() {
        return modifyAlwaysAtomic;
    }

    synchronized String takeModifyRecordFailure(String recordName) {
        return modifyRecordFailures.remove(recordName);
    }

    synchronized boolean takeLostModifyAnswer() {
        if (lostModifyAnswers > 0) {
            lostModifyAnswers--;
            return true;
        }
        return false;
    }

    synchronized Optional<Runnable> takeBeforeModify() {
        return Optional.ofNullable(beforeModify.pollFirst());
    }

    Duration urlTtl() {
        return urlTtl;
    }

    boolean strictEmptyToken() {
        return strictEmptyToken;
    }

    boolean indexingNotFinished() {
        return indexingNotFinished;
    }

    int scanBudget() {
        return scanBudget;
    }

    int deadSessionStatus() {
        return deadSessionStatus;
    }

    int validateFailureStatus() {
        return validateFailureStatus;
    }

    private static String defaultBody(Endpoint endpoint, int status) {
        if (!endpoint.isCloudKit()) {
            return "";
        }
        String code = switch (status) {
            case 429 -> "THROTTLED";
            case 503 -> "TRY_AGAIN_LATER";
            case 403 -> "ACCESS_DENIED";
            case 401 -> "AUTHENTICATION_REQUIRED";
            default -> "INTERNAL_ERROR";
        };
        return "{\"serverErrorCode\":\"" + code + "\",\"reason\":\"injected by the test\"}";
    }
}

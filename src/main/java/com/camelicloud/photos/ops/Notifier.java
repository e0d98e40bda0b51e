package com.camelicloud.photos.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.camelicloud.photos.auth.AccountObserver;
import com.camelicloud.photos.auth.AuthenticationException;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.auth.TwoFactorCodeSource.TwoFactorChallenge;
import com.camelicloud.photos.cloudkit.CloudKitClient;
import com.camelicloud.photos.sync.SyncReport;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happens into the events {@code --notification-script} receives, and sends each to the
 * {@code notify} route (routes/ops.yaml), where a user may deliver it another way. Events: sync_started,
 * sync_complete, sync_failed, 2fa_required, session_expiring (two-factor trust lapses within a week; at most once
 * a day) and throttled (at most once a cycle).
 */
public class Notifier implements SyncReport.Listener, TwoFactorInbox.Listener, AccountObserver,
        CloudKitClient.ThrottleListener, CamelContextAware {

    /** Header carrying the event name to the notify route. */
    public static final String EVENT = "CamelICloudPhotosEvent";
    static final String ENV_PREFIX = "ICLOUD_PHOTOS_";
    private static final long EXPIRY_WARNING_DAYS = 7;
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final SyncReport report;
    private final SyncHealth health;
    private final String appleId;
    private final String codeUrl;
    private final Clock clock;
    private final AtomicBoolean throttledThisCycle = new AtomicBoolean();
    private volatile Instant expiryWarned;
    private CamelContext camelContext;
    private ProducerTemplate producer;

    public Notifier(SyncReport report, SyncHealth health, TwoFactorInbox inbox, String appleId, String codeUrl) {
        this(report, health, inbox, appleId, codeUrl, Clock.systemUTC());
    }

    Notifier(SyncReport report, SyncHealth health, TwoFactorInbox inbox, String appleId, String codeUrl, Clock clock) {
        this.report = report;
        this.health = health;
        this.appleId = appleId;
        this.codeUrl = codeUrl;
        this.clock = clock;
        report.addListener(this);
        inbox.addListener(this);
    }

    @Override
    public void accountOpened(ICloudAccount account) {
        account.cloudKit().addThrottleListener(this);
    }

    @Override
    public void cycleStarted(SyncReport cycle) {
        throttledThisCycle.set(false);
        send("sync_started", details(null));
    }

    @Override
    public void cycleFinished(SyncReport cycle) {
        switch (cycle.status()) {
            case SUCCESS, PARTIAL -> send("sync_complete", details(null));
            default -> {
                if (cycle.failure() instanceof AuthenticationException auth && auth.isThrottling()) {
                    throttled(auth.getMessage());
                }
                send("sync_failed", details(cycle.error()));
            }
        }
        health.trustDaysLeft().filter(days -> days <= EXPIRY_WARNING_DAYS).ifPresent(this::warnExpiry);
    }

    @Override
    public void codeNeeded(TwoFactorChallenge challenge) {
        Map<String, String> details = details("Apple asks for a two-factor code (attempt " + challenge.attempt()
                + " of " + challenge.maxAttempts() + "): POST it to " + codeUrl + " or run `login --code CODE`"
                + (challenge.previousError() == null ? "" : ". " + challenge.previousError()));
        details.put(ENV_PREFIX + "MFA_URL", codeUrl);
        details.put(ENV_PREFIX + "MFA_DELIVERY", challenge.delivery().name().toLowerCase(java.util.Locale.ROOT));
        send("2fa_required", details);
    }

    @Override
    public void onThrottled(String endpoint, int status, Duration wait) {
        throttled("iCloud throttled " + endpoint + " (HTTP " + status + "); waiting " + wait.toSeconds() + " s");
    }

    private void throttled(String message) {
        if (throttledThisCycle.compareAndSet(false, true)) {
            send("throttled", details(message));
        }
    }

    private void warnExpiry(long days) {
        Instant now = clock.instant();
        Instant last = expiryWarned;
        if (last == null || Duration.between(last, now).compareTo(Duration.ofDays(1)) >= 0) {
            expiryWarned = now;
            send("session_expiring", details("the two-factor trust of this machine lapses in about " + days
                    + " days; run `login` to renew it"));
        }
    }

    /** What every event carries: the account, the cycle's counts so far, and a message. */
    private Map<String, String> details(String message) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_PREFIX + "ACCOUNT", appleId);
        env.put(ENV_PREFIX + "STATUS", report.status().name().toLowerCase(java.util.Locale.ROOT));
        env.put(ENV_PREFIX + "ASSETS_SEEN", Long.toString(report.changes().values().stream().mapToLong(Long::longValue).sum()));
        env.put(ENV_PREFIX + "DOWNLOADED", Long.toString(report.filesDownloaded()));
        env.put(ENV_PREFIX + "ALREADY_PRESENT", Long.toString(report.filesAlreadyPresent()));
        env.put(ENV_PREFIX + "FAILED", Long.toString(report.filesFailed()));
        report.missingFiles().ifPresent(files -> env.put(ENV_PREFIX + "MISSING", Long.toString(files.total())));
        env.put(ENV_PREFIX + "SKIPPED", Long.toString(report.skippedByReason().values().stream().mapToLong(Long::longValue).sum()));
        env.put(ENV_PREFIX + "BYTES", Long.toString(report.bytesDownloaded()));
        env.put(ENV_PREFIX + "FREED", Long.toString(report.itemsFreed()));
        env.put(ENV_PREFIX + "DURATION_SECONDS", Long.toString(report.duration().toSeconds()));
        env.put(ENV_PREFIX + "CONSECUTIVE_FAILURES", Integer.toString(health.consecutiveFailures()));
        health.trustDaysLeft().ifPresent(days -> env.put(ENV_PREFIX + "TRUST_DAYS_LEFT", Long.toString(days)));
        env.put(ENV_PREFIX + "MESSAGE", message == null ? "" : message);
        return env;
    }

    private void send(String event, Map<String, String> details) {
        if (camelContext == null || camelContext.isStopped()) {
            return;
        }
        details.put(ENV_PREFIX + "EVENT", event);
        // block=false: without a notify route (a user's routes dropped it) the sync must not wait for one
        Exchange sent = producer().send("direct:notify?block=false", exchange -> {
            exchange.getMessage().setHeader(EVENT, event);
            exchange.getMessage().setBody(details);
        });
        if (sent.getException() != null) {
            LOG.warn("The {} notification failed: {}", event, sent.getException().getMessage());
        }
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camelContext.createProducerTemplate();
        }
        return producer;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}

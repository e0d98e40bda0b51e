package com.camelicloud.photos.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.camelicloud.photos.auth.AccountObserver;
import com.camelicloud.photos.auth.ICloudAccount;
import com.camelicloud.photos.cluster.SyncLeadership;
import com.camelicloud.photos.state.MissingFiles;
import com.camelicloud.photos.sync.SyncReport;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Whether the sync is healthy, for {@code /healthz}: the last cycle that completed did so within twice the
 * interval between cycles. Also what an operator needs to know why not.
 */
public class SyncHealth implements SyncReport.Listener, AccountObserver {

    /**
     * The {@code /healthz} body.
     *
     * @param filesMissing files the destination lacks when the last cycle completed (failed, or given up after
     *                     {@code --max-download-attempts}: {@code filesGivenUp}); null before one completed
     */
    public record Report(@JsonIgnore int httpStatus, String status, Instant lastSync, String lastSyncStatus,
                         Instant lastSuccess, int consecutiveFailures, String lastError, Long trustTokenDaysLeft,
                         boolean waitingForTwoFactorCode, boolean syncRunning, long intervalSeconds, Long filesMissing,
                         Long filesGivenUp) {
    }

    private final TwoFactorInbox inbox;
    private final Duration interval;
    private final Clock clock;
    private volatile ICloudAccount account;
    private volatile boolean running;
    private volatile Instant lastSync;
    private volatile String lastSyncStatus;
    private volatile Instant lastSuccess;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile MissingFiles missing;
    private SyncLeadership leadership;

    public SyncHealth(SyncReport report, TwoFactorInbox inbox, long intervalSeconds) {
        this(report, inbox, Duration.ofSeconds(intervalSeconds), Clock.systemUTC());
    }

    SyncHealth(SyncReport report, TwoFactorInbox inbox, Duration interval, Clock clock) {
        this.inbox = inbox;
        this.interval = interval;
        this.clock = clock;
        report.addListener(this);
    }

    @Override
    public void accountOpened(ICloudAccount opened) {
        this.account = opened;
    }

    @Override
    public void cycleStarted(SyncReport report) {
        running = true;
    }

    @Override
    public void cycleFinished(SyncReport report) {
        running = false;
        lastSync = clock.instant();
        lastSyncStatus = report.status().name().toLowerCase(java.util.Locale.ROOT);
        switch (report.status()) {
            case SUCCESS, PARTIAL -> {
                report.missingFiles().ifPresent(files -> missing = files);
                lastSuccess = lastSync;
                consecutiveFailures = 0;
                lastError = null;
            }
            case FAILED -> {
                consecutiveFailures++;
                lastError = report.error();
            }
            default -> {
                // an interrupted cycle says nothing about the library's health
            }
        }
    }

    /** In a cluster: a node that does not lead the account is on standby, which is healthy. */
    public void setLeadership(SyncLeadership leadership) {
        this.leadership = leadership;
    }

    private boolean standby() {
        return leadership != null && !leadership.isLeading();
    }

    /** Healthy when a cycle completed within twice the interval, or on standby in a cluster. */
    public boolean healthy() {
        if (standby()) {
            return true;
        }
        Instant success = lastSuccess;
        return success != null && Duration.between(success, clock.instant()).compareTo(interval.multipliedBy(2)) <= 0;
    }

    public Report report() {
        boolean healthy = healthy();
        MissingFiles files = missing;
        return new Report(healthy ? 200 : 503, standby() ? "STANDBY" : healthy ? "UP" : "DOWN", lastSync, lastSyncStatus, lastSuccess,
                consecutiveFailures, lastError, trustDaysLeft().orElse(null), inbox.pending().isPresent(), running,
                interval.toSeconds(), files == null ? null : files.total(), files == null ? null : files.givenUp());
    }

    /** The files missing from the destination when the last cycle completed. */
    public Optional<MissingFiles> missingFiles() {
        return Optional.ofNullable(missing);
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Days until this machine's two-factor trust is expected to lapse, once an account is open. */
    public Optional<Long> trustDaysLeft() {
        ICloudAccount current = account;
        return current == null ? Optional.empty() : current.authenticator().trustDaysLeft();
    }
}

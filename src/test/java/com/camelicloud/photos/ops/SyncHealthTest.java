package com.camelicloud.photos.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.camelicloud.photos.sync.SyncReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /healthz} reports as time passes and cycles succeed or fail, with a clock the test moves. */
class SyncHealthTest {

    private static final Duration INTERVAL = Duration.ofMinutes(10);

    @TempDir
    Path dataDir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private SyncReport cycles;
    private SyncHealth health;

    @BeforeEach
    void setUp() {
        cycles = new SyncReport();
        TwoFactorInbox inbox = new TwoFactorInbox(dataDir.toString(), "health@example.com", cycles);
        health = new SyncHealth(cycles, inbox, INTERVAL, clock);
    }

    @Test
    void downUntilACycleSucceeded() {
        SyncHealth.Report beforeAny = health.report();
        assertThat(beforeAny.httpStatus()).isEqualTo(503);
        assertThat(beforeAny.status()).isEqualTo("DOWN");
        assertThat(beforeAny.lastSync()).isNull();
        assertThat(beforeAny.lastSuccess()).isNull();
        assertThat(beforeAny.syncRunning()).isFalse();

        cycles.cycleStarted();
        assertThat(health.report().httpStatus()).isEqualTo(503);
        assertThat(health.report().syncRunning()).isTrue();

        clock.advance(Duration.ofSeconds(42));
        cycles.cycleFinished();
        SyncHealth.Report up = health.report();
        assertThat(up.httpStatus()).isEqualTo(200);
        assertThat(up.status()).isEqualTo("UP");
        assertThat(up.lastSync()).isEqualTo(clock.instant());
        assertThat(up.lastSuccess()).isEqualTo(clock.instant());
        assertThat(up.lastSyncStatus()).isEqualTo("success");
        assertThat(up.syncRunning()).isFalse();
        assertThat(up.intervalSeconds()).isEqualTo(INTERVAL.toSeconds());
    }

    @Test
    void aSuccessOlderThanTwiceTheIntervalIsStale() {
        cycles.cycleStarted();
        cycles.cycleFinished();
        Instant succeeded = clock.instant();

        clock.advance(INTERVAL.multipliedBy(2));
        assertThat(health.report().httpStatus()).as("exactly twice the interval").isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        SyncHealth.Report stale = health.report();
        assertThat(stale.httpStatus()).isEqualTo(503);
        assertThat(stale.status()).isEqualTo("DOWN");
        assertThat(stale.lastSuccess()).as("still says when").isEqualTo(succeeded);
        assertThat(stale.consecutiveFailures()).isZero();

        cycles.cycleStarted();
        cycles.cycleFinished();
        assertThat(health.report().httpStatus()).isEqualTo(200);
    }

    @Test
    void failuresInARowAreCountedUntilTheNextSuccess() {
        cycles.cycleStarted();
        cycles.cycleFinished();
        Instant succeeded = clock.instant();

        clock.advance(INTERVAL);
        cycles.cycleStarted();
        cycles.cycleFailed(new IllegalStateException("records/query is still failing (HTTP 503)"));
        clock.advance(INTERVAL);
        cycles.cycleStarted();
        cycles.cycleFailed(new IllegalStateException("changes/zone is still failing (HTTP 429)"));

        SyncHealth.Report failing = health.report();
        assertThat(failing.consecutiveFailures()).isEqualTo(2);
        assertThat(failing.lastError()).isEqualTo("changes/zone is still failing (HTTP 429)");
        assertThat(failing.lastSyncStatus()).isEqualTo("failed");
        assertThat(failing.lastSync()).isEqualTo(clock.instant());
        assertThat(failing.lastSuccess()).isEqualTo(succeeded);
        assertThat(failing.httpStatus()).as("the last success is within twice the interval").isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        assertThat(health.report().httpStatus()).as("and now it is not").isEqualTo(503);

        cycles.cycleStarted();
        cycles.cycleFinished();
        SyncHealth.Report recovered = health.report();
        assertThat(recovered.httpStatus()).isEqualTo(200);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.lastError()).isNull();
    }

    @Test
    void aCycleWithFailedFilesStillCountsAsASuccess() {
        cycles.cycleStarted();
        cycles.fileFailed("2026/03/01/IMG_0001.JPG: the CDN answered 500");
        cycles.cycleFinished();

        SyncHealth.Report partial = health.report();
        assertThat(partial.httpStatus()).isEqualTo(200);
        assertThat(partial.lastSyncStatus()).isEqualTo("partial");
        assertThat(partial.consecutiveFailures()).isZero();
    }

    /** A clock that stands still until told to move. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

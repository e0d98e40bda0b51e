package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StoredSecrets;
import com.camelicloud.photos.testing.WatchProcess;
import com.camelicloud.photos.testing.WatchProcess.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ops HTTP server of watch mode as an operator meets it: {@code /healthz} in each state of the sync,
 * {@code /metrics} after a cycle, and two-factor codes for an unattended sync through {@code POST /mfa} or
 * {@code login --code} from another process. The CLI runs in watch mode in a child JVM (a 60 s interval, so only
 * the first cycle runs during a test) and is stopped with SIGTERM as a service manager would.
 */
class OpsHttpTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AWAIT = Duration.ofSeconds(40);
    private static final String WRONG_CODE = "000000";
    /** A Prometheus sample line: the name with its labels, and the value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");

    private final List<WatchProcess> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (WatchProcess watch : started) {
            watch.close();
        }
        fake.faults().reset();
    }

    // ---------------------------------------------------------------- /healthz

    @Test
    void healthzIsDownUntilTheFirstCycleSucceedsThenUpAndMetricsCountWhatTheCycleDid() throws Exception {
        FakeAccount account = account("healthz@example.com", 12);
        signedIn("healthz@example.com");
        Instant before = Instant.now();
        // A slow iCloud keeps the first cycle running long enough to ask /healthz meanwhile.
        fake.faults().latency(Duration.ofMillis(400));
        WatchProcess watch = watch("healthz@example.com");

        // the HTTP server may answer before the scheduler has fired the first cycle
        Health running = awaitHealth(watch, "the first cycle running",
                health -> health.json().path("syncRunning").asBoolean());
        fake.faults().latency(Duration.ZERO);
        assertThat(running.status()).as(running.toString()).isEqualTo(503);
        assertThat(running.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(running.json().path("lastSuccess").isNull()).as(running.toString()).isTrue();
        assertThat(running.json().path("lastSync").isNull()).as(running.toString()).isTrue();
        assertThat(running.json().path("syncRunning").asBoolean()).as(running.toString()).isTrue();

        Health up = awaitHealth(watch, "a completed cycle", health -> !health.json().path("lastSync").isNull());
        Instant after = Instant.now();
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(up.answer().contentType()).startsWith("application/json");
        JsonNode json = up.json();
        assertThat(json.path("status").asText()).isEqualTo("UP");
        assertThat(json.path("lastSyncStatus").asText()).isEqualTo("success");
        assertThat(Instant.parse(json.path("lastSync").asText())).isBetween(before, after);
        assertThat(json.path("lastSuccess").asText()).isEqualTo(json.path("lastSync").asText());
        assertThat(json.path("consecutiveFailures").asInt()).isZero();
        assertThat(json.path("lastError").isNull()).as(up.toString()).isTrue();
        // Just signed in: Apple trusts this machine for about 30 more days.
        assertThat(json.path("trustTokenDaysLeft").isIntegralNumber()).as(up.toString()).isTrue();
        assertThat(json.path("trustTokenDaysLeft").asLong()).isBetween(28L, 30L);
        assertThat(json.path("waitingForTwoFactorCode").asBoolean()).isFalse();
        assertThat(json.path("syncRunning").asBoolean()).isFalse();
        assertThat(json.path("intervalSeconds").asLong()).isEqualTo(60);
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(StoredSecrets.of(home.resolve("state"), "healthz@example.com")).as("the password and the session's tokens").hasSizeGreaterThan(2);
        assertNoSecret("healthz@example.com", up.answer().body());

        // /metrics: what the cycle did, in Prometheus text, next to Camel's own metrics.
        Answer scrape = watch.get("/metrics");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body()).contains("# TYPE icloud_photos_files_downloaded_total counter")
                .contains("camel_exchanges_total");
        Map<String, Double> metrics = parse(scrape.body());
        Map<String, String> files = LocalFiles.published(photos());
        long bytesOnDisk = 0;
        for (String file : files.keySet()) {
            bytesOnDisk += Files.size(photos().resolve(file));
        }
        assertThat(metrics.get("icloud_photos_files_downloaded_total")).isEqualTo((double) files.size());
        assertThat(metrics.get("icloud_photos_downloaded_bytes_total")).isPositive().isEqualTo((double) bytesOnDisk);
        assertThat(metrics.keySet()).noneMatch(key -> key.startsWith("icloud_photos_files_failed_total"));
        assertThat(metrics.get("icloud_photos_requests_total{endpoint=\"changes/database\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.get("icloud_photos_requests_total{endpoint=\"records/query\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metrics).containsEntry("icloud_photos_sync_cycle_duration_seconds_count{status=\"success\"}", 1.0);
        assertThat(metrics.get("icloud_photos_sync_cycle_duration_seconds_sum{status=\"success\"}")).isPositive();
        assertThat(metrics).containsEntry("icloud_photos_sync_consecutive_failures", 0.0);
        assertThat(metrics.get("icloud_photos_last_success_timestamp_seconds"))
                .isCloseTo(Instant.parse(json.path("lastSuccess").asText()).toEpochMilli() / 1000.0, Offset.offset(0.01));
        assertThat(metrics.get("icloud_photos_trust_days_left")).isEqualTo(json.path("trustTokenDaysLeft").asDouble());
        assertNoSecret("healthz@example.com", scrape.body());

        watch.stop();
        assertNoSecret("healthz@example.com", watch.output());
    }

    @Test
    void healthzCountsAFailedCycleAndTellsWhyWithoutSecrets() throws Exception {
        account("failing-watch@example.com", 12);
        signedIn("failing-watch@example.com");
        // iCloud keeps answering 503 to the listing (Retry-After: 0, to keep the test quick): the cycle gives up
        // after its retries.
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 503, 0, 10);
        WatchProcess watch = watch("failing-watch@example.com");

        Health failed = awaitHealth(watch, "a completed cycle", health -> !health.json().path("lastSync").isNull());

        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        JsonNode json = failed.json();
        assertThat(json.path("status").asText()).isEqualTo("DOWN");
        assertThat(json.path("lastSyncStatus").asText()).isEqualTo("failed");
        assertThat(json.path("lastSuccess").isNull()).as(failed.toString()).isTrue();
        assertThat(json.path("consecutiveFailures").asInt()).isEqualTo(1);
        String lastError = json.path("lastError").asText();
        assertThat(lastError).contains("records/query").contains("503");
        // A sentence for a person, not a stack trace or an exception's class name.
        assertThat(lastError).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(json.path("trustTokenDaysLeft").asLong()).isBetween(28L, 30L);
        assertThat(LocalFiles.published(photos())).isEmpty();
        assertNoSecret("failing-watch@example.com", failed.answer().body());

        Map<String, Double> metrics = metrics(watch);
        assertThat(metrics).containsEntry("icloud_photos_sync_consecutive_failures", 1.0)
                .containsEntry("icloud_photos_sync_cycle_duration_seconds_count{status=\"failed\"}", 1.0)
                .doesNotContainKey("icloud_photos_sync_cycle_duration_seconds_count{status=\"success\"}");
        assertThat(metrics.get("icloud_photos_last_success_timestamp_seconds")).isNaN();
        assertThat(metrics.get("icloud_photos_requests_total{endpoint=\"records/query\",status=\"503\"}"))
                .isEqualTo(4.0);

        watch.stop();
        assertNoSecret("failing-watch@example.com", watch.output());
    }

    // ---------------------------------------------------------------- two-factor codes

    @Test
    void anUnattendedSyncWaitsForACodePostedToMfaAndSignsInOnce() throws Exception {
        FakeAccount account = account("mfa@example.com", 10);
        fake.resetCounters();
        // No state at all: the first cycle signs in with the password and Apple asks for a code.
        WatchProcess watch = watch("mfa@example.com");

        Health waiting = awaitHealth(watch, "waiting for a code",
                health -> health.json().path("waitingForTwoFactorCode").asBoolean());
        assertThat(waiting.status()).isEqualTo(503);
        assertThat(waiting.json().path("lastSuccess").isNull()).isTrue();
        assertThat(waitingMarker("mfa@example.com")).exists().content().isEqualTo(Long.toString(watch.pid()));

        Answer wrong = watch.post("/mfa", WRONG_CODE);
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
        assertThat(wrong.contentType()).startsWith("application/json");
        assertThat(JSON.readTree(wrong.body()).path("status").asText()).isEqualTo("rejected");
        assertThat(JSON.readTree(wrong.body()).path("message").asText()).contains("incorrect");
        assertNoSecret("mfa@example.com", wrong.body());
        // Still waiting, for the same sign-in.
        awaitHealth(watch, "waiting for a code again", health -> health.json().path("waitingForTwoFactorCode").asBoolean());

        Answer right = watch.post("/mfa", "123 456");
        assertThat(right.status()).as(right.toString()).isEqualTo(200);
        assertThat(JSON.readTree(right.body()).path("status").asText()).isEqualTo("accepted");
        assertNoSecret("mfa@example.com", right.body());

        Health up = awaitHealth(watch, "a completed cycle", health -> !health.json().path("lastSync").isNull());
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(up.json().path("waitingForTwoFactorCode").asBoolean()).isFalse();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
        assertThat(account.pushedCodes()).as("codes Apple sent").hasSize(1);
        assertThat(waitingMarker("mfa@example.com")).doesNotExist();

        Answer nobodyWaits = watch.post("/mfa", FakeDefaults.CODE);
        assertThat(nobodyWaits.status()).as(nobodyWaits.toString()).isEqualTo(409);
        assertThat(JSON.readTree(nobodyWaits.body()).path("message").asText()).contains("no sync is waiting");
        Answer notACode = watch.post("/mfa", "twelve");
        assertThat(notACode.status()).as(notACode.toString()).isEqualTo(400);
        // the same from another shell: the running sync holds the account's lock but waits for no code
        CliRunner.Result loginNobodyWaits = cli("mfa@example.com").withoutPasswordFlag().login("", "--code", FakeDefaults.CODE);
        assertThat(loginNobodyWaits.exitCode()).as(loginNobodyWaits.toString()).isEqualTo(1);
        assertThat(loginNobodyWaits.stderr()).contains("no sync is waiting for a code").doesNotContain("lock");
        assertNoSecret("mfa@example.com", up.answer().body());

        watch.stop();
        assertNoSecret("mfa@example.com", watch.output());
    }

    @Test
    void loginWithCodeFromAnotherProcessHandsItToTheWaitingSync() throws Exception {
        FakeAccount account = account("handoff@example.com", 10);
        fake.resetCounters();
        WatchProcess watch = watch("handoff@example.com");
        awaitHealth(watch, "waiting for a code", health -> health.json().path("waitingForTwoFactorCode").asBoolean());
        // login --code needs no password: it only hands the code over.
        CliRunner login = cli("handoff@example.com").withoutPasswordFlag();

        CliRunner.Result wrong = login.login("", "--code", WRONG_CODE);
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.stderr()).contains("Handed the code to the sync running as process " + watch.pid())
                .contains("Apple refused the code").contains("incorrect");
        awaitHealth(watch, "waiting for a code again", health -> health.json().path("waitingForTwoFactorCode").asBoolean());

        CliRunner.Result right = login.login("", "--code", FakeDefaults.CODE);
        assertThat(right.exitCode()).as(right.toString()).isZero();
        assertThat(right.stderr()).contains("Handed the code to the sync running as process " + watch.pid())
                .contains("Apple accepted the code");

        Health up = awaitHealth(watch, "a completed cycle", health -> !health.json().path("lastSync").isNull());
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
        assertThat(account.pushedCodes()).as("codes Apple sent").hasSize(1);

        watch.stop();
        assertNoSecret("handoff@example.com", watch.output());
    }

    // ---------------------------------------------------------------- helpers

    private record Health(Answer answer, JsonNode json) {
        int status() {
            return answer.status();
        }

        @Override
        public String toString() {
            return answer.toString();
        }
    }

    private WatchProcess watch(String appleId) throws IOException {
        Path log = Files.createTempFile(home, "watch-", ".log");
        WatchProcess watch = WatchProcess.start(fake, appleId, home.resolve("state"), photos(),
                WatchProcess.freePort(), FakeDefaults.PASSWORD, log);
        started.add(watch);
        return watch;
    }

    /** Polls {@code /healthz} until its answer satisfies {@code condition}. */
    private static Health awaitHealth(WatchProcess watch, String what, Predicate<Health> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            if (!watch.isAlive()) {
                throw new AssertionError("the watch process ended while waiting for " + what + "\n" + watch.output());
            }
            try {
                last = watch.get("/healthz");
                Health health = new Health(last, JSON.readTree(last.body()));
                if (condition.test(health)) {
                    return health;
                }
            } catch (IOException notListeningYet) {
                // the server is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/healthz did not show " + what + " within " + AWAIT.toSeconds() + " s; last: "
                + last + "\n" + watch.output());
    }

    private static Map<String, Double> metrics(WatchProcess watch) throws IOException, InterruptedException {
        Answer scrape = watch.get("/metrics");
        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        return parse(scrape.body());
    }

    /** Prometheus text: sample name with labels (as printed) → value. */
    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1).replace(",}", "}"), Double.parseDouble(sample.group(2)));
            }
        }
        return samples;
    }

    private Path waitingMarker(String appleId) {
        Path stem = new DataDirectory(home.resolve("state")).codeHandoffStem(appleId);
        return stem.resolveSibling(stem.getFileName() + ".waiting");
    }

    private void assertNoSecret(String appleId, String text) throws IOException {
        StoredSecrets.assertNoneIn(text, home.resolve("state"), appleId);
    }
}

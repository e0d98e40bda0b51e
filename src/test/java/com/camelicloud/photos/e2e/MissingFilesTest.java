package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.CdnFault;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import com.camelicloud.photos.testing.WatchProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Files the destination lacks never drop out of view: every run, its report, {@code /healthz} and {@code status} say
 * how many and why until they are fetched or forgotten; and a destination that refuses writes costs no file its
 * attempts.
 */
class MissingFilesTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One CDN failure is final: no retry within the run, and the file is given up after it. */
    private static final String[] GIVE_UP_AT_ONCE = {"--max-retries", "0", "--retry-delay", "0", "--threads-num", "1",
            "--max-download-attempts", "1"};

    @AfterEach
    void clearFaults() {
        fake.faults().reset();
    }

    /**
     * The first sync of five photos, with the first file's download answered by an error page (twice: once more after
     * the URL refresh an error page causes): given up on.
     */
    private String syncWithOneFileGivenUp(CliRunner cli, String appleId) {
        fake.faults().cdn(CdnFault.htmlBody(), 2);
        Result first = cli.sync(photos(), "", GIVE_UP_AT_ONCE);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(2);
        List<Map<String, Object>> failed = StateDb.of(home.resolve("state"), appleId)
                .rows("SELECT path FROM media_file WHERE status = 'failed'");
        assertThat(failed).hasSize(1);
        String path = (String) failed.get(0).get("path");
        assertThat(first.stderr()).contains("1 failed.").contains("1 file missing from the destination").contains(path);
        return path;
    }

    @Test
    void aFileGivenUpOnIsReportedByEveryLaterRunUntilRetryFailedFetchesIt() throws IOException {
        String appleId = "givenup@example.com";
        FakeAccount account = account(appleId, 5);
        CliRunner cli = signedIn(appleId);
        String missing = syncWithOneFileGivenUp(cli, appleId);
        Path report = home.resolve("report.json");
        fake.resetCounters();

        Result unchanged = cli.sync(photos(), "", "--max-download-attempts", "1", "--report-json", report.toString());

        assertThat(fake.calls(Endpoint.CDN)).as("given up: not retried by a plain sync").isZero();
        assertThat(unchanged.exitCode()).as(unchanged.toString()).isEqualTo(2);
        assertThat(unchanged.stderr()).contains("0 files downloaded").contains("0 failed.")
                .contains("1 file missing from the destination (1 given up after failing in 1 sync")
                .contains("--retry-failed").contains(missing + ": failed in 1 sync, given up: ");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("status").asText()).isEqualTo("partial");
        assertThat(json.path("filesFailed").asLong()).isZero();
        assertThat(json.path("filesMissing").asLong()).isEqualTo(1);
        assertThat(json.path("filesGivenUp").asLong()).isEqualTo(1);
        assertThat(json.path("missing")).hasSize(1);
        JsonNode file = json.path("missing").path(0);
        assertThat(file.path("path").asText()).isEqualTo(missing);
        assertThat(file.path("library").asText()).isEqualTo("PrimarySync");
        assertThat(file.path("attempts").asInt()).isEqualTo(1);
        assertThat(file.path("givenUp").asBoolean()).isTrue();
        assertThat(file.path("error").asText()).isNotBlank();

        fake.resetCounters();
        Result status = cli.run("", List.of("status"));
        assertThat(fake.requestLog()).as("status works from the data directory alone").isEmpty();
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
        assertThat(status.stdout()).contains("Destination " + photos().toAbsolutePath())
                .contains("Last sync: ").containsPattern(", partial after \\d+ s: 0 files downloaded")
                .containsPattern("Library PrimarySync: \\d+ items?, \\d+ files?, [0-9.]+ KiB, 1 missing")
                .contains("Missing files: 1 file missing from the destination (1 given up after failing in 1 sync")
                .contains(missing + ": failed in 1 sync, given up: ");

        Result retried = cli.sync(photos(), "", "--retry-failed");
        assertThat(retried.exitCode()).as(retried.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        Result plain = cli.sync(photos(), "", "--max-download-attempts", "1");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stderr()).doesNotContain("missing");
        Result clean = cli.run("", List.of("status"));
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.stdout()).contains("Missing files: none").containsPattern(", success after \\d+ s: ");
    }

    @Test
    void retryFailedGivesAFileThatFailsAgainAFreshCountOfAttempts() {
        String appleId = "freshcount@example.com";
        account(appleId, 5);
        CliRunner cli = signedIn(appleId);
        String missing = syncWithOneFileGivenUp(cli, appleId);
        fake.faults().cdn(CdnFault.htmlBody(), 2);

        Result retried = cli.sync(photos(), "", "--retry-failed", "--max-retries", "0", "--retry-delay", "0");

        assertThat(retried.exitCode()).as(retried.toString()).isEqualTo(2);
        assertThat(retried.stderr()).contains("1 failed.").contains("(retried by the next sync)");
        assertThat(StateDb.of(home.resolve("state"), appleId)
                .rows("SELECT attempts FROM media_file WHERE path = ?", missing))
                .containsExactly(Map.of("attempts", 1));
        // With attempts left, a plain sync tries it again and fetches it.
        Result plain = cli.sync(photos(), "", "--max-download-attempts", "2");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(photos().resolve(missing)).exists();
    }

    /** With --on-hidden keep (the default) a hidden photo is part of the copy: its file given up on is missing too. */
    @Test
    void aKeptHiddenPhotosFileGivenUpOnIsReportedMissingBySyncAndStatus() {
        String appleId = "hiddenmissing@example.com";
        FakeAccount account = account(appleId, 3);
        CliRunner cli = signedIn(appleId);
        assertThat(cli.sync(photos(), "").exitCode()).isZero();
        FakeZone zone = account.primaryZone();
        zone.hide(zone.addPhoto("HIDDEN_0001.JPG"));
        fake.faults().cdn(CdnFault.htmlBody(), 2);
        Result failed = cli.sync(photos(), "", GIVE_UP_AT_ONCE);
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(2);

        Result later = cli.sync(photos(), "", "--max-download-attempts", "1");

        assertThat(later.exitCode()).as(later.toString()).isEqualTo(2);
        assertThat(later.stderr()).contains("1 file missing from the destination (1 given up")
                .contains("HIDDEN_0001.JPG");
        Result status = cli.run("", List.of("status"));
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
        assertThat(status.stdout()).contains("Missing files: 1 file missing from the destination");
        Result skipped = cli.sync(photos(), "", "--on-hidden", "skip", "--max-download-attempts", "1");
        assertThat(skipped.exitCode()).as("not part of a copy that skips hidden photos\n%s", skipped).isZero();
    }

    @Test
    void forgetFailedStopsReportingAFileUntilRetryFailed() {
        String appleId = "forget@example.com";
        account(appleId, 5);
        CliRunner cli = signedIn(appleId);
        String missing = syncWithOneFileGivenUp(cli, appleId);

        Result forgot = cli.sync(photos(), "", "--forget-failed", "--max-download-attempts", "1");

        assertThat(forgot.exitCode()).as(forgot.toString()).isZero();
        assertThat(forgot.stderr()).doesNotContain("missing");
        Result status = cli.run("", List.of("status"));
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("Missing files: none").contains("Forgotten: 1 file that failed");
        assertThat(cli.sync(photos(), "").exitCode()).as("not retried, not reported").isZero();
        assertThat(photos().resolve(missing)).doesNotExist();

        Result retried = cli.sync(photos(), "", "--retry-failed");
        assertThat(retried.exitCode()).as(retried.toString()).isZero();
        assertThat(photos().resolve(missing)).exists();
    }

    @Test
    void oneOffFlagsAreRefusedInWatchModeAndTogether() {
        account("oneoff@example.com", 1);
        fake.resetCounters();
        Result watch = cli("oneoff@example.com").run("", List.of("sync", "-d", photos().toString(), "--forget-failed",
                "--watch-with-interval", "3600"));
        Result both = cli("oneoff@example.com").run("", List.of("sync", "-d", photos().toString(), "--forget-failed",
                "--retry-failed"));

        assertThat(watch.exitCode()).isEqualTo(1);
        assertThat(watch.stderr()).contains("--forget-failed is for one run");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.stderr()).contains("either --retry-failed or --forget-failed");
        assertThat(fake.requestLog()).isEmpty();
    }

    /**
     * A destination that refuses writes (here a file where the temp folder goes: refused whoever runs the test, root
     * included) fails each run at the page it stopped, without counting an attempt against any file: once writable,
     * a plain sync fetches them all, however small {@code --max-download-attempts}.
     */
    @Test
    void aDestinationRefusingWritesForThreeRunsCostsNoAttempts() throws IOException {
        String appleId = "readonly@example.com";
        FakeAccount account = account(appleId, 5);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn(appleId);
        assertThat(cli.sync(photos(), "").exitCode()).isZero();
        for (int i = 1; i <= 10; i++) {
            zone.addPhoto(String.format("LATER_%04d.JPG", i));
        }
        Path tempFolder = photos().resolve(".icloud-photos-tmp");
        Files.deleteIfExists(tempFolder);
        Files.writeString(tempFolder, "in the way");

        for (int run = 1; run <= 3; run++) {
            Result refused = cli.sync(photos(), "", "--max-download-attempts", "2");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr()).contains("cannot write to " + photos().toAbsolutePath());
        }
        Files.delete(tempFolder);

        Result writable = cli.sync(photos(), "", "--max-download-attempts", "2");

        assertThat(writable.exitCode()).as(writable.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(zone));
        StateDb state = StateDb.of(home.resolve("state"), appleId);
        assertThat(state.rows("SELECT file_key FROM media_file WHERE status <> 'done'")).isEmpty();
        assertThat(state.rows("SELECT MAX(attempts) AS most FROM media_file")).containsExactly(Map.of("most", 1));
    }

    @Test
    void healthzAndMetricsSayHowManyFilesAreMissing() throws Exception {
        String appleId = "healthz-missing@example.com";
        account(appleId, 5);
        CliRunner cli = signedIn(appleId);
        syncWithOneFileGivenUp(cli, appleId);
        Path log = Files.createTempFile(home, "watch-", ".log");

        try (WatchProcess watch = WatchProcess.start(fake, appleId, home.resolve("state"), photos(),
                WatchProcess.freePort(), FakeDefaults.PASSWORD, log, "--max-download-attempts", "1")) {
            JsonNode health = awaitCycle(watch);

            assertThat(health.path("lastSyncStatus").asText()).as(health.toString()).isEqualTo("partial");
            assertThat(health.path("filesMissing").asLong()).isEqualTo(1);
            assertThat(health.path("filesGivenUp").asLong()).isEqualTo(1);
            WatchProcess.Answer metrics = watch.get("/metrics");
            assertThat(metrics.body()).containsPattern("(?m)^icloud_photos_files_missing 1\\.0$");
        }
    }

    private static JsonNode awaitCycle(WatchProcess watch) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode health = JSON.readTree(watch.get("/healthz").body());
                if (!health.path("lastSync").isNull() && !health.path("lastSync").isMissingNode()) {
                    return health;
                }
            } catch (IOException notListeningYet) {
                // the server is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no cycle completed within 40 s\n" + watch.output());
    }
}

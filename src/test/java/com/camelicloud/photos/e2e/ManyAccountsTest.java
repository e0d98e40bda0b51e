package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import com.camelicloud.photos.fake.CdnFault;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.testing.AccountsConfig;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import com.camelicloud.photos.testing.WatchProcess;
import com.camelicloud.photos.testing.WatchProcess.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * One process, several accounts from one {@code --config} file: each syncs into its own copy with its own state, and
 * one account failing, throttled or waiting for a two-factor code holds up none of the others.
 */
class ManyAccountsTest extends EndToEndTest {

    private static final int ITEMS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIGTERM_EXIT = 143;

    @Test
    void threeAccountsSyncInOneProcessEachIntoItsOwnCopyWithItsOwnState() throws IOException {
        List<FakeAccount> accounts = List.of(account("anna@example.com", ITEMS), account("bob@example.com", ITEMS),
                account("carl@example.com", ITEMS));
        accounts.forEach(account -> signedIn(account.appleId()));
        Path config = config(fake, List.of(
                "download.threads=4",
                "download.max-connections-total=2",
                "accounts.bob.download.threads=2",
                "accounts.carl.layout.folder-structure=none"), "anna", "bob", "carl");
        // answers slow enough that the accounts' downloads overlap: 10 threads, 2 connections
        fake.faults().cdn(CdnFault.slow(400_000));
        fake.resetCounters();

        Result sync;
        try {
            sync = CliRunner.runAsGiven("", List.of("sync", "--config", config.toString(), "--no-progress-bar"));
        } finally {
            fake.faults().clearCdn();
        }

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(fake.slowCdnStreamsAtOnce()).as("the accounts' downloads share download.max-connections-total")
                .isEqualTo(2);
        for (int i = 0; i < accounts.size(); i++) {
            String name = List.of("anna", "bob", "carl").get(i);
            FakeAccount account = accounts.get(i);
            assertThat(LocalFiles.counts(LocalFiles.published(home.resolve(name))))
                    .as(name + "'s copy holds its own library")
                    .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
            assertThat(StateDb.fileOf(home.resolve("state"), account.appleId())).exists();
            assertThat(sync.stderr()).contains("  " + name + " (" + account.appleId() + "): ok");
        }
        assertThat(LocalFiles.published(home.resolve("anna")).values())
                .doesNotContainAnyElementsOf(LocalFiles.published(home.resolve("bob")).values());
        assertThat(sync.stderr()).contains("[anna] ", "[bob] ", "[carl] ");
    }

    @Test
    void anAccountThrottledWithRetryAfterDelaysNoOther() throws Exception {
        try (FakeICloud other = FakeICloud.start()) {
            FakeAccount dora = account("dora@example.com", ITEMS);
            FakeAccount emil = account("emil@example.com", ITEMS);
            FakeAccount finn = other.createAccount("finn@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
            LibraryGenerator.populate(finn.primaryZone(), 3, ITEMS);
            signedIn(dora.appleId());
            signedIn(emil.appleId());
            Result login = new CliRunner(other, home.resolve("state"), finn.appleId()).login(FakeDefaults.CODE + "\n");
            assertThat(login.exitCode()).as(login.toString()).isZero();
            // finn's Apple: another server, which throttles the first listing request for 30 s
            other.faults().failNext(Endpoint.RECORDS_QUERY, 503, 30, 1);
            Path config = config(fake, List.of(
                    "accounts.finn.icloud.auth-endpoint=" + other.authEndpoint(),
                    "accounts.finn.icloud.setup-endpoint=" + other.setupEndpoint()), "dora", "emil", "finn");
            long started = System.nanoTime();

            CompletableFuture<Result> sync = CompletableFuture.supplyAsync(() -> CliRunner.runAsGiven("",
                    List.of("sync", "--config", config.toString(), "--no-progress-bar")));

            awaitTrue(Duration.ofSeconds(25), () -> Files.exists(report("dora")) && Files.exists(report("emil")));
            Duration othersDone = Duration.ofNanos(System.nanoTime() - started);
            assertThat(othersDone).as("dora and emil finish while finn waits out its Retry-After")
                    .isLessThan(Duration.ofSeconds(20));
            assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("dora"))))
                    .isEqualTo(LocalFiles.expectedOriginals(dora.primaryZone()));
            assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("emil"))))
                    .isEqualTo(LocalFiles.expectedOriginals(emil.primaryZone()));
            assertThat(report("finn")).as("finn still waits").doesNotExist();

            Result result = sync.get(90, TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
            assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("finn"))))
                    .isEqualTo(LocalFiles.expectedOriginals(finn.primaryZone()));
        }
    }

    @Test
    void aWrongPasswordFailsItsAccountAndACodeIsAwaitedForItsAccountAloneWhileTheOthersSync() throws Exception {
        FakeAccount gina = account("gina@example.com", ITEMS);
        FakeAccount hugo = account("hugo@example.com", ITEMS);
        FakeAccount ida = account("ida@example.com", ITEMS);
        signedIn(gina.appleId());
        // hugo's password file is wrong; ida never signed in, so Apple asks ida for a code
        // ida keeps its session and state apart: login --code finds them through the file
        Path config = config(fake, List.of("accounts.ida.icloud.data-dir=" + home.resolve("ida-state")),
                "gina", "hugo", "ida");
        Files.writeString(home.resolve("hugo.password"), "not the password\n");

        CompletableFuture<Result> sync = CompletableFuture.supplyAsync(() -> CliRunner.runAsGiven("",
                List.of("sync", "--config", config.toString(), "--no-progress-bar")));

        awaitTrue(Duration.ofSeconds(30), () -> Files.exists(report("gina")) && ida.pendingCode() != null);
        assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("gina"))))
                .isEqualTo(LocalFiles.expectedOriginals(gina.primaryZone()));
        assertThat(sync).as("ida waits for a code").isNotDone();

        // login --code names the account by its Apple ID; it hands the code over once ida's cycle waits for one
        awaitTrue(Duration.ofSeconds(10), () -> CliRunner.runAsGiven("", List.of("login", "-u", ida.appleId(),
                "--config", config.toString(), "--code", FakeDefaults.CODE)).exitCode() == 0);
        Result result = sync.get(60, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("  hugo (hugo@example.com): FAILED", "  gina (gina@example.com): ok",
                "  ida (ida@example.com): ok");
        assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("ida"))))
                .isEqualTo(LocalFiles.expectedOriginals(ida.primaryZone()));
        assertThat(LocalFiles.published(home.resolve("hugo"))).isEmpty();
        assertThat(StateDb.fileOf(home.resolve("ida-state"), ida.appleId())).exists();
        assertThat(result.stderr()).doesNotContain("not the password", FakeDefaults.PASSWORD);
    }

    @Test
    void inWatchModeOneOpsServerAnswersForEveryAccountAndTakesACodeForTheAccountItNames() throws Exception {
        FakeAccount jack = account("jack@example.com", ITEMS);
        FakeAccount kate = account("kate@example.com", ITEMS);
        signedIn(jack.appleId());
        Path config = config(fake, List.of(), "jack", "kate");
        try (WatchProcess watch = WatchProcess.startAccounts(config, WatchProcess.freePort(), home.resolve("watch.log"))) {

            JsonNode waiting = awaitJson(watch, "/healthz?account=kate",
                    health -> health.path("waitingForTwoFactorCode").asBoolean());
            assertThat(waiting.path("status").asText()).isEqualTo("DOWN");
            awaitJson(watch, "/healthz?account=jack", health -> health.path("status").asText().equals("UP"));
            Answer overall = watch.get("/healthz");
            assertThat(overall.status()).as(overall.toString()).isEqualTo(503);
            JsonNode accounts = JSON.readTree(overall.body()).path("accounts");
            assertThat(accounts.path("jack").path("status").asText()).isEqualTo("UP");
            assertThat(accounts.path("kate").path("waitingForTwoFactorCode").asBoolean()).isTrue();
            assertThat(watch.get("/healthz?account=nobody").status()).isEqualTo(404);

            Answer code = watch.post("/mfa?account=kate", FakeDefaults.CODE);
            assertThat(code.status()).as(code.toString()).isEqualTo(200);
            awaitJson(watch, "/healthz", health -> health.path("status").asText().equals("UP"));

            String metrics = watch.get("/metrics").body();
            assertThat(metrics.lines().filter(line -> line.equals("# TYPE icloud_photos_files_downloaded_total counter")))
                    .as("one family, every account's samples").hasSize(1);
            for (FakeAccount account : List.of(jack, kate)) {
                String name = account.appleId().substring(0, account.appleId().indexOf('@'));
                assertThat(metrics).contains("icloud_photos_files_downloaded_total{account=\"" + name + "\"} "
                        + (double) LocalFiles.published(home.resolve(name)).size());
                assertThat(LocalFiles.counts(LocalFiles.published(home.resolve(name))))
                        .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
            }
            assertThat(watch.stop()).as("stopped by SIGTERM\n" + watch.output()).isEqualTo(SIGTERM_EXIT);
            assertThat(watch.output()).contains("  jack (jack@example.com): ok", "  kate (kate@example.com): ok");
        }
    }

    private static JsonNode awaitJson(WatchProcess watch, String path, Predicate<JsonNode> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                Answer answer = watch.get(path);
                last = answer.toString();
                JsonNode json = JSON.readTree(answer.body());
                if (condition.test(json)) {
                    return json;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " never answered as expected; last: " + last + "\n" + watch.output());
    }

    /**
     * A config file listing {@code names}, each {@code NAME@example.com} syncing into {@code home/NAME} with its
     * password in {@code home/NAME.password} and its report in {@code home/NAME.json}; {@code shared} lines first.
     */
    private Path config(FakeICloud server, List<String> shared, String... names) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "icloud.data-dir=" + home.resolve("state"),
                "icloud.auth-endpoint=" + server.authEndpoint(),
                "icloud.setup-endpoint=" + server.setupEndpoint(),
                "report.directory=" + home));
        lines.addAll(shared);
        for (String name : names) {
            lines.addAll(AccountsConfig.account(home, name, name + "@example.com"));
            lines.add("accounts." + name + ".report.file-name=" + name + ".json");
        }
        return Files.write(home.resolve("accounts.properties"), lines);
    }

    private Path report(String name) {
        return home.resolve(name + ".json");
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}

package com.camelicloud.photos.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.CdnFault;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeResource;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import com.camelicloud.photos.testing.StoredSecrets;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The process lifecycle of a sync run as a service: the {@code --notification-script} events, {@code --pid-file},
 * {@code --notify-systemd} and a SIGTERM in the middle of a sync. Runs that need a process of their own (signals,
 * environment variables, systemd's socket) run the CLI in a child JVM; the others run it in this JVM.
 */
class ProcessLifecycleTest extends EndToEndTest {

    private static final String TEMP_SUFFIX = ".icloud-tmp";
    /** ops.shutdown-timeout: how long a stop may wait for the files in progress. */
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 120;
    /** What the JVM exits with after a SIGTERM (128 + 15); the systemd unit declares it a success. */
    private static final int SIGTERM_EXIT = 143;

    private final List<Child> children = new ArrayList<>();
    private final List<Process> helpers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Child child : children) {
            child.kill();
        }
        helpers.forEach(Process::destroyForcibly);
        fake.faults().reset();
    }

    // ---------------------------------------------------------------- --notification-script

    @Test
    void aSuccessfulRunNotifiesItsStartAndItsCompletionWithTheCounts() throws Exception {
        FakeAccount account = account("notify-ok@example.com", 12);
        CliRunner cli = signedIn("notify-ok@example.com");
        Notifications notifications = notifications(null);

        Result result = cli.sync(photos(), "", "--notification-script", notifications.script().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> files = LocalFiles.published(photos());
        assertThat(LocalFiles.counts(files)).isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        List<Event> events = notifications.events();
        assertThat(events).extracting(Event::name).containsExactly("sync_started", "sync_complete");
        events.forEach(event -> assertThat(event.argument()).as("the event is the first argument too").isEqualTo(event.name()));
        Event started = events.get(0);
        assertThat(started.get("ACCOUNT")).isEqualTo("notify-ok@example.com");
        assertThat(started.get("DOWNLOADED")).isEqualTo("0");
        Event complete = events.get(1);
        assertThat(complete.get("STATUS")).isEqualTo("success");
        assertThat(complete.get("DOWNLOADED")).as("one per file written").isEqualTo(Integer.toString(files.size()));
        assertThat(complete.get("FAILED")).isEqualTo("0");
        assertThat(complete.get("ALREADY_PRESENT")).isEqualTo("0");
        assertThat(Long.parseLong(complete.get("BYTES"))).isEqualTo(totalSize(photos(), files));
        assertThat(Long.parseLong(complete.get("ASSETS_SEEN"))).isPositive();
        assertThat(complete.get("MESSAGE")).isEmpty();
        notifications.assertNoSecret();
    }

    @Test
    void aFailingRunNotifiesSyncFailedWithTheReason() throws Exception {
        account("notify-fail@example.com", 6);
        CliRunner cli = signedIn("notify-fail@example.com");
        Notifications notifications = notifications(null);
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 400, null, 1,
                "{\"serverErrorCode\":\"BAD_REQUEST\",\"reason\":\"Unknown field 'startRank'\"}");

        Result result = cli.sync(photos(), "", "--notification-script", notifications.script().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<Event> events = notifications.events();
        assertThat(events).extracting(Event::name).containsExactly("sync_started", "sync_failed");
        Event failed = events.get(1);
        assertThat(failed.get("STATUS")).isEqualTo("failed");
        assertThat(failed.get("MESSAGE")).as("what a person reads in a mail or chat message")
                .contains("records/query", "400", "BAD_REQUEST", "Unknown field 'startRank'")
                .doesNotContain("Exception", "\tat ", "null");
        assertThat(failed.get("DOWNLOADED")).isEqualTo("0");
        notifications.assertNoSecret();
    }

    @Test
    void throttlingWithRetryAfterIsNotifiedOnceAndTheRunStillCompletes() throws Exception {
        FakeAccount account = account("notify-throttled@example.com", 6);
        CliRunner cli = signedIn("notify-throttled@example.com");
        Notifications notifications = notifications(null);
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 429, 1, 2);

        Result result = cli.sync(photos(), "", "--notification-script", notifications.script().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        List<Event> events = notifications.events();
        assertThat(events).extracting(Event::name).as("at most one throttled event a cycle")
                .containsExactly("sync_started", "throttled", "sync_complete");
        assertThat(events.get(1).get("MESSAGE")).contains("records/query", "429", "waiting 1 s");
        notifications.assertNoSecret();
    }

    /** A server fault is retried, but it is not Apple throttling the account: no throttled event for it. */
    @Test
    void aServerErrorIsRetriedWithoutAThrottledEvent() throws Exception {
        FakeAccount account = account("notify-500@example.com", 6);
        CliRunner cli = signedIn("notify-500@example.com");
        Notifications notifications = notifications(null);
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 500, 1, 1);

        Result result = cli.sync(photos(), "", "--notification-script", notifications.script().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(notifications.events()).extracting(Event::name).containsExactly("sync_started", "sync_complete");
    }

    /**
     * A one-off sync ends when its cycle's exchange ends, not as soon as the counts are final: the notification
     * script and --report-json come after them. Stopping Camel under them cut them short, and Camel dumped the
     * blocked exchange into the log with its body, the database's sync token.
     */
    @Test
    void aOneOffSyncEndsAfterItsLastNotificationAndDumpsNoExchange() throws Exception {
        String appleId = "oneoff-end@example.com";
        account(appleId, 4);
        signedIn(appleId);
        Path dir = Files.createDirectories(home.resolve("slow-notify"));
        Path finished = dir.resolve("sync_complete.done");
        Path script = Files.writeString(dir.resolve("notify.sh"), "#!/bin/sh\n"
                + "if [ \"$ICLOUD_PHOTOS_EVENT\" = sync_complete ]; then sleep 3; touch '" + finished + "'; fi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        // a stop that waited for the script would not show the fault: Camel gives up on it after a second
        Path config = Files.writeString(dir.resolve("short-stop.properties"), "ops.shutdown-timeout=1\n");
        Path report = dir.resolve("report.json");

        Child child = start(new ChildCli(fake, home.resolve("state"), appleId), "--notification-script",
                script.toString(), "--config", config.toString(), "--report-json", report.toString());

        assertThat(child.awaitExit(90)).as(child.output()).isZero();
        String output = child.output();
        assertThat(finished).as("the script ran to its end\n" + output).exists();
        assertThat(report).exists();
        assertThat(output).doesNotContain("inflight", "Blocked Thread", "Interrupted while waiting", "notification failed");
        List<Map<String, Object>> tokens = StateDb.of(home.resolve("state"), appleId)
                .rows("SELECT sync_token FROM database_token");
        assertThat(tokens).isNotEmpty().allSatisfy(row -> assertThat(output).doesNotContain((String) row.get("sync_token")));
        StoredSecrets.assertNoneIn(output, home.resolve("state"), appleId);
    }

    /**
     * Unattended watch mode (a service) that Apple asks for a code: the cycle waits, the script hears
     * 2fa_required with where to send the code, {@code login --code} from another process finishes the sign-in and
     * the sync completes. The password comes from ICLOUD_PASSWORD, which the script must not inherit.
     */
    @Test
    void twoFactorRequiredIsNotifiedAndTheCodeFromLoginLetsTheWatchingSyncGoOn() throws Exception {
        FakeAccount account = account("notify-2fa@example.com", 5);
        Notifications notifications = notifications(null);
        int port = freePort();
        Child child = start(new ChildCli(fake, home.resolve("state"), "notify-2fa@example.com")
                .withoutPasswordFlag().env("ICLOUD_PASSWORD", FakeDefaults.PASSWORD),
                "--watch-with-interval", "3600", "--http-port", Integer.toString(port),
                "--notification-script", notifications.script().toString());

        awaitOrFail(Duration.ofSeconds(40), () -> exited(child) || notifications.has("2fa_required"), child::output);
        Event codeNeeded = notifications.events().stream().filter(e -> e.name().equals("2fa_required")).findFirst()
                .orElseThrow(() -> new AssertionError("no 2fa_required event\n" + child.output()));
        assertThat(codeNeeded.get("MFA_URL")).isEqualTo("http://127.0.0.1:" + port + "/mfa");
        assertThat(codeNeeded.get("MESSAGE")).contains("two-factor code", "login --code");
        assertThat(LocalFiles.published(photos())).as("nothing synced without the code").isEmpty();

        Result login = cli("notify-2fa@example.com").login("", "--code", FakeDefaults.CODE);
        assertThat(login.exitCode()).as(login + "\n--- child\n" + child.output()).isZero();
        awaitOrFail(Duration.ofSeconds(30), () -> exited(child) || notifications.has("sync_complete"), child::output);
        assertThat(notifications.events()).extracting(Event::name).as(child.output())
                .containsExactly("sync_started", "2fa_required", "sync_complete");
        Map<String, String> files = LocalFiles.published(photos());
        assertThat(LocalFiles.counts(files)).isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(notifications.events().get(2).get("DOWNLOADED")).isEqualTo(Integer.toString(files.size()));

        child.process().destroy();
        assertThat(child.awaitExit(60)).as(child.output()).isEqualTo(SIGTERM_EXIT);
        notifications.assertNoSecret();
        assertThat(child.output()).doesNotContain(FakeDefaults.PASSWORD);
    }

    /**
     * The script gets what a program needs to run and the event's variables, nothing else of the sync's environment:
     * neither ICLOUD_PASSWORD nor a secret whose name nobody foresaw. A child JVM, to give the sync an environment.
     */
    @Test
    void theScriptInheritsOnlyAllowedVariablesSoNoSecretReachesItWhateverItsName() throws Exception {
        account("notify-env@example.com", 3);
        signedIn("notify-env@example.com");
        Notifications notifications = notifications(null);
        String awsSecret = "aws-secret-of-the-test";
        String someToken = "token-of-the-test";
        Child child = start(new ChildCli(fake, home.resolve("state"), "notify-env@example.com")
                .withoutPasswordFlag().env("ICLOUD_PASSWORD", FakeDefaults.PASSWORD)
                .env("AWS_SECRET_ACCESS_KEY", awsSecret).env("SOME_TOKEN", someToken)
                .env("HOME", home.toString()).env("LC_TIME", "C").env("TZ", "UTC"),
                "--notification-script", notifications.script().toString());

        assertThat(child.awaitExit(60)).as(child.output()).isZero();
        List<Event> events = notifications.events();
        assertThat(events).extracting(Event::name).containsExactly("sync_started", "sync_complete");
        for (Event event : events) {
            assertThat(event.variables()).as(event.name())
                    .containsEntry("PATH", System.getenv("PATH")).containsEntry("HOME", home.toString())
                    .containsEntry("LC_TIME", "C").containsEntry("TZ", "UTC")
                    .doesNotContainKeys("ICLOUD_PASSWORD", "AWS_SECRET_ACCESS_KEY", "SOME_TOKEN");
        }
        assertThat(events.get(1).variables()).as("the variables the README documents")
                .containsKeys(Stream.of("EVENT", "ACCOUNT", "STATUS", "ASSETS_SEEN", "DOWNLOADED", "ALREADY_PRESENT",
                                "FAILED", "SKIPPED", "BYTES", "DURATION_SECONDS", "CONSECUTIVE_FAILURES",
                                "TRUST_DAYS_LEFT", "MESSAGE")
                        .map(name -> "ICLOUD_PHOTOS_" + name).toArray(String[]::new));
        notifications.assertNoSecret(awsSecret, someToken);
    }

    // ---------------------------------------------------------------- --pid-file

    @Test
    void thePidFileNamesTheRunningProcessReplacesAStaleOneAndIsRemovedAtTheEnd() throws Exception {
        FakeAccount account = account("pid-stale@example.com", 5);
        CliRunner cli = signedIn("pid-stale@example.com");
        Path pidFile = home.resolve("run").resolve("sync.pid");
        Files.createDirectories(pidFile.getParent());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(pidFile, gone.pid() + "\n");
        Notifications notifications = notifications(pidFile);

        Result result = cli.sync(photos(), "", "--pid-file", pidFile.toString(),
                "--notification-script", notifications.script().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(notifications.pidsSeen()).as("the PID file while the sync ran (read by the notification script)")
                .containsExactly(Long.toString(ProcessHandle.current().pid()), Long.toString(ProcessHandle.current().pid()));
        assertThat(pidFile).as("removed when the run ends").doesNotExist();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }

    @Test
    void aPidFileOfALiveProcessRefusesTheRunBeforeItSyncsAnything() throws Exception {
        account("pid-live@example.com", 5);
        CliRunner cli = signedIn("pid-live@example.com");
        Path pidFile = home.resolve("run").resolve("sync.pid");
        Files.createDirectories(pidFile.getParent());
        Process other = new ProcessBuilder("sleep", "120").start();
        helpers.add(other);
        Files.writeString(pidFile, other.pid() + "\n");
        fake.resetCounters();

        Result result = cli.sync(photos(), "", "--pid-file", pidFile.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("--pid-file " + pidFile, "running process " + other.pid());
        assertThat(pidFile).as("still the other process's").hasContent(other.pid() + "\n");
        assertThat(other.isAlive()).isTrue();
        assertThat(photos()).as("nothing synced").doesNotExist();
        assertThat(fake.requestLog()).as("not even a sign-in").isEmpty();
    }

    // ---------------------------------------------------------------- --notify-systemd

    @Test
    void systemdHearsReadyStatusWatchdogAndStoppingInOrder() throws Exception {
        account("systemd@example.com", 8);
        signedIn("systemd@example.com");
        Path socketPath = home.resolve("notify.sock");
        try (NotifySocket socket = new NotifySocket(socketPath)) {
            Child child = start(new ChildCli(fake, home.resolve("state"), "systemd@example.com")
                            .env("NOTIFY_SOCKET", socketPath.toString()).env("WATCHDOG_USEC", "2000000"),
                    "--watch-with-interval", "3600", "--http-port", Integer.toString(freePort()), "--notify-systemd");

            // the first cycle completes, then at least one watchdog ping comes after it
            awaitOrFail(Duration.ofSeconds(40), () -> exited(child) || socket.indexOf("STATUS=Last sync", 0) >= 0
                            && socket.indexOf("WATCHDOG=1", socket.indexOf("STATUS=Last sync", 0)) >= 0,
                    () -> "received " + socket.messages() + "\n" + child.output());
            assertThat(child.process().isAlive()).as(child.output()).isTrue();
            child.process().destroy();
            assertThat(child.awaitExit(60)).as(child.output()).isEqualTo(SIGTERM_EXIT);
            awaitOrFail(Duration.ofSeconds(5), () -> socket.indexOf("STOPPING=1", 0) >= 0,
                    () -> "received " + socket.messages() + "\n" + child.output());
            assertThat(child.output()).doesNotContain("Cannot notify systemd");

            List<String> messages = socket.messages();
            String all = String.join("\n---\n", messages);
            assertThat(messages.get(0)).as(all).contains("READY=1");
            int syncing = socket.indexOf("STATUS=Syncing", 0);
            int finished = socket.indexOf("STATUS=Last sync success: " + LocalFiles.published(photos()).size()
                    + " downloaded, 0 failed", 0);
            int stopping = socket.indexOf("STOPPING=1", 0);
            assertThat(syncing).as(all).isPositive();
            assertThat(finished).as(all).isGreaterThan(syncing);
            assertThat(stopping).as(all).isGreaterThan(finished);
            assertThat(socket.indexOf("WATCHDOG=1", finished)).as("pings while it runs: " + all).isBetween(finished, stopping);
        }
    }

    // ---------------------------------------------------------------- SIGTERM

    /**
     * SIGTERM in the middle of a first sync over a slow CDN: the files in progress finish, nothing new starts, the
     * process says so and exits well within the shutdown timeout, leaving no temp file, no PID file and only complete
     * files; the next run finishes the library without downloading any file the stopped run published.
     */
    @Test
    void sigtermMidSyncFinishesTheFilesInProgressAndTheNextRunResumes() throws Exception {
        String appleId = "sigterm@example.com";
        FakeAccount account = fake.createAccount(appleId, FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        new LibraryGenerator(8_405L).fixedSize(40_000).populate(zone, 40);
        Map<String, Long> expected = LocalFiles.expectedOriginals(zone);
        long expectedFiles = expected.values().stream().mapToLong(Long::longValue).sum();
        CliRunner cli = signedIn(appleId);
        Path pidFile = home.resolve("run").resolve("sync.pid");
        // 2 s a file, four at a time: the whole library would take over 20 s
        fake.faults().cdn(CdnFault.slow(20_000));
        fake.resetCounters();

        Child child = start(new ChildCli(fake, home.resolve("state"), appleId),
                "--threads-num", "4", "--pid-file", pidFile.toString());
        awaitOrFail(Duration.ofSeconds(40), () -> exited(child) || LocalFiles.published(photos()).size() >= 3,
                child::output);
        assertThat(child.process().isAlive()).as("still syncing\n" + child.output()).isTrue();
        assertThat(pidFile).hasContent(child.process().pid() + "\n");
        long signalled = System.nanoTime();
        child.process().destroy();
        int exit = child.awaitExit(SHUTDOWN_TIMEOUT_SECONDS + 30);
        long stopSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
        fake.faults().clearCdn();

        String output = child.output();
        assertThat(exit).as(output).isNotZero();
        assertThat(stopSeconds).as("stopped within the shutdown timeout\n" + output).isLessThan(SHUTDOWN_TIMEOUT_SECONDS);
        assertThat(output).as("says it stopped and that the next run resumes").contains("Stopped", "the next run resumes");
        assertThat(output).as("a requested stop is no error").doesNotContain(" ERROR ", "Exception");
        Map<String, String> stopped = LocalFiles.published(photos());
        assertThat((long) stopped.size()).as("the stop landed mid-sync\n" + output).isLessThan(expectedFiles);
        assertThat(LocalFiles.leftovers(photos(), TEMP_SUFFIX)).as("temp files left\n" + output).isEmpty();
        Map<String, FakeResource> library = LocalFiles.originalsBySha(zone);
        assertThat(stopped.values()).as("every file is complete and one of the library's").allMatch(library::containsKey);
        assertThat(pidFile).as("the PID file is removed on a stop too").doesNotExist();

        fake.resetCounters();
        Result resumed = cli.sync(photos(), "");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        stopped.forEach((path, sha) -> assertThat(fake.cdnGets(library.get(sha)))
                .as(path + " was published by the stopped run, yet downloaded again").isZero());
        assertThat((long) fake.calls(Endpoint.CDN)).as("only the rest of the library is downloaded")
                .isEqualTo(expectedFiles - stopped.size());
        Map<String, String> all = LocalFiles.published(photos());
        assertThat(all).containsAllEntriesOf(stopped);
        assertThat(LocalFiles.counts(all)).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- helpers

    private Child start(ChildCli cli, String... flags) throws IOException {
        Child child = cli.sync(photos(), Files.createTempFile(home, "child-", ".log"), flags);
        children.add(child);
        return child;
    }

    /** Waits for a condition; on time-out fails with what explains it. */
    private static void awaitOrFail(Duration timeout, Callable<Boolean> condition, Supplier<String> diagnostics) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics.get(), e);
        }
    }

    private static boolean exited(Child child) {
        return !child.process().isAlive();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long totalSize(Path root, Map<String, String> files) {
        return files.keySet().stream().mapToLong(path -> {
            try {
                return Files.size(root.resolve(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
    }

    /** One run of the notification script: its argument and its environment. */
    record Event(String name, String argument, Map<String, String> variables) {
        String get(String key) {
            return variables.get("ICLOUD_PHOTOS_" + key);
        }
    }

    /**
     * A notification script that appends, per event, a header line and its whole environment to a file, and (when
     * given a PID file) what that file holds at the time.
     */
    private static final String END_OF_EVENT = "=== end of event";

    private Notifications notifications(Path pidFile) throws IOException {
        Path dir = Files.createDirectories(home.resolve("notify"));
        Path script = dir.resolve("notify.sh");
        Path log = dir.resolve("events.env");
        Path pids = dir.resolve("pids.txt");
        String body = "#!/bin/sh\n"
                // the end line tells a reader that the event's variables are all there
                + "{ echo \"=== $ICLOUD_PHOTOS_EVENT $1\"; env; echo '" + END_OF_EVENT + "'; } >> '" + log + "'\n"
                + (pidFile == null ? "" : "if [ -f '" + pidFile + "' ]; then cat '" + pidFile + "' >> '" + pids + "'; fi\n")
                + "exit 0\n";
        Files.writeString(script, body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new Notifications(script, log, pids);
    }

    private record Notifications(Path script, Path log, Path pids) {

        /** A line of {@code env} that starts a variable, rather than continuing a value of several lines. */
        private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=");

        List<Event> events() throws IOException {
            List<Event> events = new ArrayList<>();
            if (!Files.exists(log)) {
                return events;
            }
            String name = null;
            String argument = null;
            Map<String, String> variables = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.equals(END_OF_EVENT)) {
                    events.add(new Event(name, argument, variables));
                    name = null;
                    variables = null;
                } else if (line.startsWith("=== ")) {
                    String[] parts = line.substring(4).split(" ", 2);
                    name = parts[0];
                    argument = parts.length > 1 ? parts[1] : "";
                    variables = new LinkedHashMap<>();
                } else if (variables != null && VARIABLE.matcher(line).lookingAt()) {
                    variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            // an event without its end line is still being written
            return events;
        }

        boolean has(String event) throws IOException {
            return events().stream().anyMatch(e -> e.name().equals(event));
        }

        List<String> pidsSeen() throws IOException {
            return Files.exists(pids) ? Files.readAllLines(pids, StandardCharsets.UTF_8) : List.of();
        }

        /** No event's environment holds the password, nor any of {@code otherSecrets}, under any variable. */
        void assertNoSecret(String... otherSecrets) throws IOException {
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("the script's environment")
                    .doesNotContain(Stream.concat(Stream.of(FakeDefaults.PASSWORD), Stream.of(otherSecrets))
                            .toArray(String[]::new));
        }
    }

    /** systemd's end of {@code $NOTIFY_SOCKET}: a unix datagram socket collecting what the service sends. */
    private static final class NotifySocket implements AutoCloseable {

        private final UnixDatagramChannel channel;
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile boolean open = true;

        NotifySocket(Path path) throws IOException {
            channel = UnixDatagramChannel.open();
            channel.bind(new UnixSocketAddress(path.toFile()));
            channel.configureBlocking(false);
            reader = new Thread(this::read, "notify-socket");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (open) {
                buffer.clear();
                try {
                    channel.receive(buffer);
                } catch (IOException nothingYet) {
                    // jnr reports EAGAIN of a non-blocking socket as an IOException
                }
                if (buffer.position() > 0) {
                    buffer.flip();
                    messages.add(StandardCharsets.UTF_8.decode(buffer).toString());
                    continue;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        /** The index of the first message at or after {@code from} that contains {@code text}, or -1. */
        int indexOf(String text, int from) {
            List<String> all = messages();
            for (int i = Math.max(0, from); i < all.size(); i++) {
                if (all.get(i).contains(text)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() throws Exception {
            open = false;
            reader.join(2_000);
            channel.close();
        }
    }
}

package com.camelicloud.photos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.CdnFault;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeResource;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.AccountsConfig;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.PostgresServer;
import com.camelicloud.photos.testing.TcpProxy;
import com.camelicloud.photos.testing.WatchProcess;
import com.camelicloud.photos.testing.ZooKeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several nodes, started with the same configuration, the same PostgreSQL and the same ZooKeeper (both real servers
 * on loopback), each a child JVM in watch mode with a data directory of its own, all writing one destination folder
 * (a shared mount, as far as each node can tell). Each account's sync runs on one node at a time, nodes started together
 * share the accounts out, and when a node is killed the others finish its jobs from the last committed page.
 */
class ClusterTest extends EndToEndTest {

    private static final String TEMP_FOLDER = ".icloud-photos-tmp";
    private static final String TEMP_SUFFIX = ".icloud-tmp";
    /** ZooKeeper's session timeout: how long a dead leader holds the account before another node takes over. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** Slow enough for a sync of a few hundred items to take some seconds, so that it can be killed half-way. */
    private static final long SLOW_CDN_BYTES_PER_SECOND = 120_000;

    /** Six small libraries: a copy that lasts a few seconds per account at this pace. */
    private static final int SIX_ACCOUNTS_ITEMS = 30;
    private static final long SIX_ACCOUNTS_CDN_BYTES_PER_SECOND = 60_000;

    private static ZooKeeperServer zookeeper;
    private static PostgresServer postgres;

    private final List<Child> nodes = new ArrayList<>();
    /** Each node's ops HTTP port. */
    private final Map<Child, Integer> httpPorts = new HashMap<>();

    @BeforeAll
    static void startServers() throws Exception {
        assumeTrue(ZooKeeperServer.isInstalled(), "ZooKeeper is not installed here (apt-get install zookeeper; .ci/run "
                + "installs it): the cluster tests need a real ZooKeeper server");
        zookeeper = new ZooKeeperServer();
        postgres = new PostgresServer();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @AfterEach
    void killNodes() throws InterruptedException {
        fake.faults().clearCdn();
        for (Child node : nodes) {
            node.kill();
        }
    }

    @Test
    void aLeaderKilledMidSyncIsTakenOverAndTheCopyEndsCompleteWithNothingDownloadedTwice() throws Exception {
        String appleId = "cluster@example.com";
        FakeZone zone = account(appleId, 240).primaryZone();
        Map<String, Long> expected = LocalFiles.expectedOriginals(zone);
        Path config = config("kill");
        fake.faults().cdn(CdnFault.slow(SLOW_CDN_BYTES_PER_SECOND));
        for (int i = 0; i < 3; i++) {
            nodes.add(startNode(appleId, i, config));
        }

        Child leader = awaitLeader(nodes, Duration.ofSeconds(60));
        await(() -> "a third of the library copied by the leader\n" + leader.output(), Duration.ofSeconds(60),
                () -> LocalFiles.published(photos()).size() >= expected.size() / 3);
        assertThat(leaders(nodes)).as("one node syncs the account").containsExactly(leader);
        for (Child standby : nodes.stream().filter(node -> node != leader).toList()) {
            HttpResponse<String> health = healthz(standby);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"STANDBY\"");
        }

        leader.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();
        List<String> inFlight = tempFiles();
        Map<String, String> publishedAtKill = LocalFiles.published(photos());
        assertThat(publishedAtKill.size()).as("killed mid-sync").isLessThan(expected.size());
        fake.faults().clearCdn();

        List<Child> survivors = nodes.stream().filter(node -> node != leader).toList();
        Child next = awaitLeader(survivors, Duration.ofSeconds(30));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(takeover).as("takeover after the leader's session expired").isLessThan(Duration.ofSeconds(30));

        await(() -> "the survivor finishes the copy\n" + next.output(), Duration.ofSeconds(90),
                () -> next.output().contains("Done in"));
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .as("nothing missing or duplicated, every file whole").isEqualTo(expected);
        assertThat(LocalFiles.leftovers(photos(), TEMP_SUFFIX)).as("temp files left").isEmpty();
        assertThat(leaders(survivors)).as("one node took over").containsExactly(next);

        // distinct: assets that share a master list the same resource, which is one temp file in flight
        List<String> downloadedTwice = resources(zone).distinct().filter(resource -> fake.cdnGets(resource) > 1)
                .map(FakeResource::toString).toList();
        assertThat(downloadedTwice.size()).as("downloaded twice " + downloadedTwice + ": only files in flight at the "
                + "kill " + inFlight).isLessThanOrEqualTo(inFlight.size());
    }

    /**
     * The network between the leader and ZooKeeper goes silent (no packet either way, nothing closed): the leader
     * notices by its own timeout, two thirds of the session timeout, and stops writing before ZooKeeper expires its
     * session and lets another node lead.
     */
    @Test
    void aLeaderCutOffFromZooKeeperStopsWritingBeforeAnotherNodeTakesOver() throws Exception {
        String appleId = "partition@example.com";
        FakeZone zone = account(appleId, 240).primaryZone();
        Map<String, Long> expected = LocalFiles.expectedOriginals(zone);
        fake.faults().cdn(CdnFault.slow(SLOW_CDN_BYTES_PER_SECOND));
        try (TcpProxy network = new TcpProxy(zookeeper.port())) {
            Child cutOff = startNode(appleId, 0, config("partition", network.address()));
            nodes.add(cutOff);
            awaitLeader(List.of(cutOff), Duration.ofSeconds(60));
            Child other = startNode(appleId, 1, config("partition", zookeeper.connectString()));
            nodes.add(other);
            await(() -> "a quarter of the library copied by the leader\n" + cutOff.output(), Duration.ofSeconds(60),
                    () -> LocalFiles.published(photos()).size() >= expected.size() / 4);

            network.blackhole();
            Child next = awaitLeader(List.of(other), Duration.ofSeconds(30));
            String lost = "no longer leads";
            await(() -> "the cut-off node stops\n" + cutOff.output(), Duration.ofSeconds(10),
                    () -> cutOff.output().contains(lost));
            LocalTime takenOver = logTime(next.output(), "in the cluster now");
            assertThat(logTime(cutOff.output(), lost)).as("stopped before another node took over\n" + cutOff.output()
                    + "\n----\n" + next.output()).isBefore(takenOver);
            assertThat(cutOff.output().lines().filter(line -> line.contains(" Downloaded ")).map(ClusterTest::time))
                    .as("files the cut-off node published, all before the other node led at " + takenOver)
                    .allMatch(published -> published.isBefore(takenOver));
            fake.faults().clearCdn();

            await(() -> "the other node finishes the copy\n" + next.output(), Duration.ofSeconds(90),
                    () -> next.output().contains("Done in"));
            assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                    .as("nothing missing or duplicated, every file whole").isEqualTo(expected);
            assertThat(LocalFiles.leftovers(photos(), TEMP_SUFFIX)).as("temp files left").isEmpty();

            // the network comes back: the node that was cut off is a candidate again, and leads when the other dies
            network.heal();
            await(() -> "the cut-off node joins again\n" + cutOff.output(), Duration.ofSeconds(30),
                    () -> cutOff.output().contains("joins again"));
            next.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            await(() -> "the node that was cut off leads again\n" + cutOff.output(), Duration.ofSeconds(30),
                    () -> cutOff.output().indexOf("in the cluster now") != cutOff.output().lastIndexOf("in the cluster now"));
        }
    }

    /**
     * The three nodes, six accounts: one file lists six accounts, each syncing into a folder of its own that
     * every node writes. Nodes started together share the accounts out; the node that leads the most is killed
     * mid-sync, and the survivors take its accounts over and finish them.
     */
    @Test
    void threeNodesShareSixAccountsAndTheSurvivorsFinishThoseOfANodeKilledMidSync() throws Exception {
        List<String> names = List.of("ada", "ben", "cleo", "dirk", "eve", "finn");
        Map<String, FakeZone> zones = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(List.of("icloud.auth-endpoint=" + fake.authEndpoint(),
                "icloud.setup-endpoint=" + fake.setupEndpoint()));
        for (String name : names) {
            zones.put(name, account(appleId(name), SIX_ACCOUNTS_ITEMS).primaryZone());
            lines.addAll(AccountsConfig.account(home, name, appleId(name)));
        }
        Path config = config("six", zookeeper.connectString(), lines);
        for (int i = 0; i < 3; i++) {
            signedInNode(i, names.stream().map(ClusterTest::appleId).toList());
        }
        fake.faults().cdn(CdnFault.slow(SIX_ACCOUNTS_CDN_BYTES_PER_SECOND));
        for (int i = 0; i < 3; i++) {
            nodes.add(startAccountsNode(i, config));
        }

        await(() -> "every account led\n" + outputs(nodes), Duration.ofSeconds(60),
                () -> names.stream().noneMatch(name -> leadersOf(appleId(name), nodes).isEmpty()));
        Map<Child, List<String>> led = new HashMap<>();
        for (String name : names) {
            assertThat(leadersOf(appleId(name), nodes)).as("one node syncs " + name).hasSize(1);
            led.computeIfAbsent(leadersOf(appleId(name), nodes).get(0), node -> new ArrayList<>()).add(name);
        }
        assertThat(led.values()).as("the accounts spread over the nodes").allMatch(some -> some.size() < names.size());
        Child killed = led.keySet().stream().max(Comparator.comparing(node -> led.get(node).size())).orElseThrow();
        List<String> orphans = led.get(killed);
        assertThat(orphans).as("the node killed leads two accounts or more").hasSizeGreaterThanOrEqualTo(2);
        await(() -> "files of " + orphans + " copied by their leader\n" + killed.output(), Duration.ofSeconds(60),
                () -> orphans.stream().noneMatch(name -> LocalFiles.published(home.resolve(name)).isEmpty()));

        killed.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();
        List<String> inFlight = new ArrayList<>();
        for (String name : orphans) {
            inFlight.addAll(tempFiles(home.resolve(name)));
            assertThat(LocalFiles.counts(LocalFiles.published(home.resolve(name)))).as(name + " killed mid-sync")
                    .isNotEqualTo(LocalFiles.expectedOriginals(zones.get(name)));
        }
        fake.faults().clearCdn();

        List<Child> survivors = nodes.stream().filter(node -> node != killed).toList();
        await(() -> "the survivors lead " + orphans + "\n" + outputs(survivors), Duration.ofSeconds(30),
                () -> orphans.stream().noneMatch(name -> leadersOf(appleId(name), survivors).isEmpty()));
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("takeover after the leader's session expired")
                .isLessThan(Duration.ofSeconds(30));
        await(() -> "the survivors finish " + orphans + "\n" + outputs(survivors), Duration.ofSeconds(60),
                () -> orphans.stream().allMatch(name -> leadersOf(appleId(name), survivors).get(0).output()
                        .contains("[" + name + "] Done in")));
        await(() -> "every account copied\n" + outputs(nodes), Duration.ofSeconds(60), () -> names.stream()
                .allMatch(name -> LocalFiles.counts(LocalFiles.published(home.resolve(name)))
                        .equals(LocalFiles.expectedOriginals(zones.get(name)))));

        for (String name : names) {
            assertThat(leadersOf(appleId(name), survivors)).as("one survivor at a time syncs " + name).hasSize(1);
            assertThat(LocalFiles.leftovers(home.resolve(name), TEMP_SUFFIX)).as(name + "'s temp files left").isEmpty();
        }
        assertThat(nodes).as("no node lost an account but by the kill")
                .noneMatch(node -> node.output().contains("no longer leads"));
        // distinct: assets that share a master list the same resource, which is one temp file in flight
        List<String> downloadedTwice = zones.values().stream().flatMap(ClusterTest::resources).distinct()
                .filter(resource -> fake.cdnGets(resource) > 1).map(FakeResource::toString).toList();
        assertThat(downloadedTwice.size()).as("downloaded twice " + downloadedTwice + ": only files in flight at the "
                + "kill " + inFlight).isLessThanOrEqualTo(inFlight.size());
    }

    // ---------------------------------------------------------------- nodes

    /** The time of day logged on the first line that holds {@code text}. */
    private static LocalTime logTime(String log, String text) {
        return time(log.lines().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + text + "' in\n" + log)));
    }

    /** The time of day a log line starts with. */
    private static LocalTime time(String line) {
        return LocalTime.parse(line.substring(0, line.indexOf(' ')));
    }

    /** The configuration every node shares: the state in PostgreSQL, the cluster in ZooKeeper. */
    private Path config(String name) throws IOException {
        return config(name, zookeeper.connectString());
    }

    /** The shared configuration, reaching ZooKeeper at {@code zooKeeper}. */
    private Path config(String name, String zooKeeper) throws IOException {
        return config(name, zooKeeper, List.of());
    }

    /** The shared configuration, reaching ZooKeeper at {@code zooKeeper}, then {@code more} lines. */
    private Path config(String name, String zooKeeper, List<String> more) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "state.jdbc-url=" + postgres.jdbcUrl(),
                "cluster.enabled=true",
                "camel.beans.cluster=#class:org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService",
                "camel.beans.cluster.nodes=" + zooKeeper,
                "camel.beans.cluster.base-path=/camel-icloud-photos-" + name,
                "camel.beans.cluster.session-timeout=" + SESSION_TIMEOUT.toMillis()));
        lines.addAll(more);
        return Files.write(Files.createTempFile(home, name, ".properties"), lines);
    }

    /** A node: signed in with a data directory of its own, syncing the shared destination in watch mode. */
    private Child startNode(String appleId, int index, Path config) throws IOException {
        Path dataDir = signedInNode(index, List.of(appleId));
        int httpPort = WatchProcess.freePort();
        Child node = new ChildCli(fake, dataDir, appleId).sync(photos(), home.resolve("node-" + index + ".log"),
                "--watch-with-interval", "60", "--config", config.toString(), "--threads-num", "4",
                "--http-port", Integer.toString(httpPort));
        httpPorts.put(node, httpPort);
        return node;
    }

    /** A node syncing every account {@code config} lists, each into the folder the file names, in watch mode. */
    private Child startAccountsNode(int index, Path config) throws IOException {
        int httpPort = WatchProcess.freePort();
        Child node = ChildCli.startAsGiven(List.of("sync", "--config", config.toString(),
                "--data-dir", home.resolve("node-" + index).toString(), "--no-progress-bar",
                "--watch-with-interval", "60", "--threads-num", "2", "--http-port", Integer.toString(httpPort)),
                home.resolve("node-" + index + ".log"));
        httpPorts.put(node, httpPort);
        return node;
    }

    /** Node {@code index}'s data directory, where each of the Apple IDs signed in (two-factor answered). */
    private Path signedInNode(int index, List<String> appleIds) {
        Path dataDir = home.resolve("node-" + index);
        for (String appleId : appleIds) {
            CliRunner.Result login = new CliRunner(fake, dataDir, appleId).login(FakeDefaults.CODE + "\n");
            assertThat(login.exitCode()).as(login.toString()).isZero();
        }
        return dataDir;
    }

    /** The node's {@code GET /healthz}. */
    private HttpResponse<String> healthz(Child node) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPorts.get(node) + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The candidates that led the account at some point. */
    private static String appleId(String name) {
        return name + "@six.example.com";
    }

    private static List<Child> leadersOf(String appleId, List<Child> candidates) {
        String leads = "This node leads camel-icloud-photos-" + DataDirectory.accountKey(appleId) + " in the cluster now";
        return candidates.stream().filter(node -> node.output().contains(leads)).toList();
    }

    private static String outputs(List<Child> nodes) {
        return String.join("\n----\n", nodes.stream().map(Child::output).toList());
    }

    private static List<Child> leaders(List<Child> candidates) {
        return candidates.stream().filter(node -> node.output().contains("in the cluster now: its sync starts")).toList();
    }

    private static Child awaitLeader(List<Child> candidates, Duration timeout) throws InterruptedException {
        await(() -> "a node leads\n" + String.join("\n----\n", candidates.stream().map(Child::output).toList()), timeout,
                () -> !leaders(candidates).isEmpty() || candidates.stream().noneMatch(node -> node.process().isAlive()));
        assertThat(leaders(candidates)).as(() -> "no node leads; they all ended\n"
                + String.join("\n----\n", candidates.stream().map(Child::output).toList())).isNotEmpty();
        return leaders(candidates).get(0);
    }

    private static void await(Supplier<String> what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            Thread.sleep(100);
        }
    }

    // ---------------------------------------------------------------- files

    private List<String> tempFiles() throws IOException {
        return tempFiles(photos());
    }

    private static List<String> tempFiles(Path destination) throws IOException {
        Path folder = destination.resolve(TEMP_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static Stream<FakeResource> resources(FakeZone zone) {
        return zone.assets().stream().map(FakeAsset::resources).flatMap(resources -> resources.values().stream());
    }
}

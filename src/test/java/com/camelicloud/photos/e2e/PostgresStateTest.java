package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.state.SchemaMigrator;
import com.camelicloud.photos.state.StateDatabase;
import com.camelicloud.photos.state.StateLocation;
import com.camelicloud.photos.state.SyncStateRepository;
import com.camelicloud.photos.crash.CrashConfiguration;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.PostgresServer;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state on a real PostgreSQL server: the same SQL as on SQLite, one schema per account and destination, and the
 * sync behaves as it does with the embedded default.
 */
class PostgresStateTest extends EndToEndTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new PostgresServer();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    private String[] flags(String... more) throws IOException {
        Path config = Files.writeString(home.resolve("postgres.properties"), "state.jdbc-url=" + postgres.jdbcUrl() + "\n");
        List<String> flags = new ArrayList<>(List.of("--config", config.toString()));
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
    }

    private Result sync(CliRunner cli, Path destination, String... more) throws IOException {
        Result result = cli.sync(destination, "", flags(more));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void syncsIncrementallyWithItsStateInPostgresOneSchemaPerDestination() throws Exception {
        FakeAccount account = account("pg@example.com", 15);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("pg@example.com");
        List<String> before = schemas();

        sync(cli, photos(), "--on-delete", "quarantine");

        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(zone));
        List<String> created = new ArrayList<>(schemas());
        created.removeAll(before);
        assertThat(created).singleElement().asString().startsWith("icloud_photos_");
        String schema = created.get(0);
        assertThat(count(schema, "media_file")).isPositive();
        assertThat(count(schema, "zone_token")).isEqualTo(1);
        assertThat(rows("SELECT identity FROM " + schema + ".destination")).containsExactly(photos().toString());

        FakeAsset victim = zone.liveAssets().stream().filter(a -> !a.isLivePhoto()).findFirst().orElseThrow();
        zone.trash(victim.id());
        zone.addPhoto("PG_NEW_0001.JPG");
        fake.resetCounters();
        sync(cli, photos(), "--on-delete", "quarantine");
        assertThat(fake.cloudKitCalls()).isEqualTo(2);
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(photos().resolve(".deleted")).isDirectory();
        assertThat(rows("SELECT status FROM " + schema + ".asset WHERE asset_id = '" + victim.id() + "'"))
                .containsExactly("trashed");

        fake.resetCounters();
        sync(cli, photos(), "--on-delete", "quarantine");
        assertThat(fake.cloudKitCalls()).isEqualTo(1);

        // another destination of the same account: a schema of its own, a complete copy
        Path second = home.resolve("second");
        sync(cli, second, "--folder-structure", "none");
        assertThat(LocalFiles.counts(LocalFiles.published(second))).isEqualTo(LocalFiles.expectedOriginals(zone));
        assertThat(schemas()).hasSize(before.size() + 2);
        // and a layout change there moves its files, as with SQLite
        fake.resetCounters();
        sync(cli, second);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(second).keySet()).allMatch(path -> path.matches("\\d{4}/\\d{2}/\\d{2}/.*"));
    }

    /**
     * docs/protocol.md §4.3 rule 1 on PostgreSQL too: a process killed (as by kill -9) inside a page's commit, after
     * its masters and assets were written and before its files and token, leaves none of the page's rows; the next
     * run replays the page and completes the copy.
     */
    @Test
    void aKillInsideAPageCommitLeavesNoneOfItsRows() throws Exception {
        FakeAccount account = account("pgcrash@example.com", 30);
        signedIn("pgcrash@example.com");
        List<String> before = schemas();
        Child child = new ChildCli(fake, home.resolve("state"), "pgcrash@example.com")
                .systemProperty("camel.main.configuration-classes", CrashConfiguration.class.getName())
                .systemProperty("crash.at", "sending:sql://classpath:sql/upsert-media-file.sql")
                .sync(photos(), home.resolve("crash.log"), flags());

        assertThat(child.awaitExit(90)).as(child.output()).isEqualTo(CrashConfiguration.KILLED);
        List<String> created = new ArrayList<>(schemas());
        created.removeAll(before);
        String schema = created.get(0);
        assertThat(count(schema, "master")).as("masters written before the kill, in the commit").isZero();
        assertThat(count(schema, "asset")).as("assets written before the kill, in the commit").isZero();
        assertThat(count(schema, "zone_token")).isZero();
        assertThat(rows("SELECT count(*) FROM " + schema + ".media_file WHERE status <> 'publishing'"))
                .as("files recorded as stored").containsExactly("0");

        sync(signedIn("pgcrash@example.com"), photos());
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(count(schema, "zone_token")).isEqualTo(1);
    }

    /** The user in state.user, the password in a file (state.password-file): never in the URL or the config. */
    @Test
    void thePasswordComesFromAFileAndAWrongOneIsNamedWithoutIt() throws IOException {
        FakeAccount account = account("pgfile@example.com", 4);
        CliRunner cli = signedIn("pgfile@example.com");
        Path password = Files.writeString(home.resolve("db-password"), PostgresServer.PASSWORD + "\n");
        Path config = Files.writeString(home.resolve("file.properties"), "state.jdbc-url=" + postgres.url()
                + "\nstate.user=postgres\nstate.password-file=" + password + "\n");

        Result synced = cli.sync(photos(), "", "--config", config.toString());

        assertThat(synced.exitCode()).as(synced.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));

        Files.writeString(password, "not-the-password-42\n");
        Result refused = cli.sync(home.resolve("elsewhere"), "", "--config", config.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains(postgres.url()).contains("password authentication failed")
                .doesNotContain("not-the-password-42");
    }

    @Test
    void anUnreachableServerIsNamedWithoutItsCredentials() throws IOException {
        account("pgdown@example.com", 2);
        CliRunner cli = signedIn("pgdown@example.com");
        Path config = Files.writeString(home.resolve("down.properties"),
                "state.jdbc-url=jdbc:postgresql://127.0.0.1:1/photos?user=someone&password=hunter2\n");

        Result result = cli.sync(photos(), "", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("jdbc:postgresql://127.0.0.1:1/photos").doesNotContain("hunter2");
        assertThat(LocalFiles.published(photos())).isEmpty();
    }

    /**
     * The nodes of a cluster start together on one database: each opens the state of the same destination, creates
     * its schema and migrates it, and all of them start, with the schema migrated once.
     */
    @Test
    void processesStartingTogetherCreateAndMigrateTheSchemaOnce() throws Exception {
        int processes = 4;
        ExecutorService starts = Executors.newFixedThreadPool(processes);
        try {
            for (int round = 0; round < 3; round++) {
                StateLocation location = new StateLocation(postgres.jdbcUrl(), "/photos/together-" + round, true,
                        "icloud_photos_together_" + round);
                CyclicBarrier together = new CyclicBarrier(processes);
                List<Future<?>> opened = new ArrayList<>();
                for (int i = 0; i < processes; i++) {
                    opened.add(starts.submit(() -> {
                        together.await();
                        try (HikariDataSource pool = StateDatabase.dataSource(location, "", "", "", 1)) {
                            new SyncStateRepository(pool, location).migrate();
                        }
                        return null;
                    }));
                }
                for (Future<?> start : opened) {
                    start.get(60, TimeUnit.SECONDS);
                }
                assertThat(rows("SELECT version FROM " + location.schema() + ".schema_version ORDER BY 1"))
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, SchemaMigrator.currentSchemaVersion())
                                .mapToObj(String::valueOf).toList());
                assertThat(rows("SELECT identity FROM " + location.schema() + ".destination"))
                        .containsExactly(location.destinationIdentity());
            }
        } finally {
            starts.shutdownNow();
        }
    }

    private static List<String> schemas() throws SQLException {
        return rows("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'icloud_photos_%' "
                + "ORDER BY 1");
    }

    private static long count(String schema, String table) throws SQLException {
        return Long.parseLong(rows("SELECT count(*) FROM " + schema + "." + table).get(0));
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}

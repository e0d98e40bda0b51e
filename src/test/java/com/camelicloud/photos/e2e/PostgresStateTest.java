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

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.PostgresServer;
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

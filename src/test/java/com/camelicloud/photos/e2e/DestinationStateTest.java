package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.S3Server;
import com.camelicloud.photos.testing.SftpServer;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/** One data directory serves any number of destinations of an account, each with a state of its own. */
class DestinationStateTest extends EndToEndTest {

    private Result sync(CliRunner cli, Path destination, String... flags) {
        Result result = cli.sync(destination, "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void aSecondDestinationGetsACompleteCopyAndEachFollowsIcloudFromWhereItStopped() {
        FakeAccount account = account("two@example.com", 15);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("two@example.com");
        Path first = home.resolve("first");
        Path second = home.resolve("second");
        sync(cli, first);

        fake.resetCounters();
        sync(cli, second);
        assertThat(LocalFiles.counts(LocalFiles.published(second))).isEqualTo(LocalFiles.expectedOriginals(zone));
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(LocalFiles.expectedOriginals(zone).values().stream()
                .mapToLong(Long::longValue).sum());

        // the first destination missed a change the second one saw; it catches up from its own token
        zone.addPhoto("LATER_0001.JPG");
        sync(cli, second);
        fake.resetCounters();
        sync(cli, first);
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(LocalFiles.published(first)).isEqualTo(LocalFiles.published(second));

        fake.resetCounters();
        sync(cli, first);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(new DataDirectory(home.resolve("state")).databaseFiles("two@example.com")).hasSize(2);
    }

    /**
     * The same for an S3 bucket and an SFTP server after a folder: each gets a complete copy; a new folder structure
     * moves their files without a download (a server-side copy and delete on S3, a rename over SFTP); a rejected
     * zone token makes a full listing that checks every file there and downloads none.
     */
    @Test
    void s3AndSftpDestinationsGetTheirOwnCompleteCopyFollowLayoutChangesAndSurviveARejectedToken() throws Exception {
        FakeAccount account = account("remote@example.com", 10);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("remote@example.com");
        sync(cli, photos());
        Map<String, Long> expected = LocalFiles.expectedOriginals(zone);
        long files = expected.values().stream().mapToLong(Long::longValue).sum();
        try (S3Server s3 = new S3Server(); SftpServer sftp = new SftpServer(home.resolve("sftp-root"),
                home.resolve("sftp-host-key"))) {
            s3.createBucket("photos");
            String bucket = "s3://photos/library";
            for (String[] target : List.of(new String[] {bucket}, new String[] {sftp.uri("library")})) {
                String destination = target[0];
                boolean onS3 = destination.equals(bucket);
                java.util.function.Function<String[], String[]> flags = more -> {
                    try {
                        return onS3 ? s3.flags(home, more) : sftp.flags(home, more);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                java.util.function.Supplier<Map<String, String>> stored = () -> onS3 ? s3.objects("photos", "library/")
                        : LocalFiles.published(sftp.root().resolve("library"));

                fake.resetCounters();
                ok(cli.sync(destination, "", flags.apply(new String[0])));
                assertThat(LocalFiles.counts(stored.get())).as(destination).isEqualTo(expected);
                assertThat(fake.calls(Endpoint.CDN)).as(destination).isEqualTo(files);

                fake.resetCounters();
                ok(cli.sync(destination, "", flags.apply(new String[] {"--folder-structure", "none"})));
                assertThat(fake.calls(Endpoint.CDN)).as(destination).isZero();
                assertThat(stored.get().keySet()).as(destination).noneMatch(path -> path.contains("/"));
                assertThat(LocalFiles.counts(stored.get())).as(destination).isEqualTo(expected);

                fake.faults().invalidateZoneTokens();
                zone.favourite(zone.liveAssets().get(0).id());
                fake.resetCounters();
                ok(cli.sync(destination, "", flags.apply(new String[] {"--folder-structure", "none"})));
                assertThat(fake.calls(Endpoint.RECORDS_QUERY)).as(destination).isPositive();
                assertThat(fake.calls(Endpoint.CDN)).as(destination).isZero();
            }
        }
        // the folder synced first is untouched by all of it, and catches up on its own
        fake.resetCounters();
        sync(cli, photos());
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(expected);
        assertThat(new DataDirectory(home.resolve("state")).databaseFiles("remote@example.com")).hasSize(3);
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void aStateKeptBeforeStateWasPerDestinationStaysWithTheDestinationHoldingItsFiles() throws IOException {
        FakeAccount account = account("legacy@example.com", 10);
        FakeZone zone = account.primaryZone();
        CliRunner cli = signedIn("legacy@example.com");
        Path original = home.resolve("original");
        sync(cli, original);
        // as an earlier version left it: one database per account, belonging to no destination
        Path state = home.resolve("state");
        Path legacy = new DataDirectory(state).legacyDatabaseFile("legacy@example.com");
        Path current = StateDb.fileOf(state, "legacy@example.com");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path part = current.resolveSibling(current.getFileName() + suffix);
            if (Files.exists(part)) {
                Files.move(part, legacy.resolveSibling(legacy.getFileName() + suffix));
            }
        }
        new StateDb(legacy).execute("DELETE FROM destination");

        Path other = home.resolve("other");
        fake.resetCounters();
        sync(cli, other);
        assertThat(LocalFiles.counts(LocalFiles.published(other))).isEqualTo(LocalFiles.expectedOriginals(zone));
        assertThat(new StateDb(legacy).rows("SELECT * FROM destination")).isEmpty();

        fake.resetCounters();
        sync(cli, original);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(new StateDb(legacy).rows("SELECT identity FROM destination"))
                .extracting(row -> row.get("identity")).containsExactly(original.toString());
    }

    @Test
    void aStateDatabaseOfOnesOwnServesOneDestinationAndSaysSo() {
        account("own@example.com", 3);
        CliRunner cli = signedIn("own@example.com");
        Path database = home.resolve("own.db");
        String url = "jdbc:sqlite:" + database;
        sync(cli, home.resolve("first"), "--config", config("state.jdbc-url=" + url).toString());

        Result other = cli.sync(home.resolve("second"), "", "--config", config("state.jdbc-url=" + url).toString());

        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.stderr()).contains(database.toString(), "holds the state of " + home.resolve("first"),
                "state.jdbc-url");
        assertThat(home.resolve("second")).doesNotExist();
    }

    private Path config(String... lines) {
        try {
            return Files.writeString(home.resolve("settings.properties"), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

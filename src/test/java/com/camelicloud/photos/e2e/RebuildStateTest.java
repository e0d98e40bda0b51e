package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/**
 * A state database that cannot be used stops the run with one line saying what is wrong and what to run;
 * {@code verify --rebuild-state} (which then verifies the copy) or {@code import-existing --rebuild-state} moves it
 * aside and rebuilds the state from a full listing and the files in the destination, downloading none of them again,
 * not even those this tool wrote metadata into.
 */
class RebuildStateTest extends EndToEndTest {

    private static final String METADATA = "--set-exif-datetime";

    private Path state() {
        return home.resolve("state");
    }

    private Result sync(CliRunner cli) {
        Result result = cli.sync(photos(), "", METADATA);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private Result rebuild(CliRunner cli) {
        return cli.run("", List.of("import-existing", "-d", photos().toString(), "--no-progress-bar", "--rebuild-state",
                METADATA));
    }

    /** What the message of an unusable state says to run. */
    private Result verifyRebuild(CliRunner cli) {
        return cli.run("", List.of("verify", "-d", photos().toString(), "--no-progress-bar", "--rebuild-state",
                METADATA));
    }

    /** The one line a run that cannot use its state prints. */
    private static String failure(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines).as(result.toString()).hasSize(1);
        return lines.get(0);
    }

    private List<Path> setAside() throws IOException {
        try (Stream<Path> files = Files.list(state())) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.db\\.before-rebuild-[0-9-]+"))
                    .toList();
        }
    }

    @Test
    void aDamagedStateIsNamedAndRebuiltWithoutDownloadingWhatIsThere() throws IOException {
        account("damaged@example.com", 30);
        CliRunner cli = signedIn("damaged@example.com");
        sync(cli);
        Map<String, String> synced = LocalFiles.published(photos());
        Path database = StateDb.fileOf(state(), "damaged@example.com");
        List<Object> rewritten = StateDb.of(state(), "damaged@example.com").rows("SELECT f.path FROM media_file f "
                + "JOIN master m ON m.master_id = f.master_id WHERE f.rendition = 'original' AND f.size <> m.original_size")
                .stream().map(row -> row.get("path")).toList();
        assertThat(rewritten).as("JPEGs with metadata written into them").isNotEmpty();
        byte[] junk = new byte[16_384];
        new Random(7).nextBytes(junk);
        Files.write(database, junk);
        for (String journal : new String[] {"-wal", "-shm"}) {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + journal));
        }
        // --set-exif-datetime writes a sidecar for each file that cannot take EXIF: not part of the state
        List<String> media = synced.keySet().stream().filter(path -> !path.endsWith(".xmp")).sorted().toList();
        assertThat(media).hasSizeLessThan(synced.size());
        String lost = media.get(0);
        Files.delete(photos().resolve(lost));

        String message = failure(cli.sync(photos(), "", METADATA));
        assertThat(message).startsWith("Error: the state database " + database + " is not a SQLite database")
                .contains("verify --rebuild-state");

        fake.resetCounters();
        Result rebuilt = rebuild(cli);

        assertThat(rebuilt.exitCode()).as(rebuilt.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(rebuilt.stdout()).contains("Adopted " + (media.size() - 1) + " file(s) ("
                + rewritten.stream().filter(path -> !path.equals(lost)).count()
                + " with metadata written into them); 1 not matched").contains("not matched: " + lost)
                .contains("; 0 unexpected file(s) left alone.");
        assertThat(setAside()).hasSize(1);
        assertThat(Files.readAllBytes(setAside().get(0))).isEqualTo(junk);

        fake.resetCounters();
        sync(cli);
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(LocalFiles.published(photos())).isEqualTo(synced);
        fake.resetCounters();
        sync(cli);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }

    @Test
    void aStateOfANewerVersionIsNamedAndKeptAsideByTheRebuild() throws IOException {
        account("newer@example.com", 12);
        CliRunner cli = signedIn("newer@example.com");
        sync(cli);
        Map<String, String> synced = LocalFiles.published(photos());
        Path database = StateDb.fileOf(state(), "newer@example.com");
        new StateDb(database).execute("INSERT INTO schema_version (version) VALUES (99)");

        String message = failure(cli.sync(photos(), "", METADATA));
        assertThat(message).startsWith("Error: the state database " + database + " was written by a newer "
                + "camel-icloud-photos (schema version 99").contains("upgrade camel-icloud-photos")
                .contains("verify --rebuild-state");

        fake.resetCounters();
        Result rebuilt = verifyRebuild(cli);

        assertThat(rebuilt.exitCode()).as(rebuilt.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(rebuilt.stdout()).contains("; 0 not matched; 0 unexpected file(s) left alone.")
                .contains("Missing: 0, damaged: 0, unexpected: 0, left-over temp files: 0.").contains("All well.");
        assertThat(new StateDb(setAside().get(0)).rows("SELECT MAX(version) AS v FROM schema_version").get(0).get("v"))
                .isEqualTo(99);
        fake.resetCounters();
        sync(cli);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(LocalFiles.published(photos())).isEqualTo(synced);
    }
}

package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/** --dry-run and --only-print-filenames: what would happen, and nothing written. */
class DryRunTest extends EndToEndTest {


    @Test
    void onlyPrintFilenamesPrintsExactlyThePathsARealRunWrites() {
        account("print@example.com", 40);
        CliRunner cli = signedIn("print@example.com");
        Path photos = home.resolve("photos");
        fake.resetCounters();

        Result printed = cli.sync(photos, "", "--only-print-filenames");

        assertThat(printed.exitCode()).as(printed.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos)).isEmpty();
        assertThat(new DataDirectory(home.resolve("state")).databaseFiles("print@example.com")).isEmpty();
        List<String> lines = Arrays.asList(printed.stdout().split("\n"));

        Result real = cli.sync(photos, "");

        assertThat(real.exitCode()).as(real.toString()).isZero();
        List<String> written = LocalFiles.published(photos).keySet().stream()
                .map(relative -> photos.resolve(relative).toString()).toList();
        assertThat(lines).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void aDryRunAfterASyncListsOnlyWhatIsNewAndStoresNoToken() throws Exception {
        account("dry@example.com", 10);
        CliRunner cli = signedIn("dry@example.com");
        Path photos = home.resolve("photos");
        assertThat(cli.sync(photos, "").exitCode()).isZero();
        Path database = StateDb.fileOf(home.resolve("state"), "dry@example.com");
        byte[] before = Files.readAllBytes(database);
        String added = fake.account("dry@example.com").primaryZone().addPhoto("NEW_0001.JPG");

        Result dry = cli.sync(photos, "", "--only-print-filenames");

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout().strip()).endsWith("NEW_0001.JPG").doesNotContain("\n");
        assertThat(LocalFiles.published(photos).keySet()).noneMatch(path -> path.endsWith("NEW_0001.JPG"));
        assertThat(Files.readAllBytes(database)).isEqualTo(before);
        assertThat(added).isNotBlank();

        Result real = cli.sync(photos, "");
        assertThat(real.exitCode()).isZero();
        assertThat(LocalFiles.published(photos).keySet()).anyMatch(path -> path.endsWith("NEW_0001.JPG"));
    }
}

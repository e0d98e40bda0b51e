package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/**
 * A settings file (--config) and the environment are checked like flags, before any network call, and what they
 * set is what the routes do; a state database that is no database says so in one line.
 */
class ConfigurationTest extends EndToEndTest {

    private Path config(String... lines) throws IOException {
        return Files.write(home.resolve("my.properties"), List.of(lines));
    }

    @Test
    void badValuesAndMistypedKeysInAConfigFileStopBeforeAnyNetworkCallNamingFileLineAndAcceptedValues()
            throws IOException {
        account("badfile@example.com", 3);
        CliRunner cli = signedIn("badfile@example.com");
        Path file = config("# settings of mine", "policy.on-delete=nuke", "download.threads=-5", "content.sizes=huge",
                "layout.folder-structure=../../elsewhere/%Y", "polcy.on-hidden=skip");
        fake.resetCounters();

        Result result = cli.sync(photos(), "", "--config", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines()).as(result.toString()).containsExactly(
                "Error: unknown key 'polcy.on-hidden' in " + file + " line 6; did you mean 'policy.on-hidden'?",
                "Error: " + file + " line 3: download.threads must be between 1 and 64, not -5",
                "Error: " + file + " line 4: content.sizes: Invalid value 'huge' for --size; accepted values: original, "
                        + "medium, thumb, adjusted, alternative",
                "Error: " + file + " line 5: layout.folder-structure: Invalid --folder-structure "
                        + "'../../elsewhere/%Y': a '..' segment would leave the download directory",
                "Error: " + file + " line 2: policy.on-delete must be keep, quarantine or delete, not 'nuke'");
        assertThat(fake.requestLog()).as("not even a sign-in").isEmpty();
        assertThat(photos()).doesNotExist();
    }

    @Test
    void aConfigFileOfRandomBytesIsRefused() throws IOException {
        account("noise@example.com", 3);
        CliRunner cli = signedIn("noise@example.com");
        byte[] noise = new byte[2048];
        new Random(7).nextBytes(noise);
        Path file = Files.write(home.resolve("noise.bin"), noise);
        fake.resetCounters();

        Result result = cli.sync(photos(), "", "--config", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("Error: " + file + " line ").contains("not UTF-8 text");
        assertThat(fake.requestLog()).isEmpty();
        assertThat(photos()).doesNotExist();
    }

    /** The routes compare policies as lower-case words: a value checked but passed on as written was ignored. */
    @Test
    void aPolicyFromTheFileIsThePolicyTheRoutesApply() throws IOException {
        FakeAccount account = account("filepolicy@example.com", 6);
        CliRunner cli = signedIn("filepolicy@example.com");
        Path file = config("policy.on-delete = Quarantine");
        Result first = cli.sync(photos(), "", "--config", file.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        FakeAsset victim = account.primaryZone().liveAssets().get(0);
        String path = (String) StateDb.of(home.resolve("state"), "filepolicy@example.com")
                .rows("SELECT path FROM media_file WHERE file_key = ?", victim.masterId() + "/original").get(0).get("path");
        account.primaryZone().trash(victim.id());

        Result second = cli.sync(photos(), "", "--config", file.toString());

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(photos().resolve(path)).doesNotExist();
        assertThat(photos().resolve(".deleted").resolve(path)).exists();
    }

    /** Environment variables override the file and the defaults (DOWNLOAD_THREADS for download.threads), checked alike. */
    @Test
    void anEnvironmentVariableIsCheckedLikeAFlag() throws Exception {
        account("envvalue@example.com", 3);
        signedIn("envvalue@example.com");
        fake.resetCounters();

        Child child = new ChildCli(fake, home.resolve("state"), "envvalue@example.com").env("DOWNLOAD_THREADS", "-5")
                .sync(photos(), home.resolve("child.log"));

        assertThat(child.awaitExit(60)).as(child.output()).isEqualTo(1);
        assertThat(child.output()).contains("Error: environment variable DOWNLOAD_THREADS: download.threads must be "
                + "between 1 and 64, not -5");
        assertThat(fake.requestLog()).isEmpty();
    }

    @Test
    void aStateDatabaseOfRandomBytesIsNamedWithWhatToDo() throws IOException {
        account("baddb@example.com", 3);
        CliRunner cli = signedIn("baddb@example.com");
        Path database = new DataDirectory(home.resolve("state")).databaseFile("baddb@example.com",
                photos().toAbsolutePath().toString());
        byte[] noise = new byte[64 * 1024];
        new Random(3).nextBytes(noise);
        Files.write(database, noise);

        Result result = cli.sync(photos(), "");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines()).as(result.toString()).containsExactly("Error: the state database " + database
                + " is not a SQLite database (file is not a database); run `camel-icloud-photos verify "
                + "--rebuild-state` with the same -u and -d to move it aside (it is kept) and rebuild the state from "
                + "iCloud and the files already in the destination, downloading none of them again");
        assertThat(LocalFiles.published(photos())).isEmpty();
        assertThat(Files.readAllBytes(database)).as("left as it was").isEqualTo(noise);
    }
}

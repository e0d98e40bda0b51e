package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code status}: every destination of an account, per library, read from the data directory without iCloud. */
class StatusCommandTest extends EndToEndTest {

    @AfterEach
    void clearFaults() {
        fake.faults().reset();
    }

    private Result sync(CliRunner cli, Path destination, String... flags) {
        Result result = cli.sync(destination, "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private Result status(CliRunner cli, String... flags) {
        List<String> args = new ArrayList<>(List.of("status"));
        args.addAll(List.of(flags));
        return cli.run("", args);
    }

    @Test
    void everyDestinationPerLibraryWithoutAskingIcloud() throws IOException {
        String appleId = "status@example.com";
        FakeAccount account = account(appleId, 0);
        FakeZone primary = account.primaryZone();
        for (int i = 1; i <= 3; i++) {
            primary.addPhoto(String.format("IMG_%04d.JPG", i));
        }
        FakeZone shared = account.createSharedZone("00000000-1111-2222-3333-444444444444");
        shared.otherMemberAdds(LibraryGenerator.OTHER_MEMBER, PhotoSpec.photo("THEIRS_0001.JPG"));
        CliRunner cli = signedIn(appleId);
        Path everything = home.resolve("everything");
        Path personal = home.resolve("personal");
        sync(cli, everything, "--library", "all");
        sync(cli, personal);
        fake.resetCounters();

        Result all = status(cli);
        Result one = status(cli, "-d", personal.toString());

        assertThat(fake.requestLog()).as("status asks iCloud nothing").isEmpty();
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.stdout()).contains("Account " + appleId).containsPattern("Two-factor trust: about (29|30) more days")
                .contains("Destination " + everything.toAbsolutePath()).contains("Destination " + personal.toAbsolutePath())
                .contains("Library PrimarySync: 3 items, 3 files, " + bytes(everything, "IMG_") + ", 0 missing")
                .contains("Library " + shared.name() + ": 1 item, 1 file, " + bytes(everything, "THEIRS_") + ", 0 missing")
                .contains("Library PrimarySync: 3 items, 3 files, " + bytes(personal, "IMG_") + ", 0 missing")
                .containsPattern(", success after \\d+ s: 4 files downloaded")
                .containsPattern(", success after \\d+ s: 3 files downloaded")
                .contains("Missing files: none");
        assertThat(one.exitCode()).as(one.toString()).isZero();
        assertThat(one.stdout()).contains("Destination " + personal.toAbsolutePath())
                .doesNotContain("Destination " + everything.toAbsolutePath()).doesNotContain(shared.name());
    }

    @Test
    void aFailedLastSyncIsShownWithItsErrorAndTheLastCompletedOne() {
        String appleId = "status-failed@example.com";
        account(appleId, 4);
        CliRunner cli = signedIn(appleId);
        sync(cli, photos());
        fake.faults().failNext(Endpoint.CHANGES_DATABASE, 503, 0, 10);
        assertThat(cli.sync(photos(), "").exitCode()).isEqualTo(1);

        Result status = status(cli);

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).containsPattern("Last sync: [0-9-]+ [0-9:]+, failed after \\d+ s: [^\\n]*changes/database[^\\n]*503"
                + "[^\\n]*; last completed [0-9-]+ [0-9:]+");
    }

    @Test
    void anAccountOrDestinationNeverSyncedSaysSo() {
        String appleId = "status-none@example.com";
        account(appleId, 2);
        CliRunner cli = cli(appleId);

        Result never = status(cli);

        assertThat(never.exitCode()).isEqualTo(1);
        assertThat(never.stdout()).contains("Not signed in: run `login`");
        assertThat(never.stderr()).contains("no sync of " + appleId + " is recorded in " + home.resolve("state"));

        CliRunner signed = signedIn(appleId);
        sync(signed, photos());
        Result other = status(signed, "-d", home.resolve("elsewhere").toString());
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.stderr()).contains("no sync to " + home.resolve("elsewhere").toAbsolutePath())
                .contains("destinations recorded: " + photos().toAbsolutePath());
    }

    /** The total size of the files under {@code root} whose names start with {@code prefix}, as status prints it. */
    private static String bytes(Path root, String prefix) throws IOException {
        long total = 0;
        for (Map.Entry<String, String> file : LocalFiles.published(root).entrySet()) {
            if (Path.of(file.getKey()).getFileName().toString().startsWith(prefix)) {
                total += Files.size(root.resolve(file.getKey()));
            }
        }
        return total < 1024 ? total + " B" : String.format(Locale.ROOT, "%.1f KiB", total / 1024.0);
    }
}

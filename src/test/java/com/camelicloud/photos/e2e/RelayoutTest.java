package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/**
 * Changing the settings that decide paths moves the stored files to their new paths, without downloading them
 * again, and leaves the copy exactly as a fresh sync with the new settings would. Settings that add files fetch only
 * those; settings that leave files out leave the stored ones where they are.
 */
class RelayoutTest extends EndToEndTest {

    private Result sync(CliRunner cli, Path destination, String... flags) {
        Result result = cli.sync(destination, "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private List<String> audit(String appleId) throws IOException {
        Path log = home.resolve("state").resolve(appleId + ".audit.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void aNewFolderStructureMovesEveryFileWithoutDownloadingAndMatchesAFreshSync() throws IOException {
        FakeAccount account = account("relayout@example.com", 30);
        CliRunner cli = signedIn("relayout@example.com");
        sync(cli, photos());
        Map<String, String> dated = LocalFiles.published(photos());
        assertThat(dated.keySet()).allMatch(path -> path.matches("\\d{4}/\\d{2}/\\d{2}/.*"));

        fake.resetCounters();
        Result flat = sync(cli, photos(), "--folder-structure", "none");

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(flat.stderr()).contains(dated.size() + " moved to where the layout now puts them");
        Map<String, String> moved = LocalFiles.published(photos());
        assertThat(moved.keySet()).noneMatch(path -> path.contains("/"));
        assertThat(LocalFiles.counts(moved)).isEqualTo(LocalFiles.counts(dated));
        assertThat(LocalFiles.leftovers(photos(), ".icloud-tmp")).isEmpty();
        assertThat(audit("relayout@example.com")).hasSize(dated.size())
                .allMatch(line -> line.contains("\"reason\":\"relayout\""));
        // exactly what a fresh sync with the new settings writes
        Path fresh = home.resolve("fresh");
        sync(cli, fresh, "--folder-structure", "none");
        assertThat(moved).isEqualTo(LocalFiles.published(fresh));
        assertThat(StateDb.of(home.resolve("state"), "relayout@example.com", photos().toString())
                .rows("SELECT path FROM media_file WHERE path LIKE '%/%'")).isEmpty();

        fake.resetCounters();
        sync(cli, photos(), "--folder-structure", "none");
        assertThat(fake.cloudKitCalls()).isEqualTo(1);

        fake.resetCounters();
        sync(cli, photos());
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(dated);
        assertThat(account.primaryZone().liveAssets()).isNotEmpty();
    }

    @Test
    void albumFoldersFollowANewPatternAndTheirLinksComeAlong() throws IOException {
        FakeAccount account = fake.createAccount("albums@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String beach = zone.addPhoto(PhotoSpec.photo("BEACH.JPG").takenAt(Instant.parse("2024-07-01T12:00:00Z"))
                .timeZoneOffset(0));
        String party = zone.addPhoto(PhotoSpec.photo("PARTY.JPG").takenAt(Instant.parse("2024-12-24T20:00:00Z"))
                .timeZoneOffset(0));
        String trips = zone.createAlbum("Trips");
        String family = zone.createAlbum("Family");
        zone.addToAlbum(beach, trips);
        zone.addToAlbum(party, family);
        zone.addToAlbum(party, trips);
        CliRunner cli = signedIn("albums@example.com");
        sync(cli, photos(), "--folder-structure", "{album}/%Y");
        assertThat(LocalFiles.published(photos())).containsOnlyKeys("Trips/2024/BEACH.JPG", "Family/2024/PARTY.JPG",
                "Trips/2024/PARTY.JPG");

        fake.resetCounters();
        sync(cli, photos(), "--folder-structure", "{album}/%Y/%m");

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos())).containsOnlyKeys("Trips/2024/07/BEACH.JPG",
                "Family/2024/12/PARTY.JPG", "Trips/2024/12/PARTY.JPG");
        assertThat(Files.isSameFile(photos().resolve("Trips/2024/12/PARTY.JPG"),
                photos().resolve("Family/2024/12/PARTY.JPG"))).as("still a hard link").isTrue();
        assertThat(StateDb.of(home.resolve("state"), "albums@example.com").rows("SELECT path FROM album_link"))
                .containsExactly(Map.of("path", "Trips/2024/12/PARTY.JPG"));
        fake.resetCounters();
        sync(cli, photos(), "--folder-structure", "{album}/%Y/%m");
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }

    @Test
    void aDryRunSaysWhatWouldMoveAndMovesNothing() {
        account("relayoutdry@example.com", 8);
        CliRunner cli = signedIn("relayoutdry@example.com");
        sync(cli, photos());
        Map<String, String> before = LocalFiles.published(photos());

        Result dry = sync(cli, photos(), "--folder-structure", "none", "--only-print-filenames");

        assertThat(LocalFiles.published(photos())).isEqualTo(before);
        assertThat(dry.stdout().strip().split("\n")).hasSize(before.size())
                .allMatch(line -> Path.of(line).getParent().equals(photos()));
        fake.resetCounters();
        sync(cli, photos(), "--folder-structure", "none");
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos()).keySet()).noneMatch(path -> path.contains("/"));
    }

    @Test
    void aNewNamingPolicyRenamesInPlaceOfDownloading() {
        account("rename@example.com", 12);
        CliRunner cli = signedIn("rename@example.com");
        sync(cli, photos());
        Map<String, String> before = LocalFiles.published(photos());

        fake.resetCounters();
        sync(cli, photos(), "--file-match-policy", "name-id7", "--live-photo-mov-filename-policy", "original");

        assertThat(fake.calls(Endpoint.CDN)).isZero();
        Map<String, String> after = LocalFiles.published(photos());
        assertThat(LocalFiles.counts(after)).isEqualTo(LocalFiles.counts(before));
        assertThat(after.keySet()).allMatch(path -> path.matches(".*_[A-Za-z0-9_-]{7}\\.[A-Za-z0-9]+"))
                .noneMatch(path -> path.contains("_HEVC"));
        Path fresh = home.resolve("fresh");
        sync(cli, fresh, "--file-match-policy", "name-id7", "--live-photo-mov-filename-policy", "original");
        assertThat(after).isEqualTo(LocalFiles.published(fresh));
    }

    @Test
    void anotherSizeDownloadsOnlyItsFilesAndDroppingASizeKeepsWhatIsStored() throws Exception {
        account("sizes@example.com", 12);
        CliRunner cli = signedIn("sizes@example.com");
        sync(cli, photos());
        Map<String, String> originals = LocalFiles.published(photos());
        Path fresh = home.resolve("fresh");
        sync(cli, fresh, "--size", "original", "--size", "medium");
        Map<String, String> both = LocalFiles.published(fresh);
        long mediums = both.size() - originals.size();
        assertThat(mediums).isPositive();

        fake.resetCounters();
        sync(cli, photos(), "--size", "original", "--size", "medium");

        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(mediums);
        assertThat(LocalFiles.published(photos())).isEqualTo(both);

        // the log says it, so this run is a child process, as a user runs it
        fake.resetCounters();
        Child dropped = new ChildCli(fake, home.resolve("state"), "sizes@example.com")
                .sync(photos(), home.resolve("dropped.log"), "--size", "medium");

        assertThat(dropped.awaitExit(120)).as(dropped.output()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(both);
        assertThat(dropped.output()).containsOnlyOnce("Files already stored that they leave out stay where they are");

        fake.resetCounters();
        sync(cli, photos(), "--size", "medium");
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }
}

package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeAsset;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.IcloudpdFolder;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/**
 * {@code import-existing}: a folder icloudpd filled with its default settings is adopted into the state without a
 * single download; what is not there is listed and downloaded by the next sync, what the library does not hold is left
 * alone.
 */
class ImportExistingTest extends EndToEndTest {

    private static final Instant MARCH_10_NOON = Instant.parse("2024-03-10T12:00:00Z");

    /**
     * A library with what icloudpd's defaults make awkward: two photos of one name on one day, a Live Photo, a video, a
     * name with non-ASCII characters, a photo without a name, one taken late in a time zone far east of this machine's
     * (its date folder differs by zone), and a JPEG without capture date (for {@code --set-exif-datetime}).
     */
    private List<FakeAsset> library(FakeZone zone) {
        List<String> ids = new ArrayList<>();
        ids.add(zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(MARCH_10_NOON).size(20_000).seed(1)));
        ids.add(zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(MARCH_10_NOON.plusSeconds(60)).size(30_000).seed(2)));
        ids.add(zone.addPhoto(PhotoSpec.livePhoto("IMG_0002.HEIC").takenAt(MARCH_10_NOON.plusSeconds(120)).seed(3)));
        ids.add(zone.addPhoto(PhotoSpec.video("IMG_0003.MOV").takenAt(MARCH_10_NOON.plusSeconds(180)).seed(4)));
        ids.add(zone.addPhoto(PhotoSpec.photo("Été_0004.JPG").takenAt(MARCH_10_NOON.plusSeconds(240)).seed(5)));
        ids.add(zone.addPhoto(PhotoSpec.photo("x.JPG").noFilename().takenAt(MARCH_10_NOON.plusSeconds(300)).seed(6)));
        ids.add(zone.addPhoto(PhotoSpec.photo("IMG_0005.JPG").takenAt(Instant.parse("2024-03-10T23:30:00Z"))
                .timeZoneOffset(14 * 3600).seed(7)));
        ids.add(zone.addPhoto(PhotoSpec.photo("IMG_0006.JPG").takenAt(MARCH_10_NOON.plusSeconds(360)).seed(8)));
        List<FakeAsset> assets = new ArrayList<>(ids.stream().map(zone::asset).toList());
        assets.sort(Comparator.comparing(FakeAsset::assetDate).reversed()); // icloudpd lists the newest first
        return assets;
    }

    private Result importExisting(CliRunner cli, String... flags) {
        List<String> args = new ArrayList<>(List.of("import-existing", "-d", photos().toString(), "--no-progress-bar"));
        args.addAll(List.of(flags));
        return cli.run("", args);
    }

    @Test
    void anIcloudpdFolderIsAdoptedWithoutADownloadAndTheNextSyncCostsOneRequest() {
        FakeAccount account = fake.createAccount("icloudpd@example.com", FakeDefaults.PASSWORD)
                .srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        IcloudpdFolder folder = new IcloudpdFolder(photos()).write(library(zone));
        folder.setExifDateTime(folder.pathOf(zone.assets().stream()
                .filter(a -> "IMG_0006.JPG".equals(a.filename())).findFirst().orElseThrow()));
        Map<String, String> before = LocalFiles.published(photos());
        // the newer of the two IMG_0001 has the name, the older one its size after it
        assertThat(before.keySet().stream().map(path -> path.substring(path.lastIndexOf('/') + 1)))
                .contains("IMG_0001.JPG", "IMG_0001-20000.JPG", "IMG_0002.HEIC", "IMG_0002_HEVC.MOV", "t_0004.JPG");
        CliRunner cli = signedIn("icloudpd@example.com");
        fake.resetCounters();

        Result imported = importExisting(cli);

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(before);
        assertThat(imported.stdout()).contains("Adopted " + before.size() + " file(s) (1 with metadata written into "
                + "them); 0 not matched; 0 unexpected file(s) left alone.");
        assertThat(imported.stdout()).contains("laid out otherwise than the settings say")
                .contains("names without their non-ASCII characters");
        StateDb state = StateDb.of(home.resolve("state"), "icloudpd@example.com");
        assertThat(state.rows("SELECT path FROM media_file WHERE status = 'done'").stream().map(r -> r.get("path")))
                .containsExactlyInAnyOrderElementsOf(before.keySet());

        fake.resetCounters();
        Result next = cli.sync(photos(), "");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(before);
    }

    @Test
    void icloudpdsNameId7NamesAreAdoptedToo() {
        FakeAccount account = fake.createAccount("id7@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        IcloudpdFolder folder = new IcloudpdFolder(photos()).nameId7().write(library(zone));
        Map<String, String> before = LocalFiles.published(photos());
        assertThat(before.keySet()).anyMatch(path -> path.matches(".*/IMG_0002_.{7}_HEVC\\.MOV"));
        CliRunner cli = signedIn("id7@example.com");
        fake.resetCounters();

        Result imported = importExisting(cli, "--file-match-policy", "name-id7");

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(imported.stdout()).contains("Adopted " + folder.files().size() + " file(s); 0 not matched; "
                + "0 unexpected file(s) left alone.");
        fake.resetCounters();
        Result next = cli.sync(photos(), "", "--file-match-policy", "name-id7");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(LocalFiles.published(photos())).isEqualTo(before);
    }

    @Test
    void whatIsNotThereIsListedAndDownloadedByTheNextSyncAndStrangersAreLeftAlone() throws IOException {
        FakeAccount account = fake.createAccount("partial@example.com", FakeDefaults.PASSWORD)
                .srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        IcloudpdFolder folder = new IcloudpdFolder(photos()).write(library(zone));
        FakeAsset lost = zone.assets().stream().filter(a -> "IMG_0003.MOV".equals(a.filename())).findFirst().orElseThrow();
        Files.delete(photos().resolve(folder.pathOf(lost)));
        String lostPath = folder.pathOf(lost);
        String day = lostPath.substring(0, lostPath.lastIndexOf('/'));
        Files.writeString(photos().resolve("notes.txt"), "my notes");
        Files.write(photos().resolve(day + "/IMG_9999.JPG"), new byte[] {1, 2, 3});
        Map<String, String> before = LocalFiles.published(photos());
        CliRunner cli = signedIn("partial@example.com");

        Result plan = importExisting(cli, "--dry-run");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.stdout()).contains("would adopt: " + day + "/IMG_0001-20000.JPG")
                .contains("not matched: " + lostPath);
        assertThat(new DataDirectory(home.resolve("state")).databaseFiles("partial@example.com")).isEmpty();

        fake.resetCounters();
        Result imported = importExisting(cli);

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(imported.stdout()).contains("not matched: " + lostPath)
                .contains("unexpected: " + day + "/IMG_9999.JPG").contains("unexpected: notes.txt")
                .contains("; 1 not matched, which the next sync downloads; 2 unexpected file(s) left alone.");
        assertThat(LocalFiles.published(photos())).isEqualTo(before);

        fake.resetCounters();
        Result next = cli.sync(photos(), "");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        Map<String, String> after = new HashMap<>(LocalFiles.published(photos()));
        assertThat(after.remove(lostPath)).isEqualTo(LocalFiles.sha256(lost.content(Variant.ORIGINAL)));
        assertThat(after).isEqualTo(before);

        fake.resetCounters();
        Result quiet = cli.sync(photos(), "");
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }
}

package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.http.Json;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** kei's sync options, one by one, against a small library of every kind of item (issue: download pipeline). */
class SyncOptionsTest extends EndToEndTest {

    /** The ids of the fixed library's items. */
    private record Library(FakeZone zone, String jpeg, String live, String video, String raw, String png, String edited) {
    }

    private static Instant day(String date) {
        return Instant.parse(date + "T12:00:00Z");
    }

    private Library library(String appleId) {
        FakeAccount account = fake.createAccount(appleId, FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String jpeg = zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(day("2024-01-10")).timeZoneOffset(0));
        String live = zone.addPhoto(PhotoSpec.livePhoto("IMG_0002.HEIC").takenAt(day("2024-02-10")).timeZoneOffset(0));
        String video = zone.addPhoto(PhotoSpec.video("VID_0003.MOV").takenAt(day("2024-03-10")).timeZoneOffset(0));
        String raw = zone.addPhoto(PhotoSpec.rawPlusJpeg("IMG_0004.CR2").takenAt(day("2024-04-10")).timeZoneOffset(0));
        String png = zone.addPhoto(PhotoSpec.photo("Screen_0005.PNG").takenAt(day("2024-05-10")).timeZoneOffset(0)
                .favorite(true));
        String edited = zone.addPhoto(PhotoSpec.photo("IMG_0006.JPG").takenAt(day("2024-06-10")).timeZoneOffset(0));
        zone.edit(edited);
        String trips = zone.createAlbum("Trips");
        zone.addToAlbum(jpeg, trips);
        zone.addToAlbum(live, trips);
        String family = zone.createAlbum("Family");
        zone.addToAlbum(live, family);
        zone.addToAlbum(png, family);
        return new Library(zone, jpeg, live, video, raw, png, edited);
    }

    private Result sync(String appleId, String... flags) {
        CliRunner cli = signedIn(appleId);
        Result result = cli.sync(photos(), "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private Set<String> files() {
        return new TreeSet<>(LocalFiles.published(photos()).keySet());
    }

    private String sha(Library library, String id, Variant variant) {
        return LocalFiles.sha256(library.zone().asset(id).content(variant));
    }

    @Test
    void theDefaultsKeepOriginalsAndLiveVideosInDateFolders() {
        library("defaults@example.com");

        sync("defaults@example.com");

        assertThat(files()).containsExactly("2024/01/10/IMG_0001.JPG", "2024/02/10/IMG_0002.HEIC",
                "2024/02/10/IMG_0002_HEVC.MOV", "2024/03/10/VID_0003.MOV", "2024/04/10/IMG_0004.CR2",
                "2024/05/10/Screen_0005.PNG", "2024/06/10/IMG_0006.JPG");
    }

    @Test
    void severalSizesAreKeptSideBySide() {
        Library library = library("sizes@example.com");

        sync("sizes@example.com", "--size", "original", "--size", "medium", "--size", "thumb", "--size", "adjusted",
                "--folder-structure", "none");

        Map<String, String> files = LocalFiles.published(photos());
        assertThat(files).containsEntry("IMG_0001-medium.JPG", sha(library, library.jpeg(), Variant.JPEG_MED))
                .containsEntry("IMG_0001-thumb.JPG", sha(library, library.jpeg(), Variant.JPEG_THUMB))
                .containsEntry("IMG_0006-adjusted.JPG", sha(library, library.edited(), Variant.JPEG_FULL))
                .containsEntry("VID_0003-medium.MOV", sha(library, library.video(), Variant.VID_MED));
        // "adjusted" of an unedited photo is its original, stored once.
        assertThat(files.keySet()).doesNotContain("IMG_0001-adjusted.JPG").contains("IMG_0001.JPG");
    }

    @Test
    void forceSizeSkipsItemsWithoutTheSizeAndTheReportSaysWhy() throws IOException {
        library("force@example.com");
        Path report = home.resolve("report.json");

        sync("force@example.com", "--size", "alternative", "--force-size", "--report-json", report.toString());

        assertThat(files()).containsExactly("2024/04/10/IMG_0004-alternative.JPG");
        JsonNode summary = Json.MAPPER.readTree(report.toFile());
        assertThat(summary.path("status").asText()).isEqualTo("success");
        assertThat(summary.path("skipped").path("size-unavailable").asInt()).isEqualTo(5);
        assertThat(summary.path("filesDownloaded").asInt()).isEqualTo(1);
    }

    @Test
    void livePhotoModesAndNames() {
        library("live@example.com");
        sync("live@example.com", "--live-photo-mode", "video-only", "--live-photo-mov-filename-policy", "original",
                "--skip-photos", "--folder-structure", "none");
        // --skip-photos leaves Live Photos out as photos too; only the video remains.
        assertThat(files()).containsExactly("VID_0003.MOV");

        library("live2@example.com");
        Path second = home.resolve("second");
        CliRunner cli = signedIn("live2@example.com");
        Result result = cli.sync(second, "", "--live-photo-mode", "video-only", "--live-photo-mov-filename-policy",
                "original", "--live-photo-size", "medium", "--folder-structure", "none");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(LocalFiles.published(second).keySet()).contains("IMG_0002-medium.MOV").doesNotContain("IMG_0002.HEIC");
    }

    @Test
    void liveModeSkipAndImageOnly() {
        library("liveskip@example.com");

        sync("liveskip@example.com", "--live-photo-mode", "skip", "--folder-structure", "none");

        assertThat(files()).noneMatch(name -> name.startsWith("IMG_0002"));
    }

    @Test
    void rawAlignmentChoosesWhichHalfIsTheOriginal() {
        Library library = library("raw@example.com");

        sync("raw@example.com", "--align-raw", "alternative", "--folder-structure", "none");

        assertThat(LocalFiles.published(photos())).containsEntry("IMG_0004.JPG",
                sha(library, library.raw(), Variant.ORIGINAL_ALT));
    }

    @Test
    void kindNameAndDateFilters() {
        library("filters@example.com");

        sync("filters@example.com", "--skip-videos", "--filename-exclude", "*.png", "--filename-exclude", "img_0006*",
                "--skip-created-before", "2024-02-01", "--folder-structure", "none");

        assertThat(files()).containsExactly("IMG_0002.HEIC", "IMG_0002_HEVC.MOV", "IMG_0004.CR2");
    }

    @Test
    void albumFiltersIncludingFavorites() {
        library("albums@example.com");

        sync("albums@example.com", "-a", "Trips", "-a", "Favorites", "--exclude-album", "Family", "--folder-structure", "none");

        assertThat(files()).containsExactly("IMG_0001.JPG");
    }

    @Test
    void albumFoldersStoreAPhotoOnceAndLinkItIntoItsOtherAlbums() throws IOException {
        library("albumfolders@example.com");

        sync("albumfolders@example.com", "--folder-structure", "{album}/%Y");

        assertThat(files()).contains("Trips/2024/IMG_0001.JPG", "Family/2024/IMG_0002.HEIC", "Trips/2024/IMG_0002.HEIC",
                "Family/2024/Screen_0005.PNG", "2024/VID_0003.MOV");
        assertThat(Files.isSameFile(photos().resolve("Family/2024/IMG_0002.HEIC"), photos().resolve("Trips/2024/IMG_0002.HEIC")))
                .as("hard link").isTrue();
    }

    @Test
    void recentKeepsTheNewestItemsOfTheListing() {
        library("recent@example.com");

        sync("recent@example.com", "--recent", "2", "--folder-structure", "none");

        assertThat(files()).containsExactly("IMG_0006.JPG", "Screen_0005.PNG");
    }

    @Test
    void namePoliciesAndUnicode() {
        FakeAccount account = fake.createAccount("names@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        String master = account.primaryZone().asset(account.primaryZone().addPhoto(PhotoSpec.photo("Jörg_中文.JPG")
                .takenAt(day("2024-01-01")))).masterId();

        sync("names@example.com", "--file-match-policy", "name-id7", "--keep-unicode-in-filenames=false",
                "--folder-structure", "none");

        String id7 = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(master.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 7);
        assertThat(files()).containsExactly("Jrg__" + id7 + ".JPG");
    }

    @Test
    void hostileFileNamesStayInsideTheDestination() {
        FakeAccount account = fake.createAccount("hostile@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        for (String name : List.of("../../escape.JPG", "/etc/passwd.JPG", "a\u0000b.JPG", "CON.JPG", ".", "x".repeat(300) + ".JPG")) {
            account.primaryZone().addPhoto(PhotoSpec.of(PhotoSpec.Kind.JPEG, name).takenAt(day("2024-01-01")));
        }

        sync("hostile@example.com", "--folder-structure", "none");

        assertThat(files()).hasSize(6).allMatch(name -> !name.contains("/") && !name.contains("\u0000")
                && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255);
        assertThat(home.resolve("escape.JPG")).doesNotExist();
        assertThat(files()).contains("_CON.JPG");
    }

    @Test
    void aResetConnectionIsResumedWithRange() {
        Library library = library("resume@example.com");
        fake.faults().cdn(com.camelicloud.photos.fake.CdnFault.resetAfter(2_000), 1);

        sync("resume@example.com", "--retry-delay", "0");

        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(library.zone()));
    }

    @Test
    void anHtmlErrorPageIsNeverPublished() {
        Library library = library("html@example.com");
        fake.faults().cdn(com.camelicloud.photos.fake.CdnFault.htmlBody(), 50);

        CliRunner cli = signedIn("html@example.com");
        Result result = cli.sync(photos(), "", "--max-retries", "1", "--retry-delay", "0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(LocalFiles.published(photos())).isEmpty();
        fake.faults().clearCdn();
        assertThat(cli.sync(photos(), "").exitCode()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(library.zone()));
    }

    @Test
    void expiredUrlsAreRefreshedInOneBatchWithoutListingAgain() {
        Library library = library("expiry@example.com");
        CliRunner cli = signedIn("expiry@example.com");
        // The listing's URLs expire while the files are fetched one by one.
        fake.faults().urlTtl(java.time.Duration.ofSeconds(2));
        fake.faults().latency(java.time.Duration.ofMillis(300));
        fake.resetCounters();

        Result result = cli.sync(photos(), "", "--threads-num", "1", "--retry-delay", "0");

        fake.faults().latency(java.time.Duration.ZERO);
        fake.faults().urlTtl(java.time.Duration.ofHours(1));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(library.zone()));
        assertThat(fake.calls(Endpoint.RECORDS_LOOKUP)).isBetween(1, 4);
    }

    @Test
    void failedFilesAreRetriedByRetryFailed() {
        Library library = library("retry@example.com");
        CliRunner cli = signedIn("retry@example.com");
        fake.faults().cdn(com.camelicloud.photos.fake.CdnFault.htmlBody(), 2);
        Result first = cli.sync(photos(), "", "--max-retries", "0", "--retry-delay", "0", "--threads-num", "1");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(2);
        fake.resetCounters();

        Result retry = cli.sync(photos(), "", "--retry-failed");

        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(library.zone()));
    }

    @Test
    void threadsBandwidthAndTempSuffix() {
        Library library = library("tuning@example.com");

        sync("tuning@example.com", "--threads-num", "2", "--bandwidth-limit", "50Mi", "--temp-suffix", ".downloading");

        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(library.zone()));
        assertThat(LocalFiles.leftovers(photos(), ".downloading")).isEmpty();
    }

    @Test
    void badValuesStopBeforeAnyNetworkCallNamingTheFlag() {
        account("badvalues@example.com", 1);
        fake.resetCounters();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"--size", "huge", "--size"});
        cases.add(new String[] {"--skip-created-before", "yesterday", "--skip-created-before"});
        cases.add(new String[] {"--threads-num", "-3", "--threads-num"});
        cases.add(new String[] {"--skip-videos --skip-photos", null, "--skip-photos"});
        cases.add(new String[] {"--live-photo-mode", "sometimes", "--live-photo-mode"});
        cases.add(new String[] {"--bandwidth-limit", "fast", "fast"});
        cases.add(new String[] {"--folder-structure", "%Q", "%Q"});
        cases.add(new String[] {"--max-retries", "101", "--max-retries"});
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("sync", "-d", photos().toString()));
            args.addAll(List.of(c[0].split(" ")));
            if (c[1] != null) {
                args.add(c[1]);
            }
            Result result = cli("badvalues@example.com").run("", args);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stderr()).as(result.toString()).contains(c[2]);
        }
        assertThat(fake.requestLog()).isEmpty();
    }
}

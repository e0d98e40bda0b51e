package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.adobe.internal.xmp.XMPMetaFactory;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.fake.Variant;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import org.junit.jupiter.api.Test;

/** The metadata options, read back with metadata-extractor from the files the CLI wrote. */
class MetadataTest extends EndToEndTest {

    @Test
    void exifAndXmpGoIntoJpegsAndSidecarsCarryTheRest() throws Exception {
        FakeAccount account = fake.createAccount("meta@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-07-04T10:15:30Z")).timeZoneOffset(7200)
                .favorite(true).location(48.8584, 2.2945).caption("Eiffel tower"));
        String heic = zone.addPhoto(PhotoSpec.photo("IMG_0002.HEIC").takenAt(Instant.parse("2024-07-05T10:00:00Z")));
        CliRunner cli = signedIn("meta@example.com");

        Result result = cli.sync(photos(), "", "--folder-structure", "none", "--set-exif-datetime", "--set-exif-rating",
                "--set-exif-gps", "--set-exif-description", "--embed-xmp", "--xmp-sidecar");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Metadata jpeg = ImageMetadataReader.readMetadata(photos().resolve("IMG_0001.JPG").toFile());
        assertThat(jpeg.getFirstDirectoryOfType(ExifSubIFDDirectory.class).getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL))
                .isEqualTo("2024:07:04 12:15:30");
        assertThat(jpeg.getFirstDirectoryOfType(ExifIFD0Directory.class).getInt(0x4746)).isEqualTo(5);
        assertThat(jpeg.getFirstDirectoryOfType(ExifIFD0Directory.class).getString(ExifIFD0Directory.TAG_IMAGE_DESCRIPTION))
                .isEqualTo("Eiffel tower");
        assertThat(jpeg.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation().getLatitude()).isCloseTo(48.8584,
                org.assertj.core.data.Offset.offset(1e-5));
        assertThat(jpeg.getFirstDirectoryOfType(XmpDirectory.class).getXMPMeta().getPropertyInteger(
                "http://ns.adobe.com/xap/1.0/", "Rating")).isEqualTo(5);
        assertThat(Files.readAllBytes(photos().resolve("IMG_0002.HEIC"))).isEqualTo(zone.asset(heic).content(Variant.ORIGINAL));
        for (String sidecar : new String[] {"IMG_0001.JPG.xmp", "IMG_0002.HEIC.xmp"}) {
            Path path = photos().resolve(sidecar);
            assertThat(path).exists();
            assertThat(XMPMetaFactory.parseFromBuffer(Files.readAllBytes(path)).dumpObject()).contains("2024-07-0");
        }
        fake.resetCounters();
        assertThat(cli.sync(photos(), "", "--no-incremental").exitCode()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).as("a file changed by its metadata is still recognised as present").isZero();
        assertThat(LocalFiles.published(photos())).hasSize(4);
    }

    private static final String[] RATED = {"--folder-structure", "none", "--set-exif-rating", "--embed-xmp",
            "--xmp-sidecar"};

    @Test
    void aFavouriteSetOrRemovedLaterIsWrittenIntoTheStoredFilesWithoutADownload() throws Exception {
        FakeAccount account = fake.createAccount("later@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String photo = zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-07-04T10:15:30Z")));
        String heic = zone.addPhoto(PhotoSpec.photo("IMG_0002.HEIC").takenAt(Instant.parse("2024-07-05T10:00:00Z")));
        CliRunner cli = signedIn("later@example.com");
        assertThat(cli.sync(photos(), "", RATED).exitCode()).isZero();
        Path jpeg = photos().resolve("IMG_0001.JPG");
        assertThat(rating(jpeg)).isZero();

        zone.favourite(photo);
        zone.favourite(heic);
        fake.resetCounters();
        Result result = cli.sync(photos(), "", RATED);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(rating(jpeg)).isEqualTo(5);
        assertThat(xmpRating(photos().resolve("IMG_0001.JPG.xmp"))).isEqualTo(5);
        assertThat(xmpRating(photos().resolve("IMG_0002.HEIC.xmp"))).isEqualTo(5);
        StateDb state = StateDb.of(home.resolve("state"), "later@example.com");
        assertThat(state.rows("SELECT size, sha256 FROM media_file WHERE path = 'IMG_0001.JPG'")).containsExactly(
                Map.of("size", (int) Files.size(jpeg), "sha256", LocalFiles.published(photos()).get("IMG_0001.JPG")));
        assertThat(LocalFiles.published(photos())).as("the same bytes as a fresh download's")
                .isEqualTo(freshCopy("later@example.com", RATED));

        zone.unfavourite(photo);
        assertThat(cli.sync(photos(), "", RATED).exitCode()).isZero();
        assertThat(rating(jpeg)).isZero();
        assertThat(xmpRating(photos().resolve("IMG_0001.JPG.xmp"))).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(freshCopy("later@example.com", RATED));
        fake.resetCounters();
        assertThat(cli.sync(photos(), "", RATED).exitCode()).isZero();
        assertThat(fake.cloudKitCalls()).as("nothing left to do").isEqualTo(1);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
    }

    @Test
    void aRewrittenFileIsLinkedAgainIntoItsOtherAlbumsFolders() throws Exception {
        FakeZone zone = fake.createAccount("linked@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000).primaryZone();
        String party = zone.addPhoto(PhotoSpec.photo("PARTY.JPG").takenAt(Instant.parse("2024-12-24T20:00:00Z"))
                .timeZoneOffset(0));
        for (String album : new String[] {"Family", "Trips"}) {
            zone.addToAlbum(party, zone.createAlbum(album));
        }
        String[] flags = {"--folder-structure", "{album}/%Y", "--set-exif-rating"};
        CliRunner cli = signedIn("linked@example.com");
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();

        zone.favourite(party);
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();

        assertThat(rating(photos().resolve("Family/2024/PARTY.JPG"))).isEqualTo(5);
        assertThat(rating(photos().resolve("Trips/2024/PARTY.JPG"))).as("the hard link holds the rewritten file")
                .isEqualTo(5);
        assertThat(LocalFiles.published(photos())).isEqualTo(freshCopy("linked@example.com", flags));
    }

    @Test
    void aCaptionChangedLaterIsWrittenIntoTheStoredFileAndItsSidecar() throws Exception {
        FakeAccount account = fake.createAccount("caption@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        String photo = zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-07-04T10:15:30Z"))
                .caption("Before"));
        String[] flags = {"--folder-structure", "none", "--set-exif-description", "--xmp-sidecar"};
        CliRunner cli = signedIn("caption@example.com");
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();

        zone.setCaption(photo, "After");
        fake.resetCounters();
        Result result = cli.sync(photos(), "", flags);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(description(photos().resolve("IMG_0001.JPG"))).isEqualTo("After");
        assertThat(XMPMetaFactory.parseFromBuffer(Files.readAllBytes(photos().resolve("IMG_0001.JPG.xmp")))
                .getLocalizedText("http://purl.org/dc/elements/1.1/", "title", "", "x-default").getValue())
                .isEqualTo("After");
        Map<String, String> fresh = freshCopy("caption@example.com", flags);
        assertThat(LocalFiles.published(photos()).get("IMG_0001.JPG.xmp")).isEqualTo(fresh.get("IMG_0001.JPG.xmp"));
        assertThat(description(home.resolve("fresh-1").resolve("IMG_0001.JPG"))).isEqualTo("After");
    }

    @Test
    void aFileTwoItemsShowCarriesTheMetadataOfTheFirstWhateverHappenedSince() throws Exception {
        FakeZone zone = fake.createAccount("duplicate@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000).primaryZone();
        String photo = zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-07-04T10:15:30Z")));
        String copy = zone.duplicate(photo);
        String first = photo.compareTo(copy) < 0 ? photo : copy;
        String second = first.equals(photo) ? copy : photo;
        String[] flags = {"--folder-structure", "none", "--set-exif-rating", "--xmp-sidecar"};
        CliRunner cli = signedIn("duplicate@example.com");
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        Path jpeg = photos().resolve("IMG_0001.JPG");

        zone.favourite(second);
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        assertThat(rating(jpeg)).as("the first item decides").isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(freshCopy("duplicate@example.com", flags));

        zone.trash(first);
        Result result = cli.sync(photos(), "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(rating(jpeg)).as("the other item took over").isEqualTo(5);
        assertThat(xmpRating(photos().resolve("IMG_0001.JPG.xmp"))).isEqualTo(5);
        assertThat(LocalFiles.published(photos())).isEqualTo(freshCopy("duplicate@example.com", flags));
    }

    @Test
    void aSidecarGoesWhereItsFileGoes() {
        FakeZone zone = fake.createAccount("sidecars@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000).primaryZone();
        String photo = zone.addPhoto(PhotoSpec.photo("IMG_0002.HEIC").takenAt(Instant.parse("2024-07-05T10:00:00Z")));
        String[] flags = {"--folder-structure", "none", "--xmp-sidecar", "--on-delete", "quarantine"};
        CliRunner cli = signedIn("sidecars@example.com");
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        Map<String, String> before = LocalFiles.published(photos());
        assertThat(before).containsKeys("IMG_0002.HEIC", "IMG_0002.HEIC.xmp");

        zone.trash(photo);
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        assertThat(LocalFiles.published(photos())).isEmpty();
        assertThat(photos().resolve(".deleted/IMG_0002.HEIC.xmp")).exists();

        zone.restore(photo);
        assertThat(cli.sync(photos(), "", flags).exitCode()).isZero();
        assertThat(LocalFiles.published(photos())).isEqualTo(before);
        assertThat(photos().resolve(".deleted/IMG_0002.HEIC.xmp")).doesNotExist();
    }

    @Test
    void aFullListingWritesMetadataTheStoredFilesLack() throws Exception {
        FakeAccount account = fake.createAccount("relisted@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        FakeZone zone = account.primaryZone();
        zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").takenAt(Instant.parse("2024-07-04T10:15:30Z")).favorite(true));
        CliRunner cli = signedIn("relisted@example.com");
        assertThat(cli.sync(photos(), "", "--folder-structure", "none").exitCode()).isZero();
        assertThat(rating(photos().resolve("IMG_0001.JPG"))).isNull();
        fake.resetCounters();

        Result result = cli.sync(photos(), "", "--no-incremental", "--folder-structure", "none", "--set-exif-rating");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(rating(photos().resolve("IMG_0001.JPG"))).isEqualTo(5);
        assertThat(LocalFiles.published(photos()))
                .isEqualTo(freshCopy("relisted@example.com", "--folder-structure", "none", "--set-exif-rating"));
    }

    private static int xmpRating(Path sidecar) throws Exception {
        return XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar))
                .getPropertyInteger("http://ns.adobe.com/xap/1.0/", "Rating");
    }

    private static String description(Path file) throws Exception {
        return ImageMetadataReader.readMetadata(file.toFile()).getFirstDirectoryOfType(ExifIFD0Directory.class)
                .getString(ExifIFD0Directory.TAG_IMAGE_DESCRIPTION);
    }

    /** EXIF Rating, or null when the file has none. */
    private static Integer rating(Path file) throws Exception {
        ExifIFD0Directory exif = ImageMetadataReader.readMetadata(file.toFile())
                .getFirstDirectoryOfType(ExifIFD0Directory.class);
        return exif == null || !exif.containsTag(0x4746) ? null : exif.getInt(0x4746);
    }
}

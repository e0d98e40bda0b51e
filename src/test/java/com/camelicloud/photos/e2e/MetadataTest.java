package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
}

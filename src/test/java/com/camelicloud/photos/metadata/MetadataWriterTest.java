package com.camelicloud.photos.metadata;

import static com.camelicloud.photos.metadata.Assets.number;
import static com.camelicloud.photos.metadata.Assets.plist;
import static com.camelicloud.photos.metadata.Assets.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPMeta;
import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataWriterTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A favourite taken in Bangkok at 14:02:52 local time (UTC+7), with a title, description, keywords, place. */
    static final PhotoMetadata FULL = PhotoMetadata.of(Assets.jpeg(String.join(",\n",
            PhotoMetadataTest.ASSET_DATE, number("timeZoneOffset", 25200, "INT64"), number("isFavorite", 1, "INT64"),
            text("captionEnc", "Sunset"), text("extendedDescEnc", "Long day at the beach, Jörg ☃"),
            plist("keywordsEnc", List.of("Beach", "Thailand")),
            plist("locationV2Enc", Map.of("lat", 13.7563121, "lon", -100.5018456, "alt", 12.5)))), PARIS);

    @TempDir
    Path dir;

    private final MetadataWriter writer = new MetadataWriter();

    private Path file(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static Metadata read(Path file) throws Exception {
        return ImageMetadataReader.readMetadata(file.toFile());
    }

    private static MetadataOptions only(boolean date, boolean rating, boolean gps, boolean description,
            boolean xmp) {
        return new MetadataOptions(date, rating, gps, description, xmp, false);
    }

    @Test
    void writesEveryTagIntoAJpegWithoutMetadata() throws Exception {
        byte[] original = Jpegs.plain(96, 64, 3);
        Path file = file("a.kei-tmp", original);

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, MetadataOptions.all());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.WRITTEN);
        assertThat(outcome.modified()).isTrue();
        assertThat(outcome.sidecarFallback()).isFalse();
        assertThat(outcome.format()).isEqualTo("JPEG");
        assertThat(outcome.written()).contains("EXIF:DateTimeOriginal", "EXIF:OffsetTimeOriginal", "EXIF:CreateDate",
                "EXIF:ModifyDate", "EXIF:Rating", "EXIF:RatingPercent", "EXIF:GPSLatitude", "EXIF:GPSLongitude",
                "EXIF:GPSAltitude", "EXIF:ImageDescription", "XMP");
        assertThat(outcome.needsSidecar(MetadataOptions.all())).isTrue();
        assertThat(outcome.needsSidecar(only(true, true, true, true, true))).isFalse();

        Metadata metadata = read(file);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(exif.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL)).isEqualTo("2018:07:31 14:02:52");
        assertThat(exif.getString(ExifDirectoryBase.TAG_DATETIME_DIGITIZED)).isEqualTo("2018:07:31 14:02:52");
        assertThat(exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL)).isEqualTo("+07:00");
        assertThat(exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED)).isEqualTo("+07:00");
        assertThat(exif.getString(ExifDirectoryBase.TAG_TIME_ZONE)).isEqualTo("+07:00");
        assertThat(ifd0.getString(ExifDirectoryBase.TAG_DATETIME)).isEqualTo("2018:07:31 14:02:52");
        assertThat(ifd0.getInt(ExifDirectoryBase.TAG_RATING)).isEqualTo(5);
        assertThat(ifd0.getInt(ExifDirectoryBase.TAG_RATING_PERCENT)).isEqualTo(99);
        assertThat(ifd0.getString(ExifDirectoryBase.TAG_IMAGE_DESCRIPTION))
                .isEqualTo("Long day at the beach, Jörg ☃");

        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation location = gps.getGeoLocation();
        assertThat(location.getLatitude()).isCloseTo(13.7563121, within(1e-6));
        assertThat(location.getLongitude()).isCloseTo(-100.5018456, within(1e-6));
        assertThat(gps.getRational(GpsDirectory.TAG_ALTITUDE).doubleValue()).isCloseTo(12.5, within(1e-9));
        assertThat(gps.getInt(GpsDirectory.TAG_ALTITUDE_REF)).isZero();

        XMPMeta xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class).getXMPMeta();
        assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "title", "", XMPConst.X_DEFAULT).getValue())
                .isEqualTo("Sunset");
        assertThat(xmp.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT).getValue())
                .isEqualTo("Long day at the beach, Jörg ☃");
        assertThat(subjects(xmp)).containsExactly("Beach", "Thailand");
        assertThat(xmp.getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "DateTimeOriginal"))
                .isEqualTo("2018-07-31T14:02:52+07:00");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "DateCreated"))
                .isEqualTo("2018-07-31T14:02:52+07:00");
        assertThat(xmpDegrees(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSLatitude")))
                .isCloseTo(13.7563121, within(1e-6));
        assertThat(xmpDegrees(xmp.getPropertyString(XMPConst.NS_EXIF, "GPSLongitude")))
                .isCloseTo(-100.5018456, within(1e-6));

        byte[] rewritten = Files.readAllBytes(file);
        assertThat(Jpegs.pixels(rewritten)).isEqualTo(Jpegs.pixels(original));
        assertThat(Jpegs.imageData(rewritten)).isEqualTo(Jpegs.imageData(original));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.kei-tmp");
        }
    }

    @Test
    void anExistingDateTimeOriginalStays() throws Exception {
        byte[] camera = Jpegs.withExif(Jpegs.plain(), set -> {
            set.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, "Camera Maker");
            set.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2001:02:03 04:05:06");
        });
        Path file = file("camera.jpg", camera);

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, only(true, false, false, false, false));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.WRITTEN);
        assertThat(outcome.written()).doesNotContain("EXIF:DateTimeOriginal", "EXIF:OffsetTimeOriginal")
                .contains("EXIF:CreateDate", "EXIF:OffsetTimeDigitized", "EXIF:ModifyDate");
        Metadata metadata = read(file);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertThat(exif.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL)).isEqualTo("2001:02:03 04:05:06");
        // the camera's clock, not iCloud's offset: no offset is claimed for a date we did not write
        assertThat(exif.containsTag(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL)).isFalse();
        assertThat(exif.getString(ExifDirectoryBase.TAG_DATETIME_DIGITIZED)).isEqualTo("2018:07:31 14:02:52");
        assertThat(exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED)).isEqualTo("+07:00");
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class).getString(ExifDirectoryBase.TAG_MAKE))
                .isEqualTo("Camera Maker");
        assertThat(Jpegs.pixels(file)).isEqualTo(Jpegs.pixels(camera));
    }

    @Test
    void everyOtherTagOfABigEndianCameraExifSurvives() throws Exception {
        byte[] camera = Jpegs.withExif(Jpegs.plain(), ByteOrder.BIG_ENDIAN, set -> {
            TiffOutputDirectory root = set.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "Apple");
            root.add(TiffTagConstants.TIFF_TAG_MODEL, "iPhone 15 Pro");
            root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
            root.add(TiffTagConstants.TIFF_TAG_SOFTWARE, "17.4.1");
            root.add(TiffTagConstants.TIFF_TAG_ARTIST, "Zoë");
            TiffOutputDirectory exif = set.getOrCreateExifDirectory();
            exif.add(ExifTagConstants.EXIF_TAG_EXPOSURE_TIME, new RationalNumber(1, 120));
            exif.add(ExifTagConstants.EXIF_TAG_FNUMBER, new RationalNumber(178, 100));
            exif.add(ExifTagConstants.EXIF_TAG_ISO, (short) 64);
            exif.add(ExifTagConstants.EXIF_TAG_LENS_MODEL, "iPhone 15 Pro back triple camera 6.765mm f/1.78");
            exif.add(ExifTagConstants.EXIF_TAG_MAKER_NOTE, new byte[] {'A', 'p', 'p', 'l', 'e', ' ', 'i', 'O', 'S', 0, 1,
                    2, 3, 4, 5, 6, 7, 8, 9});
            TiffOutputDirectory gps = set.getOrCreateGpsDirectory();
            gps.add(GpsTagConstants.GPS_TAG_GPS_VERSION_ID, (byte) 2, (byte) 2, (byte) 0, (byte) 0);
            set.setGpsInDegrees(2.2945, 48.8584);
            gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF, (byte) 0);
            gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE, new RationalNumber(3512, 100));
        });
        Map<String, String> before = tags(read(file("before.jpg", camera)));
        assertThat(before).containsKey("GPS/0x0000");
        Path file = file("camera.jpg", camera);

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, only(true, true, true, true, false));

        assertThat(outcome.written()).contains("EXIF:DateTimeOriginal", "EXIF:Rating", "EXIF:ImageDescription")
                .doesNotContain("EXIF:GPSLatitude", "EXIF:GPSVersionID");
        Map<String, String> after = tags(read(file));
        assertThat(after).containsAllEntriesOf(before);
        assertThat(after.get("GPS/0x0000")).isEqualTo(before.get("GPS/0x0000"));
        assertThat(after).containsEntry("Exif IFD0/0x4746", "5");
        assertThat(Jpegs.pixels(file)).isEqualTo(Jpegs.pixels(camera));
    }

    @Test
    void aGpsPositionWrittenHereCarriesAVersion() throws Exception {
        Path file = file("v.jpg", Jpegs.plain());

        writer.apply(file, "public.jpeg", FULL, only(false, false, true, false, false));

        GpsDirectory gps = read(file).getFirstDirectoryOfType(GpsDirectory.class);
        assertThat(gps.getByteArray(GpsDirectory.TAG_VERSION_ID)).containsExactly(2, 3, 0, 0);
        assertThat(gps.getString(GpsDirectory.TAG_LATITUDE_REF)).isEqualTo("N");
        assertThat(gps.getString(GpsDirectory.TAG_LONGITUDE_REF)).isEqualTo("W");
    }

    /** Every tag metadata-extractor sees in the EXIF directories, as "directory/0xTAG" → description. */
    private static Map<String, String> tags(Metadata metadata) {
        Map<String, String> tags = new java.util.TreeMap<>();
        for (com.drew.metadata.Directory directory : metadata.getDirectories()) {
            if (directory instanceof ExifDirectoryBase) {
                for (com.drew.metadata.Tag tag : directory.getTags()) {
                    tags.put(directory.getName() + "/" + String.format("0x%04x", tag.getTagType()),
                            String.valueOf(tag.getDescription()));
                }
            }
        }
        return tags;
    }

    @Test
    void aDateEqualToTheCaptureTimeGetsItsOffsetAndPlaceholdersAreReplaced() throws Exception {
        Path same = file("same.jpg", Jpegs.withExif(Jpegs.plain(), set -> set.getOrCreateExifDirectory()
                .add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2018:07:31 14:02:52")));
        Path placeholder = file("zero.jpg", Jpegs.withExif(Jpegs.plain(), set -> set.getOrCreateExifDirectory()
                .add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "0000:00:00 00:00:00")));

        Outcome sameOutcome = writer.apply(same, "public.jpeg", FULL, only(true, false, false, false, false));
        Outcome placeholderOutcome = writer.apply(placeholder, "public.jpeg", FULL,
                only(true, false, false, false, false));

        assertThat(sameOutcome.written()).contains("EXIF:OffsetTimeOriginal").doesNotContain("EXIF:DateTimeOriginal");
        assertThat(read(same).getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                .getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL)).isEqualTo("+07:00");
        assertThat(placeholderOutcome.written()).contains("EXIF:DateTimeOriginal");
        assertThat(read(placeholder).getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                .getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL)).isEqualTo("2018:07:31 14:02:52");
    }

    @Test
    void anExistingGpsPositionStays() throws Exception {
        Path file = file("gps.jpg", Jpegs.withExif(Jpegs.plain(), set -> set.setGpsInDegrees(2.2945, 48.8584)));

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, only(false, false, true, false, false));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.UNCHANGED);
        GeoLocation location = read(file).getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation();
        assertThat(location.getLatitude()).isCloseTo(48.8584, within(1e-6));
        assertThat(location.getLongitude()).isCloseTo(2.2945, within(1e-6));
    }

    @Test
    void ratingIsZeroForAnUnfavouriteAndASecondRunChangesNothing() throws Exception {
        PhotoMetadata plain = PhotoMetadata.of(Assets.jpeg(String.join(",", PhotoMetadataTest.ASSET_DATE,
                number("timeZoneOffset", 25200, "INT64"), number("isFavorite", 0, "INT64"))), PARIS);
        Path file = file("b.jpg", Jpegs.plain());
        MetadataOptions options = only(true, true, false, true, true);

        Outcome first = writer.apply(file, "public.jpeg", plain, options);
        byte[] afterFirst = Files.readAllBytes(file);
        Outcome second = writer.apply(file, "public.jpeg", plain, options);

        assertThat(first.status()).isEqualTo(Outcome.Status.WRITTEN);
        assertThat(read(file).getFirstDirectoryOfType(ExifIFD0Directory.class).getInt(ExifDirectoryBase.TAG_RATING))
                .isZero();
        assertThat(second.status()).isEqualTo(Outcome.Status.UNCHANGED);
        assertThat(second.reason()).contains("Nothing to change");
        assertThat(Files.readAllBytes(file)).isEqualTo(afterFirst);
    }

    @Test
    void aFavouriteFlipsAnExistingRating() throws Exception {
        PhotoMetadata plain = PhotoMetadata.of(Assets.jpeg(number("isFavorite", 0, "INT64")), PARIS);
        Path file = file("c.jpg", Jpegs.plain());
        MetadataOptions rating = only(false, true, false, false, false);

        writer.apply(file, "public.jpeg", FULL, rating);
        Outcome back = writer.apply(file, "public.jpeg", plain, rating);

        assertThat(back.written()).containsExactly("EXIF:Rating", "EXIF:RatingPercent");
        ExifIFD0Directory ifd0 = read(file).getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getInt(ExifDirectoryBase.TAG_RATING)).isZero();
        assertThat(ifd0.getInt(ExifDirectoryBase.TAG_RATING_PERCENT)).isZero();
    }

    @Test
    void xmpIsMergedIntoAnExistingPacket() throws Exception {
        String existing = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
                  xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
                  xmp:Rating="2" exif:DateTimeOriginal="2001-02-03T04:05:06">
                <dc:creator><rdf:Seq><rdf:li>Alice</rdf:li></rdf:Seq></dc:creator>
                <dc:subject><rdf:Bag><rdf:li>Existing</rdf:li><rdf:li>Beach</rdf:li></rdf:Bag></dc:subject>
                </rdf:Description></rdf:RDF></x:xmpmeta>""";
        Path file = file("x.jpg", Jpegs.withXmp(Jpegs.plain(), existing));

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, only(false, false, false, false, true));

        assertThat(outcome.written()).containsExactly("XMP");
        XMPMeta xmp = read(file).getFirstDirectoryOfType(XmpDirectory.class).getXMPMeta();
        assertThat(xmp.getArrayItem(XMPConst.NS_DC, "creator", 1).getValue()).isEqualTo("Alice");
        assertThat(subjects(xmp)).containsExactly("Existing", "Beach", "Thailand");
        assertThat(xmp.getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
        assertThat(xmp.getPropertyString(XMPConst.NS_EXIF, "DateTimeOriginal")).isEqualTo("2001-02-03T04:05:06");
        assertThat(xmp.getPropertyString(XMPConst.NS_PHOTOSHOP, "DateCreated"))
                .isEqualTo("2018-07-31T14:02:52+07:00");
    }

    @Test
    void aMultiPictureIndexStillFindsItsSecondImage() throws Exception {
        byte[] secondary = Jpegs.plain(16, 8, 9);
        byte[] original = Jpegs.multiPicture(Jpegs.plain(64, 48, 4), secondary);
        assertThat(Jpegs.secondImageByIndex(original)).isEqualTo(secondary);
        Path file = file("mpf.jpg", original);

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, MetadataOptions.all());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.WRITTEN);
        assertThat(outcome.written()).contains("EXIF:DateTimeOriginal", "XMP");
        byte[] rewritten = Files.readAllBytes(file);
        assertThat(Jpegs.secondImageByIndex(rewritten)).isEqualTo(secondary);
        int xmpAt = Jpegs.segmentOffset(rewritten, 0xE1, "http://ns.adobe.com/xap/1.0/\0");
        assertThat(xmpAt).isPositive().isLessThan(Jpegs.segmentOffset(rewritten, 0xE2, "MPF\0"));
        assertThat(Jpegs.pixels(rewritten)).isEqualTo(Jpegs.pixels(original));
        Metadata metadata = read(file);
        assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class).getXMPMeta()
                .getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
        assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                .getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL)).isEqualTo("2018:07:31 14:02:52");

        // a second run replaces the packet in place, still in front of the index
        PhotoMetadata retitled = new PhotoMetadata(FULL.captureTime(), FULL.captureOffset(), true, FULL.location(),
                "Another title", FULL.description(), FULL.keywords());
        assertThat(writer.apply(file, "public.jpeg", retitled, MetadataOptions.all()).written())
                .containsExactly("XMP");
        assertThat(Jpegs.secondImageByIndex(Files.readAllBytes(file))).isEqualTo(secondary);
    }

    @Test
    void xmpBehindAMultiPictureIndexFallsBackToTheSidecarWhileExifIsWritten() throws Exception {
        byte[] secondary = Jpegs.plain(16, 8, 9);
        // Commons Imaging puts a new packet after the last APPn, here behind the MPF index
        byte[] primary = Jpegs.multiPicture(Jpegs.plain(64, 48, 4), new byte[0]);
        byte[] withXmpBehind = Jpegs.withXmp(primary, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>");
        byte[] original = Jpegs.multiPicture(stripMpf(withXmpBehind), secondary);
        assertThat(Jpegs.segmentOffset(original, 0xE1, "http://ns.adobe.com/xap/1.0/\0"))
                .isGreaterThan(Jpegs.segmentOffset(original, 0xE2, "MPF\0"));
        Path file = file("behind.jpg", original);

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, MetadataOptions.all());

        assertThat(outcome.status()).isEqualTo(Outcome.Status.WRITTEN);
        assertThat(outcome.written()).contains("EXIF:Rating").doesNotContain("XMP");
        assertThat(outcome.sidecarFallback()).isTrue();
        assertThat(outcome.reason()).contains("multi-picture index").contains(".xmp sidecar");
        assertThat(Jpegs.secondImageByIndex(Files.readAllBytes(file))).isEqualTo(secondary);
        assertThat(writer.notice().keys()).contains("jpeg:xmp-after-mpf");
    }

    @Test
    void aRewriteThatWouldBreakTheFileIsRolledBack() throws Exception {
        // EXIF behind the index: growing it would move the second image away from where the index says it is
        byte[] secondary = Jpegs.plain(16, 8, 9);
        byte[] exifFirst = Jpegs.withExif(Jpegs.plain(), set -> set.getOrCreateRootDirectory()
                .add(TiffTagConstants.TIFF_TAG_MAKE, "Camera Maker"));
        byte[] original = Jpegs.multiPicture(exifFirst, secondary);
        assertThat(Jpegs.segmentOffset(original, 0xE1, "Exif\0"))
                .isGreaterThan(Jpegs.segmentOffset(original, 0xE2, "MPF\0"));
        Path file = file("exif-behind.jpg", original);

        Outcome outcome = writer.apply(file, "public.jpeg", FULL, only(true, true, true, true, false));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(outcome.sidecarFallback()).isTrue();
        assertThat(outcome.reason()).contains("could not be rewritten safely")
                .contains("multi-picture index no longer matches").contains("file left unchanged");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("exif-behind.jpg");
        }
    }

    @Test
    void anXmpPacketTooLargeForOneSegmentGoesToTheSidecar() throws Exception {
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            keywords.add("keyword number " + i + " of a very long list");
        }
        PhotoMetadata many = new PhotoMetadata(FULL.captureTime(), FULL.captureOffset(), true, null, "Title", null,
                keywords);
        byte[] original = Jpegs.plain();
        Path file = file("big.jpg", original);

        Outcome outcome = writer.apply(file, "public.jpeg", many, only(false, true, false, false, true));

        assertThat(outcome.status()).isEqualTo(Outcome.Status.WRITTEN);
        assertThat(outcome.written()).containsExactly("EXIF:Rating", "EXIF:RatingPercent");
        assertThat(outcome.sidecarFallback()).isTrue();
        assertThat(outcome.reason()).contains("would not fit one JPEG segment");
        assertThat(read(file).getFirstDirectoryOfType(XmpDirectory.class)).isNull();
        assertThat(new XmpSidecar().bytes(many).length).isGreaterThan(XmpPackets.MAX_JPEG_PACKET_BYTES);
    }

    /** Removes the first APP2 MPF segment (to rebuild the index around a changed primary). */
    private static byte[] stripMpf(byte[] jpeg) {
        int at = Jpegs.segmentOffset(jpeg, 0xE2, "MPF\0");
        int length = 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        byte[] out = new byte[jpeg.length - length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(jpeg, at + length, out, at, jpeg.length - at - length);
        return out;
    }

    @Test
    void formatsThatCannotBeEditedAreLeftByteForByteAndSaidOnce() throws Exception {
        byte[] heic = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
        byte[] mov = "\0\0\0\u0014ftypqt  \0\0\0\0qt  ".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> inputs = Map.of("public.heic", heic, "com.apple.quicktime-movie", mov,
                "public.mpeg-4", mov, "com.adobe.raw-image", "II*\0rest".getBytes(StandardCharsets.ISO_8859_1),
                "public.png", "\u0089PNG\r\n\u001a\n".getBytes(StandardCharsets.ISO_8859_1),
                "com.example.unheard-of", Jpegs.plain());
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            Path file = file("f-" + input.getKey(), input.getValue());
            Outcome outcome = writer.apply(file, input.getKey(), FULL, MetadataOptions.all());
            writer.apply(file, input.getKey(), FULL, MetadataOptions.all());

            assertThat(Files.readAllBytes(file)).as(input.getKey()).isEqualTo(input.getValue());
            assertThat(outcome.status()).isEqualTo(Outcome.Status.UNSUPPORTED);
            assertThat(outcome.sidecarFallback()).isTrue();
            assertThat(outcome.written()).isEmpty();
        }
        Path jpegWithoutUti = file("unknown.jpg", Jpegs.plain());
        Outcome unknown = writer.apply(jpegWithoutUti, null, FULL, MetadataOptions.all());

        assertThat(unknown.status()).isEqualTo(Outcome.Status.UNSUPPORTED);
        assertThat(unknown.format()).isEqualTo("unknown");
        assertThat(Files.readAllBytes(jpegWithoutUti)).isEqualTo(Jpegs.plain());
        Outcome heicOutcome = writer.apply(file("again.heic", heic), "public.heic", FULL, MetadataOptions.all());
        assertThat(heicOutcome.format()).isEqualTo("HEIC");
        assertThat(heicOutcome.reason()).isEqualTo("HEIC cannot be edited safely; metadata goes to a .xmp sidecar");
        assertThat(writer.notice().keys()).containsExactlyInAnyOrder("unsupported:public.heic",
                "unsupported:com.apple.quicktime-movie", "unsupported:public.mpeg-4",
                "unsupported:com.adobe.raw-image", "unsupported:public.png", "unsupported:com.example.unheard-of",
                "unsupported:");
        assertThat(writer.notice().once("unsupported:public.heic", "again")).isFalse();
    }

    @Test
    void nothingAskedNothingTouched() throws Exception {
        byte[] bytes = Jpegs.plain();
        Path file = file("n.jpg", bytes);
        MetadataOptions sidecarOnly = new MetadataOptions(false, false, false, false, false, true);

        Outcome none = writer.apply(file, "public.jpeg", FULL, MetadataOptions.none());
        Outcome sidecar = writer.apply(file, "public.heic", FULL, sidecarOnly);

        assertThat(none.status()).isEqualTo(Outcome.Status.UNCHANGED);
        assertThat(none.needsSidecar(MetadataOptions.none())).isFalse();
        assertThat(sidecar.status()).isEqualTo(Outcome.Status.UNCHANGED);
        assertThat(sidecar.sidecarFallback()).isFalse();
        assertThat(sidecar.needsSidecar(sidecarOnly)).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(writer.notice().keys()).isEmpty();
    }

    @Test
    void aCorruptJpegIsLeftByteForByteWithAClearOutcome() throws Exception {
        byte[] good = Jpegs.plain();
        byte[] truncatedHeader = Arrays.copyOf(good, Jpegs.sosOffset(good) - 30);
        byte[] garbageAfterSoi = new byte[200];
        garbageAfterSoi[0] = (byte) 0xFF;
        garbageAfterSoi[1] = (byte) 0xD8;
        Arrays.fill(garbageAfterSoi, 2, 200, (byte) 0x42);
        byte[] html = "<!doctype html><html>error</html>".getBytes(StandardCharsets.US_ASCII);
        byte[] empty = new byte[0];

        for (byte[] corrupt : List.of(truncatedHeader, garbageAfterSoi, html, empty)) {
            Path file = file("corrupt-" + corrupt.length + ".jpg", corrupt);
            Outcome outcome = writer.apply(file, "public.jpeg", FULL, MetadataOptions.all());

            assertThat(Files.readAllBytes(file)).isEqualTo(corrupt);
            assertThat(outcome.status()).isEqualTo(Outcome.Status.FAILED);
            assertThat(outcome.modified()).isFalse();
            assertThat(outcome.sidecarFallback()).isTrue();
            assertThat(outcome.reason()).contains("is not a readable JPEG").contains("file left unchanged");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains(".meta-"))).isEmpty();
        }
    }

    @Test
    void unreadableExifIsKeptAsItIsWhileXmpIsStillEmbedded() throws Exception {
        byte[] good = Jpegs.plain();
        // an APP1 "Exif" segment whose TIFF header is nonsense, right after APP0
        int app0End = 4 + (((good[4] & 0xFF) << 8) | (good[5] & 0xFF));
        byte[] payload = "Exif\0\0XX garbage that is no TIFF header".getBytes(StandardCharsets.ISO_8859_1);
        byte[] broken = new byte[good.length + 4 + payload.length];
        System.arraycopy(good, 0, broken, 0, app0End);
        broken[app0End] = (byte) 0xFF;
        broken[app0End + 1] = (byte) 0xE1;
        broken[app0End + 2] = (byte) ((payload.length + 2) >> 8);
        broken[app0End + 3] = (byte) (payload.length + 2);
        System.arraycopy(payload, 0, broken, app0End + 4, payload.length);
        System.arraycopy(good, app0End, broken, app0End + 4 + payload.length, good.length - app0End);
        Path exifOnly = file("e1.jpg", broken);
        Path both = file("e2.jpg", broken);

        Outcome failed = writer.apply(exifOnly, "public.jpeg", FULL, only(true, true, true, true, false));
        Outcome partial = writer.apply(both, "public.jpeg", FULL, only(true, true, true, true, true));

        assertThat(failed.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(failed.reason()).contains("EXIF cannot be read");
        assertThat(Files.readAllBytes(exifOnly)).isEqualTo(broken);
        assertThat(partial.status()).isEqualTo(Outcome.Status.WRITTEN);
        assertThat(partial.written()).containsExactly("XMP");
        assertThat(partial.sidecarFallback()).isTrue();
        byte[] rewritten = Files.readAllBytes(both);
        int exifAt = Jpegs.segmentOffset(rewritten, 0xE1, "Exif\0");
        assertThat(Arrays.copyOfRange(rewritten, exifAt + 4, exifAt + 4 + payload.length)).isEqualTo(payload);
    }

    @Test
    void thePublishedFileKeepsItsPermissions() throws Exception {
        Path file = file("p.jpg", Jpegs.plain());
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) == null) {
            return;
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        writer.apply(file, "public.jpeg", FULL, MetadataOptions.all());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void manyThreadsAtOnce() throws Exception {
        int count = 40;
        List<Path> files = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = i % 3 == 0 ? Jpegs.withExif(Jpegs.plain(80, 60, i), set -> set.getOrCreateExifDirectory()
                    .add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2001:02:03 04:05:06"))
                    : Jpegs.plain(80, 60, i);
            originals.add(bytes);
            files.add(file("t" + i + ".jpg", bytes));
            files.add(file("t" + i + ".heic", "heic".getBytes(StandardCharsets.US_ASCII)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (Path file : files) {
                String uti = file.toString().endsWith(".heic") ? "public.heic" : "public.jpeg";
                outcomes.add(pool.submit(() -> writer.apply(file, uti, FULL, MetadataOptions.all())));
            }
            for (int i = 0; i < files.size(); i++) {
                Outcome outcome = outcomes.get(i).get();
                assertThat(outcome.status()).isEqualTo(i % 2 == 0 ? Outcome.Status.WRITTEN
                        : Outcome.Status.UNSUPPORTED);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < count; i++) {
            Path file = files.get(2 * i);
            Metadata metadata = read(file);
            assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                    .getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL))
                    .isEqualTo(i % 3 == 0 ? "2001:02:03 04:05:06" : "2018:07:31 14:02:52");
            assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class).getXMPMeta()
                    .getPropertyInteger(XMPConst.NS_XMP, "Rating")).isEqualTo(5);
            assertThat(Jpegs.pixels(file)).isEqualTo(Jpegs.pixels(originals.get(i)));
        }
        assertThat(writer.notice().keys()).containsExactly("unsupported:public.heic");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.filter(p -> p.getFileName().toString().contains(".meta-"))).isEmpty();
        }
    }

    // ---- helpers ----

    static List<String> subjects(XMPMeta xmp) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 1; i <= xmp.countArrayItems(XMPConst.NS_DC, "subject"); i++) {
            subjects.add(xmp.getArrayItem(XMPConst.NS_DC, "subject", i).getValue());
        }
        return subjects;
    }

    /** XMP GPSCoordinate {@code DDD,MM.mmmmK} (or {@code DDD,MM,SSK}) to signed degrees. */
    static double xmpDegrees(String coordinate) {
        char hemisphere = coordinate.charAt(coordinate.length() - 1);
        String[] parts = coordinate.substring(0, coordinate.length() - 1).split(",");
        double degrees = Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]) / 60
                + (parts.length > 2 ? Double.parseDouble(parts[2]) / 3600 : 0);
        return hemisphere == 'S' || hemisphere == 'W' ? -degrees : degrees;
    }

}

package com.camelicloud.photos.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;

import javax.imageio.ImageIO;

import com.camelicloud.photos.cloudkit.CkRecord;
import com.camelicloud.photos.destination.LocalDestination;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.layout.Rendition;
import com.camelicloud.photos.library.PhotoAsset;
import com.camelicloud.photos.library.Resource;
import com.camelicloud.photos.state.StateDatabase;
import com.camelicloud.photos.state.StateLocation;
import com.camelicloud.photos.state.SyncStateRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file import-existing takes for a rendition, and which it must not take. */
class ExistingFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2024-03-10T12:00:00Z, shown as 12:00 in UTC, where the tests' photos were taken. */
    private static final Instant TAKEN = Instant.parse("2024-03-10T12:00:00Z");
    private static final String DAY = "2024/03/10/";

    @TempDir
    Path dir;
    private HikariDataSource dataSource;
    private SyncStateRepository state;
    private LocalDestination destination;

    @BeforeEach
    void state() {
        StateLocation location = new StateLocation("jdbc:sqlite:" + dir.resolve("state.db"), "/photos", true, null);
        dataSource = StateDatabase.dataSource(location, null, null, null, 1);
        state = new SyncStateRepository(dataSource, location);
        state.migrate();
        destination = new LocalDestination(dir.resolve("photos").toString());
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private ExistingFiles importing(String matchPolicy) {
        return new ExistingFiles(true, FileChanges.of(false, destination, null), destination, state,
                PhotoLayout.of("%Y/%m/%d", true, "suffix", matchPolicy));
    }

    /** A JPEG photo taken at {@link #TAKEN} (offset UTC), of {@code size} bytes, 32x24 pixels. */
    private static PhotoAsset photo(String masterId, String filename, long size) throws Exception {
        String name = filename == null ? "" : "\"filenameEnc\": {\"value\": \"%s\", \"type\": \"STRING\"},".formatted(filename);
        CkRecord master = new CkRecord(JSON.readTree("""
                {"recordName": "%s", "recordType": "CPLMaster", "fields": { %s
                  "itemType": {"value": "public.jpeg"},
                  "resOriginalFileType": {"value": "public.jpeg"},
                  "resOriginalWidth": {"value": 32}, "resOriginalHeight": {"value": 24},
                  "resOriginalRes": {"value": {"size": %d, "fileChecksum": "AQ", "downloadURL": "https://cvws.example/x"}}
                }}""".formatted(masterId, name, size)));
        CkRecord asset = new CkRecord(JSON.readTree("""
                {"recordName": "ASSET-%s", "recordType": "CPLAsset", "fields": {
                  "masterRef": {"value": {"recordName": "%s"}},
                  "assetDate": {"value": %d}, "timeZoneOffset": {"value": 0}
                }}""".formatted(masterId, masterId, TAKEN.toEpochMilli())));
        return new PhotoAsset("PrimarySync", asset, master);
    }

    private ExistingFiles.Match find(ExistingFiles files, PhotoAsset photo) {
        Resource original = photo.resource(PhotoAsset.ORIGINAL).orElseThrow();
        return files.find(photo, Rendition.ORIGINAL, original, photo.masterId() + "/original", "", null, new HashMap<>());
    }

    private void put(String path, byte[] content) throws Exception {
        Path file = destination.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** A 32x24 JPEG, with a DateTimeOriginal when {@code taken} is given. */
    private static byte[] jpeg(int width, Instant taken) throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, 24, BufferedImage.TYPE_INT_RGB), "jpg", plain);
        if (taken == null) {
            return plain.toByteArray();
        }
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL,
                taken.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")));
        ByteArrayOutputStream withDate = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), withDate, exif);
        return withDate.toByteArray();
    }

    @Test
    void icloudpdsNameId7CanHoldASlashThatMadeAFolder() throws Exception {
        // standard base64 of "AB?CDEFG" is "QUI/Q0RF…": icloudpd wrote IMG_1_QUI/Q0R.JPG, a folder and a file
        PhotoAsset photo = photo("AB?CDEFG", "IMG_1.JPG", 5000);
        put(DAY + "IMG_1_QUI/Q0R.JPG", new byte[5000]);

        ExistingFiles.Match match = find(importing("name-id7"), photo);

        assertThat(match.path()).isEqualTo(DAY + "IMG_1_QUI/Q0R.JPG");
        assertThat(match.deviations()).contains(ExistingFiles.Deviation.ID7_SPELLING);
    }

    @Test
    void oldOriginalNamesAndKeisNameForAPhotoWithoutOneAreFound() throws Exception {
        put(DAY + "IMG_2-original.JPG", new byte[5000]);
        // kei: 12 hex digits of SHA-256("MASTER-3")
        String kei = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("MASTER-3".getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 12);
        put(DAY + kei + ".JPG", new byte[6000]);
        ExistingFiles files = importing("name-size-dedup-with-suffix");

        assertThat(find(files, photo("MASTER-2", "IMG_2.JPG", 5000)).path()).isEqualTo(DAY + "IMG_2-original.JPG");
        assertThat(find(files, photo("MASTER-3", null, 6000)).path()).isEqualTo(DAY + kei + ".JPG");
    }

    @Test
    void aJpegOfAnotherSizeIsTakenOnlyWhenItSaysItIsThePhoto() throws Exception {
        byte[] plain = jpeg(32, null);
        byte[] dated = jpeg(32, TAKEN);
        put(DAY + "IMG_4.JPG", dated);
        put(DAY + "IMG_5.JPG", jpeg(32, TAKEN.plusSeconds(5)));
        put(DAY + "IMG_6.JPG", jpeg(48, TAKEN));
        ExistingFiles files = importing("name-size-dedup-with-suffix");

        ExistingFiles.Match same = find(files, photo("MASTER-4", "IMG_4.JPG", plain.length));
        assertThat(same.path()).isEqualTo(DAY + "IMG_4.JPG");
        assertThat(same.sizeDiffers()).isTrue();
        assertThat(same.size()).isEqualTo(dated.length);
        // taken five seconds later: another photo of the same name
        assertThat(find(files, photo("MASTER-5", "IMG_5.JPG", plain.length))).isNull();
        // another pixel size: another photo
        assertThat(find(files, photo("MASTER-6", "IMG_6.JPG", plain.length))).isNull();
    }

    @Test
    void aFileAdoptedOnceIsNotTakenForAnotherPhoto() throws Exception {
        put(DAY + "IMG_7.JPG", new byte[7000]);
        ExistingFiles files = importing("name-size-dedup-with-suffix");

        assertThat(find(files, photo("MASTER-7", "IMG_7.JPG", 7000))).isNotNull();
        assertThat(find(files, photo("MASTER-8", "IMG_7.JPG", 7000))).isNull();
    }

    @Test
    void anOrdinarySyncLooksForNothing() throws Exception {
        put(DAY + "IMG_9.JPG", new byte[9000]);
        ExistingFiles files = new ExistingFiles(false, FileChanges.of(false, destination, null), destination, state,
                PhotoLayout.of("%Y/%m/%d", true, "suffix", "name-size-dedup-with-suffix"));

        assertThat(find(files, photo("MASTER-9", "IMG_9.JPG", 9000))).isNull();
    }
}

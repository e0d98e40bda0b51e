package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The media CDN: signed URLs, expiry, Range, realistic bytes and fault modes (docs/protocol.md §8.6–8.9). */
class CdnTest {

    private static FakeICloud fake;
    private static FakeZone zone;
    private static FakeClient client;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        fake = FakeICloud.start();
        FakeAccount account = fake.createAccount("jdoe@example.com", "pw").srp("s2k", 1000).twoFactor(false);
        zone = account.primaryZone();
        client = new FakeClient(fake);
        client.signInWithTwoFactor("jdoe@example.com", "pw");
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @AfterEach
    void resetFaults() {
        fake.faults().reset();
    }

    @Test
    void servesTheExactBytesWithRecordedHeaders() throws Exception {
        FakeAsset photo = zone.asset(zone.addPhoto(PhotoSpec.photo("IMG_0001.JPG").size(50_000)));
        String url = downloadUrl(photo, Variant.ORIGINAL);
        HttpResponse<byte[]> response = get(url, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(50_000).isEqualTo(photo.content(Variant.ORIGINAL));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("50000");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(fake.cdnGets(photo.resource(Variant.ORIGINAL))).isEqualTo(1);
        assertThat(fake.cdnRequestsWithCookies()).isZero();

        String substituted = url.replace("$%7Bf%7D", "IMG_0001.JPG");
        assertThat(get(substituted, null).body()).isEqualTo(photo.content(Variant.ORIGINAL));
    }

    @Test
    void injectedLatencyDelaysCdnAndCloudKitRequestsAlike() throws Exception {
        FakeAsset photo = zone.asset(zone.addPhoto(PhotoSpec.photo("IMG_0003.JPG").size(10_000)));
        String url = downloadUrl(photo, Variant.ORIGINAL);
        fake.faults().latency(Duration.ofMillis(150));

        long start = System.nanoTime();
        assertThat(get(url, null).statusCode()).isEqualTo(200);
        long cdnMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        assertThat(client.cloudKit("changes/database", "{}").status()).isEqualTo(200);
        long cloudKitMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(cdnMillis).isGreaterThanOrEqualTo(150);
        assertThat(cloudKitMillis).isGreaterThanOrEqualTo(150);
    }

    @Test
    void rangeRequestsResume() throws Exception {
        FakeAsset video = zone.asset(zone.addVideo("IMG_0002.MOV"));
        byte[] all = video.content(Variant.ORIGINAL);
        HttpResponse<byte[]> tail = get(downloadUrl(video, Variant.ORIGINAL), "bytes=1000-");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 1000-" + (all.length - 1) + "/" + all.length);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(all, 1000, all.length));

        fake.faults().cdn(CdnFault.ignoreRange());
        HttpResponse<byte[]> ignored = get(downloadUrl(video, Variant.ORIGINAL), "bytes=1000-");
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.body()).isEqualTo(all);
    }

    @Test
    void signatureAndExpiryAreChecked() throws Exception {
        FakeAsset photo = zone.asset(zone.addPhoto("IMG_0003.HEIC"));
        String url = downloadUrl(photo, Variant.ORIGINAL);
        assertThat(get(url.replaceAll("&s=[^&]*", "&s=forged"), null).statusCode()).isEqualTo(403);
        assertThat(get(url.replaceAll("&e=\\d+", "&e=9999999999"), null).statusCode()).isEqualTo(403);

        fake.faults().urlTtl(Duration.ofSeconds(1));
        String shortLived = downloadUrl(photo, Variant.ORIGINAL);
        assertThat(get(shortLived, null).statusCode()).isEqualTo(200);
        fake.advanceClock(Duration.ofSeconds(5));
        HttpResponse<byte[]> expired = get(shortLived, null);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.US_ASCII)).contains("expired");
    }

    @Test
    void jpegsAreRealImagesThatTakeExif() throws Exception {
        FakeAsset photo = zone.asset(zone.addPhoto(PhotoSpec.photo("IMG_0004.JPG").size(200_000)));
        byte[] jpeg = get(downloadUrl(photo, Variant.ORIGINAL), null).body();
        assertThat(jpeg).hasSize(200_000);
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg))).isNotNull();

        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2016:01:01 08:00:00");
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg, rewritten, exif);
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(rewritten.toByteArray()));
        assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                .getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)).isEqualTo("2016:01:01 08:00:00");

        FakeAsset other = zone.asset(zone.addPhoto(PhotoSpec.photo("IMG_0005.JPG").size(200_000)));
        assertThat(other.content(Variant.ORIGINAL)).isNotEqualTo(jpeg);
    }

    @Test
    void everyFormatStartsWithItsMagicBytes() {
        assertThat(head(zone.addPhoto("IMG_0006.PNG"), Variant.ORIGINAL, 8))
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        assertThat(ascii(zone.addPhoto("IMG_0007.HEIC"), Variant.ORIGINAL, 12)).endsWith("ftypheic");
        assertThat(ascii(zone.addVideo("IMG_0008.MP4"), Variant.ORIGINAL, 12)).endsWith("ftypisom");
        String live = zone.addLivePhoto("IMG_0009.HEIC");
        assertThat(ascii(live, Variant.ORIGINAL_VID_COMPL, 12)).endsWith("ftypqt  ");
        assertThat(ascii(zone.addPhoto("IMG_0010.DNG"), Variant.ORIGINAL, 4)).isEqualTo("II*\0");
        String raw = zone.addRawPlusJpeg("IMG_0011.CR2");
        assertThat(ascii(raw, Variant.ORIGINAL, 10)).endsWith("CR");
        assertThat(head(raw, Variant.ORIGINAL_ALT, 2)).isEqualTo(new byte[] {(byte) 0xFF, (byte) 0xD8});
    }

    @Test
    void faultModesBreakDownloadsTheWayRealCdnsDo() throws Exception {
        FakeAsset photo = zone.asset(zone.addPhoto(PhotoSpec.photo("IMG_0012.JPG").size(60_000)));
        String url = downloadUrl(photo, Variant.ORIGINAL);

        fake.faults().cdn(CdnFault.htmlBody(), 1).cdn(CdnFault.tinyBody(), 1).cdn(CdnFault.lengthMismatch(), 1);
        HttpResponse<byte[]> html = get(url, null);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(new String(html.body(), StandardCharsets.US_ASCII)).startsWith("<!DOCTYPE html>");
        assertThat(get(url, null).body()).hasSize(17);
        HttpResponse<byte[]> shortBody = get(url, null);
        assertThat(shortBody.body()).hasSize(30_000);
        assertThat(shortBody.headers().firstValue("Content-Length")).hasValue("30000");

        fake.faults().cdn(CdnFault.truncated(), 1).cdn(CdnFault.resetAfter(1_000), 1);
        assertThatThrownBy(() -> get(url, null)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(url, null)).isInstanceOf(IOException.class);

        fake.faults().cdn(CdnFault.stall(1_000, Duration.ofMillis(600)), 1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> get(url, null)).isInstanceOf(IOException.class).hasMessageContaining("received: 1000");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(500));

        fake.faults().cdn(CdnFault.slow(200_000), 1);
        started = System.nanoTime();
        assertThat(get(url, null).body()).isEqualTo(photo.content(Variant.ORIGINAL));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(150));

        fake.faults().failNext(Endpoint.CDN, 503, 30, 1);
        HttpResponse<byte[]> busy = get(url, null);
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(get(url, null).body()).isEqualTo(photo.content(Variant.ORIGINAL));
    }

    @Test
    void parallelDownloadsWhileTheLibraryChanges() throws Exception {
        List<FakeAsset> assets = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            assets.add(zone.asset(zone.addPhoto(PhotoSpec.photo("IMG_P" + i + ".HEIC").size(40_000 + i))));
        }
        List<String> urls = assets.stream().map(a -> downloadUrl(a, Variant.ORIGINAL)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<byte[]>> bodies = new ArrayList<>();
            for (String url : urls) {
                bodies.add(pool.submit(() -> get(url, null).body()));
            }
            for (int i = 0; i < 20; i++) { // the library changes meanwhile
                zone.favourite(assets.get(i).id());
            }
            for (int i = 0; i < urls.size(); i++) {
                assertThat(bodies.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(assets.get(i).content(Variant.ORIGINAL));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fresh URL from records/lookup, with {@code ${f}} percent-encoded as Java's URI demands (§8.6). */
    private static String downloadUrl(FakeAsset asset, Variant variant) {
        boolean onAsset = variant == Variant.JPEG_FULL || variant == Variant.VID_FULL;
        String name = onAsset ? asset.id() : asset.masterId();
        String body = "{\"records\":[{\"recordName\":\"" + name + "\"}],\"zoneID\":{\"zoneName\":\"PrimarySync\"}}";
        String url = client.cloudKit("records/lookup", body).json().path("records").get(0).path("fields")
                .path(variant.prefix() + "Res").path("value").path("downloadURL").asText();
        assertThat(url).contains("/${f}?");
        return url.replace("${f}", "$%7Bf%7D");
    }

    private static HttpResponse<byte[]> get(String url, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] head(String assetId, Variant variant, int n) {
        try {
            return Arrays.copyOf(get(downloadUrl(zone.asset(assetId), variant), null).body(), n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String ascii(String assetId, Variant variant, int n) {
        return new String(head(assetId, variant, n), StandardCharsets.ISO_8859_1);
    }
}

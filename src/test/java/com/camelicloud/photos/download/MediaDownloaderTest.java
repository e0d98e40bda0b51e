package com.camelicloud.photos.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.download.TestCdn.Fault;
import com.camelicloud.photos.library.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaDownloaderTest {

    private static final int SIZE = 300_000;

    @TempDir
    Path tempDir;

    private TestCdn cdn;
    private DownloadSettings settings;
    private MediaDownloader downloader;
    private final AtomicInteger refreshes = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        cdn = new TestCdn();
        settings = DownloadSettings.builder(tempDir)
                .initialRetryDelay(Duration.ofMillis(10))
                .readStallTimeout(Duration.ofSeconds(5))
                .extraAllowedHosts(Set.of("127.0.0.1"))
                .build();
        downloader = new MediaDownloader(settings);
    }

    @AfterEach
    void stop() {
        cdn.close();
    }

    @Test
    void downloadsTheWholeFileWithTheDefaultHeadersAndNoCookies() throws Exception {
        byte[] bytes = jpeg(SIZE, 1);
        Resource resource = resource("a", bytes, cdn.serve("a", bytes));

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.file().getParent()).isEqualTo(tempDir);
        assertThat(result.file().getFileName().toString())
                .isEqualTo(TempFiles.base32(Base64.getDecoder().decode(resource.checksum())) + ".icloud-tmp");
        assertThat(result.sha256()).isEqualTo(sha256(bytes));
        assertThat(result.size()).isEqualTo(SIZE);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.urlRefreshed()).isFalse();
        assertThat(result.bytesTransferred()).isEqualTo(SIZE);

        TestCdn.Request request = cdn.requestsFor("a").get(0);
        assertThat(request.rawPath()).endsWith("/$%7Bf%7D");
        assertThat(request.range()).isNull();
        assertThat(request.headers().getFirst("Origin")).isEqualTo("https://www.icloud.com");
        assertThat(request.headers().getFirst("Referer")).isEqualTo("https://www.icloud.com/");
        assertThat(request.headers().getFirst("User-Agent")).startsWith("Mozilla/5.0");
        assertThat(request.headers().containsKey("Cookie")).isFalse();
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void makesItsTempFolderOnTheFirstDownloadAndAgainWhenItWasRemoved() throws Exception {
        Path nested = tempDir.resolve("staging/partial");
        MediaDownloader fresh = new MediaDownloader(DownloadSettings.builder(nested)
                .extraAllowedHosts(Set.of("127.0.0.1")).build());
        byte[] first = jpeg(SIZE, 11);
        byte[] second = jpeg(SIZE, 12);

        assertThat(fresh.download(resource("n1", first, cdn.serve("n1", first)), null).file()).hasBinaryContent(first);
        try (var files = Files.walk(tempDir.resolve("staging"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(fresh.download(resource("n2", second, cdn.serve("n2", second)), null).file()).hasBinaryContent(second)
                .hasParent(nested);
        fresh.close();
    }

    @Test
    void resumesWithRangeAfterAConnectionResetAndEndsByteIdentical() throws Exception {
        byte[] bytes = jpeg(SIZE, 2);
        Resource resource = resource("b", bytes, cdn.serve("b", bytes));
        cdn.failOnce("b", Fault.resetAfter(100_000));

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.sha256()).isEqualTo(sha256(bytes));
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.bytesTransferred()).isEqualTo(SIZE);
        List<TestCdn.Request> requests = cdn.requestsFor("b");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).range()).isNull();
        long resumedFrom = Long.parseLong(requests.get(1).range().replaceAll("\\D", ""));
        assertThat(resumedFrom).isPositive().isLessThanOrEqualTo(100_000);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void resumesAfterABodyCutShort() throws Exception {
        byte[] bytes = jpeg(SIZE, 3);
        Resource resource = resource("c", bytes, cdn.serve("c", bytes));
        cdn.failOnce("c", Fault.truncate());

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.sha256()).isEqualTo(sha256(bytes));
        assertThat(cdn.requestsFor("c").get(1).range()).startsWith("bytes=");
    }

    @Test
    void resumesAfterAStall() throws Exception {
        downloader = new MediaDownloader(settings.toBuilder().readStallTimeout(Duration.ofMillis(300)).build());
        byte[] bytes = jpeg(SIZE, 4);
        Resource resource = resource("d", bytes, cdn.serve("d", bytes));
        cdn.failOnce("d", Fault.stallAfter(50_000, 3_000));

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(cdn.requestsFor("d").get(1).range()).startsWith("bytes=");
    }

    @Test
    void resumesATempFileLeftByAnEarlierRunAndHashesItsPrefix() throws Exception {
        byte[] bytes = jpeg(SIZE, 5);
        Resource resource = resource("e", bytes, cdn.serve("e", bytes));
        Files.write(downloader.tempFiles().pathFor(resource), Arrays.copyOf(bytes, 120_000));

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(cdn.requestsFor("e").get(0).range()).isEqualTo("bytes=120000-");
        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.sha256()).isEqualTo(sha256(bytes));
        assertThat(result.bytesTransferred()).isEqualTo(SIZE - 120_000);
    }

    @Test
    void aServerIgnoringRangeMakesItRestartFromZero() throws Exception {
        byte[] bytes = jpeg(SIZE, 6);
        Resource resource = resource("f", bytes, cdn.serve("f", bytes));
        cdn.ignoreRange("f");
        // a prefix that does not match: appending the 200 body to it would corrupt the file
        Files.write(downloader.tempFiles().pathFor(resource), new byte[100_000]);

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(cdn.requestsFor("f").get(0).range()).isEqualTo("bytes=100000-");
        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.sha256()).isEqualTo(sha256(bytes));
        assertThat(result.bytesTransferred()).isEqualTo(SIZE);
    }

    @Test
    void aContentRangeThatDoesNotContinueOurBytesDiscardsThem() throws Exception {
        byte[] bytes = jpeg(SIZE, 7);
        Resource resource = resource("g", bytes, cdn.serve("g", bytes));
        Files.write(downloader.tempFiles().pathFor(resource), Arrays.copyOf(bytes, 100_000));
        cdn.failOnce("g", Fault.wrongRange());

        DownloadResult result = downloader.download(resource, this::refresh);

        List<TestCdn.Request> requests = cdn.requestsFor("g");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).range()).isNull();
        assertThat(result.file()).hasBinaryContent(bytes);
    }

    @Test
    void aStaleTempFileIsDiscarded() throws Exception {
        byte[] bytes = jpeg(SIZE, 8);
        Resource resource = resource("h", bytes, cdn.serve("h", bytes));
        Path temp = downloader.tempFiles().pathFor(resource);
        Files.write(temp, new byte[100_000]);
        Files.setLastModifiedTime(temp, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(cdn.requestsFor("h").get(0).range()).isNull();
        assertThat(result.file()).hasBinaryContent(bytes);
    }

    @Test
    void aCompleteTempFileIsRevalidatedWithoutDownloading() throws Exception {
        byte[] bytes = jpeg(SIZE, 9);
        Resource resource = resource("i", bytes, cdn.serve("i", bytes));
        Files.write(downloader.tempFiles().pathFor(resource), bytes);

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(cdn.requestsFor("i")).isEmpty();
        assertThat(result.attempts()).isZero();
        assertThat(result.bytesTransferred()).isZero();
        assertThat(result.sha256()).isEqualTo(sha256(bytes));
    }

    @Test
    void anHtmlPageServedWith200IsRejectedAndLeavesNoFile() throws Exception {
        byte[] bytes = jpeg(SIZE, 10);
        Resource resource = resource("j", bytes, cdn.serve("j", bytes));
        cdn.failAlways("j", Fault.html());

        DownloadException e = catchThrowableOfType(() -> downloader.download(resource, this::refresh),
                DownloadException.class);

        assertThat(e.reason()).isEqualTo(Reason.ERROR_BODY);
        assertThat(e).hasMessageStartingWith("resOriginal: ")
                .hasMessageContaining("HTML error page served with HTTP 200");
        assertThat(refreshes).hasValue(1);
        // one request, one after the refresh, then the retries
        assertThat(cdn.requestsFor("j")).hasSize(2 + settings.maxRetries());
        assertThat(filesIn(tempDir)).isEmpty();
    }

    @Test
    void anHtmlBodyWithAMediaContentTypeIsCaughtByItsFirstBytes() throws Exception {
        byte[] bytes = jpeg(SIZE, 11);
        Resource resource = resource("k", bytes, cdn.serve("k", bytes));
        cdn.failOnce("k", Fault.htmlAsMedia());

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.urlRefreshed()).isTrue();
        assertThat(refreshes).hasValue(1);
        assertThat(cdn.requestsFor("k")).hasSize(2);
        assertThat(cdn.requestsFor("k").get(1).range()).isNull();
    }

    @Test
    void aTinyBodyRefreshesTheUrlOnceAndRetries() throws Exception {
        byte[] bytes = jpeg(SIZE, 12);
        Resource resource = resource("l", bytes, cdn.serve("l", bytes));
        cdn.failOnce("l", Fault.tiny());

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.urlRefreshed()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void anExpiredUrlIsRefreshedExactlyOnce() throws Exception {
        byte[] bytes = jpeg(SIZE, 13);
        Resource resource = resource("m", bytes, cdn.serve("m", bytes));
        cdn.expireUrls("m");

        DownloadResult result = downloader.download(resource, this::refresh);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.urlRefreshed()).isTrue();
        assertThat(result.resource().downloadUrl()).isEqualTo(cdn.url("m"));
        assertThat(refreshes).hasValue(1);
        assertThat(cdn.requestsFor("m")).hasSize(2);
    }

    @Test
    void aUrlStillRefusedAfterTheRefreshFailsWithoutLeakingTheUrl() throws Exception {
        byte[] bytes = jpeg(SIZE, 14);
        Resource resource = resource("n", bytes, cdn.urlWithToken("n", "SECRET-TOKEN"));
        cdn.serve("n", bytes);
        UrlRefresher useless = stale -> {
            refreshes.incrementAndGet();
            return withUrl(stale, cdn.urlWithToken("n", "OTHER-SECRET"));
        };

        DownloadException e = catchThrowableOfType(() -> downloader.download(resource, useless),
                DownloadException.class);

        assertThat(e.reason()).isEqualTo(Reason.URL_EXPIRED);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e).hasMessageContaining("HTTP 403").hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("?");
        assertThat(refreshes).hasValue(1);
        assertThat(cdn.requestsFor("n")).hasSize(2);
        assertThat(filesIn(tempDir)).isEmpty();
    }

    @Test
    void throttlingHonoursRetryAfter() throws Exception {
        byte[] bytes = jpeg(SIZE, 15);
        Resource resource = resource("o", bytes, cdn.serve("o", bytes));
        cdn.failOnce("o", Fault.status(503, "1"));

        long started = System.nanoTime();
        DownloadResult result = downloader.download(resource, this::refresh);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimit() throws Exception {
        downloader = new MediaDownloader(settings.toBuilder().maxRetries(2).build());
        byte[] bytes = jpeg(SIZE, 16);
        Resource resource = resource("p", bytes, cdn.serve("p", bytes));
        cdn.failAlways("p", Fault.status(500, null));

        DownloadException e = catchThrowableOfType(() -> downloader.download(resource, this::refresh),
                DownloadException.class);

        assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
        assertThat(e).hasMessageContaining("HTTP 500").hasMessageContaining("gave up after 3 attempts");
        assertThat(cdn.requestsFor("p")).hasSize(3);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void otherClientErrorsFailAtOnce() throws Exception {
        byte[] bytes = jpeg(SIZE, 17);
        Resource resource = resource("q", bytes, cdn.serve("q", bytes));
        cdn.failAlways("q", Fault.status(400, null));

        DownloadException e = catchThrowableOfType(() -> downloader.download(resource, this::refresh),
                DownloadException.class);

        assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
        assertThat(e.isTransient()).isFalse();
        assertThat(cdn.requestsFor("q")).hasSize(1);
        assertThat(refreshes).hasValue(0);
    }

    @Test
    void aFailedDownloadKeepsPlausibleBytesForTheNextRun() throws Exception {
        byte[] bytes = jpeg(SIZE, 18);
        Resource resource = resource("r", bytes, cdn.serve("r", bytes));
        cdn.failAlways("r", Fault.resetAfter(60_000));
        MediaDownloader impatient = new MediaDownloader(settings.toBuilder().maxRetries(1).build());

        DownloadException e = catchThrowableOfType(() -> impatient.download(resource, this::refresh),
                DownloadException.class);
        assertThat(e.reason()).isEqualTo(Reason.STREAM_ERROR);
        assertThat(e.isTransient()).isTrue();
        Path temp = downloader.tempFiles().pathFor(resource);
        byte[] kept = Files.readAllBytes(temp);
        assertThat(kept.length).isPositive();
        assertThat(kept).isEqualTo(Arrays.copyOf(bytes, kept.length));

        cdn.failAlways("r", null);
        DownloadResult result = downloader.download(resource, this::refresh);
        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(result.bytesTransferred()).isEqualTo(SIZE - kept.length);
    }

    @Test
    void refusesHostsOutsideTheAllowlistWithoutTouchingTheDisk() {
        MediaDownloader strict = new MediaDownloader(DownloadSettings.defaults(tempDir));
        Resource evil = new Resource("resOriginal", "public.jpeg", 10, "AAAA",
                "https://evil.example.com/B/x/${f}?s=SECRET", null, null);
        Resource plainHttp = new Resource("resOriginal", "public.jpeg", 10, "AAAA",
                "http://cvws.icloud-content.com/B/x/${f}?s=SECRET", null, null);
        Resource local = resource("s", new byte[10], cdn.serve("s", new byte[10]));

        for (Resource refused : List.of(evil, plainHttp, local)) {
            assertThatThrownBy(() -> strict.download(refused, this::refresh))
                    .isInstanceOfSatisfying(DownloadException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.HOST_NOT_ALLOWED))
                    .hasMessageContaining("not allowed").hasMessageNotContaining("SECRET");
        }
        assertThatThrownBy(() -> strict.download(evil, null)).hasMessage("resOriginal: CDN host evil.example.com not allowed");
        assertThat(cdn.requestsFor("s")).isEmpty();
        assertThat(tempDir).isEmptyDirectory();
    }

    @Test
    void refusesRedirectsToHostsOutsideTheAllowlist() throws Exception {
        byte[] bytes = jpeg(SIZE, 19);
        Resource resource = resource("t", bytes, cdn.serve("t", bytes));
        cdn.failOnce("t", Fault.redirect("https://evil.example.com/steal"));

        assertThatThrownBy(() -> downloader.download(resource, this::refresh))
                .isInstanceOfSatisfying(DownloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.HOST_NOT_ALLOWED))
                .hasMessageContaining("evil.example.com");

        cdn.failOnce("t", Fault.redirect(cdn.url("t")));
        assertThat(downloader.download(resource, this::refresh).file()).hasBinaryContent(bytes);
    }

    @Test
    void respectsTheBandwidthLimitRoughly() throws Exception {
        MediaDownloader limited = new MediaDownloader(settings.toBuilder().bandwidthLimit(100_000).build());
        byte[] bytes = jpeg(200_000, 20);
        Resource resource = resource("u", bytes, cdn.serve("u", bytes));

        long started = System.nanoTime();
        DownloadResult result = limited.download(resource, this::refresh);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.file()).hasBinaryContent(bytes);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void downloadsDistinctResourcesConcurrently() throws Exception {
        int count = 12;
        List<byte[]> contents = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = jpeg(100_000 + i * 1000, 100 + i);
            contents.add(bytes);
            resources.add(resource("v" + i, bytes, cdn.serve("v" + i, bytes)));
            if (i % 3 == 0) {
                cdn.failOnce("v" + i, Fault.resetAfter(30_000));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<DownloadResult>> futures = new ArrayList<>();
            for (Resource r : resources) {
                futures.add(pool.submit(() -> downloader.download(r, this::refresh)));
            }
            for (int i = 0; i < count; i++) {
                DownloadResult result = futures.get(i).get(10, TimeUnit.SECONDS);
                assertThat(result.file()).hasBinaryContent(contents.get(i));
                assertThat(result.sha256()).isEqualTo(sha256(contents.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void downloadersSharingSlotsNeverStreamMoreAtOnceThanTheSlots() throws Exception {
        DownloadSlots shared = new DownloadSlots(2);
        List<MediaDownloader> accounts = List.of(new MediaDownloader(settings, shared),
                new MediaDownloader(settings, shared));
        List<Resource> resources = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] bytes = jpeg(60_000, 200 + i);
            contents.add(bytes);
            resources.add(resource("slot" + i, bytes, cdn.serve("slot" + i, bytes)));
            cdn.failAlways("slot" + i, Fault.slow(20));
        }
        ExecutorService pool = Executors.newFixedThreadPool(resources.size());
        try {
            List<Future<DownloadResult>> futures = new ArrayList<>();
            for (int i = 0; i < resources.size(); i++) {
                Resource r = resources.get(i);
                MediaDownloader account = accounts.get(i % 2);
                futures.add(pool.submit(() -> account.download(r, this::refresh)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(20, TimeUnit.SECONDS).file()).hasBinaryContent(contents.get(i));
            }
        } finally {
            pool.shutdownNow();
            accounts.forEach(MediaDownloader::close);
        }
        assertThat(cdn.mostAtOnce.get()).as("eight downloads of two accounts, two slots").isEqualTo(2);
        assertThat(shared.inUse()).isZero();
    }

    @Test
    void aSecondDownloadOfTheSameResourceFailsCleanlyInsteadOfInterleaving() throws Exception {
        byte[] bytes = jpeg(SIZE, 21);
        Resource resource = resource("w", bytes, cdn.serve("w", bytes));
        cdn.failAlways("w", Fault.slow(40));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<DownloadResult> first = pool.submit(() -> downloader.download(resource, this::refresh));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (cdn.requestsFor("w").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            assertThatThrownBy(() -> downloader.download(resource, this::refresh))
                    .isInstanceOfSatisfying(DownloadException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CONCURRENT_DOWNLOAD));

            DownloadResult result = first.get(10, TimeUnit.SECONDS);
            assertThat(result.file()).hasBinaryContent(bytes);
            assertThat(cdn.requestsFor("w")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMagicBytesMismatchOnlyWarns() throws Exception {
        byte[] bytes = jpeg(SIZE, 22);
        Resource resource = new Resource("resOriginal", "public.png", bytes.length, checksumFor("x"),
                cdn.serve("x", bytes), null, null);

        assertThat(downloader.download(resource, this::refresh).file()).hasBinaryContent(bytes);
    }

    @Test
    void encodesOnlyTheCharactersUriRejects() {
        assertThat(CdnUrls.encodeForUri("https://cvws.icloud-content.com/B/AY6c-Bs/${f}?o=A%2Bb&e=1&fl="))
                .isEqualTo("https://cvws.icloud-content.com/B/AY6c-Bs/$%7Bf%7D?o=A%2Bb&e=1&fl=");
    }

    private Resource refresh(Resource stale) {
        refreshes.incrementAndGet();
        String name = stale.downloadUrl().split("/")[4];
        return withUrl(stale, cdn.url(name));
    }

    private static Resource withUrl(Resource r, String url) {
        return new Resource(r.field(), r.uti(), r.size(), r.checksum(), url, r.width(), r.height());
    }

    private static Resource resource(String name, byte[] bytes, String url) {
        return new Resource("resOriginal", "public.jpeg", bytes.length, checksumFor(name), url, null, null);
    }

    /** A 21-byte MMCS-like checksum, distinct per name. */
    private static String checksumFor(String name) {
        byte[] raw = new byte[21];
        new Random(name.hashCode()).nextBytes(raw);
        raw[0] = 1;
        return Base64.getEncoder().encodeToString(raw);
    }

    private static byte[] jpeg(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}

package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test-only control surface that bench scripts use on a fake running as its own process. */
class FakeControlTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeICloud fake;
    private FakeZone primary;
    private String control;

    @BeforeEach
    void start() {
        fake = FakeICloud.start();
        primary = fake.createAccount("jdoe@example.com", "pw").srp("s2k", 1000).twoFactor(false).primaryZone();
        LibraryGenerator.populate(primary, 5, 60);
        fake.serveOnAuthListener(FakeControl.PREFIX, new FakeControl(fake, primary, null, 1));
        control = fake.authEndpoint().replace(AuthHandler.PREFIX, FakeControl.PREFIX);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void countersAreReadAndResetWithoutCountingThemselves() throws Exception {
        FakeClient client = new FakeClient(fake);
        client.signInWithTwoFactor("jdoe@example.com", "pw");
        int signIns = fake.calls(Endpoint.SIGNIN_INIT);

        JsonNode counters = Json.parse(send("GET", "/counters").body().getBytes());

        assertThat(signIns).isPositive();
        assertThat(counters.path("SIGNIN_INIT").asInt()).isEqualTo(signIns);
        assertThat(counters.path("TOTAL").asInt()).isEqualTo(fake.requestLog().size());
        assertThat(send("POST", "/reset").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/counters?format=text").body()).contains("SIGNIN_INIT 0\n", "CLOUDKIT 0\n", "TOTAL 0\n");
    }

    @Test
    void mutateAppliesEachActionToADifferentAssetAndSaysWhatTheNextChangesPageHolds() throws Exception {
        int live = primary.liveAssets().size();
        long head = primary.changeLogLength();

        HttpResponse<String> answer = send("POST", "/mutate?add=4&trash=3&favourite=2&edit=2&hide=1");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode done = Json.parse(answer.body().getBytes());
        assertThat(done.path("changes").asInt()).isEqualTo(12);
        assertThat(done.path("newFiles").asInt()).isEqualTo(5); // JPG, HEIC, Live Photo (2), MOV
        // 4 × (master + asset), 3 × (master + asset), 5 assets, one CPLLibraryInfo
        assertThat(done.path("records").asLong()).isEqualTo(primary.recordsChangedAfter(head)).isEqualTo(20);
        assertThat(primary.liveAssets()).hasSize(live + 4 - 3 - 1);
        assertThat(primary.liveAssets()).filteredOn(a -> a.filename() != null && a.filename().startsWith("BENCH_")).hasSize(4);
    }

    @Test
    void cdnUrlsListEachFileOfTheDefaultCopyOnceAndEachServesItsFixedSize() throws Exception {
        try (FakeICloud other = FakeICloud.start()) {
            FakeZone zone = other.createAccount("jdoe@example.com", "pw").srp("s2k", 1000).twoFactor(false).primaryZone();
            new LibraryGenerator(3).fixedSize(5_000).populate(zone, 48); // every kind of item twice
            String trashed = zone.addPhoto(PhotoSpec.photo("TRASHED.JPG").size(5_000));
            zone.trash(trashed);
            String hidden = zone.addPhoto(PhotoSpec.photo("HIDDEN.JPG").size(5_000).hidden(true));
            String live = zone.addPhoto(PhotoSpec.livePhoto("LIVE.HEIC").size(5_000));
            String duplicated = zone.addPhoto(PhotoSpec.photo("DUP.JPG").size(5_000));
            zone.duplicate(duplicated);
            other.serveOnAuthListener(FakeControl.PREFIX, new FakeControl(other, zone, 5_000L, 1));
            String url = other.authEndpoint().replace(AuthHandler.PREFIX, FakeControl.PREFIX) + "/cdn-urls";

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            List<String> urls = answer.body().lines().toList();
            Set<String> expected = new HashSet<>();
            for (FakeAsset a : zone.assets().stream().filter(a -> !a.isDeleted()).toList()) {
                expected.add(a.resource(Variant.ORIGINAL).cdnKey());
                if (a.isLivePhoto()) {
                    expected.add(a.resource(Variant.ORIGINAL_VID_COMPL).cdnKey());
                }
            }
            List<String> keys = urls.stream().map(u -> URI.create(u).getRawPath().split("/")[2]).toList();
            assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected)
                    .contains(zone.asset(live).resource(Variant.ORIGINAL).cdnKey(),
                            zone.asset(live).resource(Variant.ORIGINAL_VID_COMPL).cdnKey(),
                            zone.asset(duplicated).resource(Variant.ORIGINAL).cdnKey(),
                            // --on-hidden keep, the default, copies hidden photos
                            zone.asset(hidden).resource(Variant.ORIGINAL).cdnKey())
                    .doesNotContain(zone.asset(trashed).resource(Variant.ORIGINAL).cdnKey());
            assertThat(urls).allMatch(u -> u.startsWith(other.cdnEndpoint() + "/B/") && u.contains("/$%7Bf%7D?"));
            other.resetCounters();
            for (String u : urls) {
                HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(u)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(file.statusCode()).as(u).isEqualTo(200);
                assertThat(file.body()).as(u).hasSize(5_000);
            }
            assertThat(other.calls(Endpoint.CDN)).isEqualTo(urls.size());
            FakeAsset livePhoto = zone.asset(live);
            int i = keys.indexOf(livePhoto.resource(Variant.ORIGINAL_VID_COMPL).cdnKey());
            assertThat(http.send(HttpRequest.newBuilder(URI.create(urls.get(i))).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(livePhoto.content(Variant.ORIGINAL_VID_COMPL));
        }
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        assertThat(send("POST", "/mutate?trash=-1").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/mutate?delete=1").statusCode()).isEqualTo(400);
        long head = primary.changeLogLength();
        assertThat(send("POST", "/mutate?add=5&trash=100000").statusCode()).isEqualTo(400);
        assertThat(primary.changeLogLength()).isEqualTo(head);
        assertThat(send("GET", "/mutate?add=1").statusCode()).isEqualTo(404);
        assertThat(fake.calls(Endpoint.OTHER)).isZero();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(control + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

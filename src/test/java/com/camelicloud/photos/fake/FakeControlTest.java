package com.camelicloud.photos.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

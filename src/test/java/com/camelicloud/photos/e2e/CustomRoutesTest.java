package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.fake.PhotoSpec;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/** --routes: the user's YAML routes next to the shipped ones, and the three documented examples. */
class CustomRoutesTest extends EndToEndTest {

    private static final Path EXAMPLES = Path.of("routes", "examples");

    private Path config(String... lines) throws IOException {
        Path file = home.resolve("custom.properties");
        Files.write(file, List.of(lines));
        return file;
    }

    private Result sync(CliRunner cli, String... flags) {
        Result result = cli.sync(photos(), "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void everyNewPhotoIsAlsoCopiedToASecondFolder() throws IOException {
        FakeAccount account = account("copy@example.com", 12);
        Path second = home.resolve("second");
        Path config = config("examples.second-directory=" + second);

        sync(signedIn("copy@example.com"), "--routes", EXAMPLES.resolve("copy-to-second-folder.yaml").toString(),
                "--config", config.toString());

        assertThat(LocalFiles.published(second)).isEqualTo(LocalFiles.published(photos()));
        assertThat(LocalFiles.counts(LocalFiles.published(second))).isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }

    @Test
    void aWebhookIsCalledForEveryDeletion() throws IOException {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hook", exchange -> {
            calls.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        try {
            FakeAccount account = account("hook@example.com", 8);
            CliRunner cli = signedIn("hook@example.com");
            Path config = config("examples.webhook-url=http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook");
            String routes = EXAMPLES.resolve("webhook-on-deletion.yaml").toString();
            sync(cli, "--routes", routes, "--config", config.toString());
            FakeZone zone = account.primaryZone();
            String trashed = zone.liveAssets().get(0).id();
            String purged = zone.liveAssets().get(1).id();
            zone.trash(trashed);
            zone.trash(purged);
            zone.purge(purged);
            zone.favourite(zone.liveAssets().get(2).id());

            sync(cli, "--routes", routes, "--config", config.toString());

            assertThat(calls).hasSize(2);
            assertThat(calls).anyMatch(body -> body.contains(trashed) && body.contains("ASSET_TRASHED"));
            assertThat(calls).anyMatch(body -> body.contains(purged) && body.contains("ASSET_PURGED"));
        } finally {
            hooks.stop(0);
        }
    }

    @Test
    void hiddenPhotosGoToTheirOwnFolder() throws IOException {
        FakeAccount account = account("hidden@example.com", 4);
        CliRunner cli = signedIn("hidden@example.com");
        Path hidden = home.resolve("hidden");
        Path config = config("examples.hidden-directory=" + hidden);
        String routes = EXAMPLES.resolve("hidden-photos-elsewhere.yaml").toString();
        sync(cli, "--routes", routes, "--config", config.toString());
        account.primaryZone().addPhoto(PhotoSpec.photo("PRIVATE_0001.JPG").hidden(true));

        sync(cli, "--routes", routes, "--config", config.toString());

        assertThat(LocalFiles.published(hidden).keySet()).singleElement()
                .satisfies(path -> assertThat(path).endsWith("PRIVATE_0001.JPG"));
        assertThat(LocalFiles.published(photos()).keySet()).noneMatch(path -> path.endsWith("PRIVATE_0001.JPG"));
    }

    @Test
    void aMalformedRouteStopsTheStartNamingFileAndLineAndSyncsNothing() throws IOException {
        account("malformed@example.com", 3);
        CliRunner cli = signedIn("malformed@example.com");
        Path routes = Files.createDirectories(home.resolve("my-routes"));
        Files.writeString(routes.resolve("broken.yaml"), """
                - route:
                    id: mine
                    from:
                      uri: "direct:mine"
                      steps:
                        - noSuchStep:
                            foo: bar
                """);

        Result result = cli.sync(photos(), "", "--routes", routes.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("broken.yaml").containsPattern("line \\d+").contains("noSuchStep");
        assertThat(LocalFiles.published(photos())).isEmpty();
    }

    /** Camel said only "Error pre-parsing resource: file:…"; the YAML parser knows the line and the problem. */
    @Test
    void aYamlSyntaxErrorInAUserRouteNamesFileLineAndProblemBeforeAnyNetworkCall() throws IOException {
        account("yamlsyntax@example.com", 3);
        CliRunner cli = signedIn("yamlsyntax@example.com");
        Path routes = Files.createDirectories(home.resolve("my-routes"));
        Path broken = Files.writeString(routes.resolve("broken.yaml"), """
                - route:
                    id: mine
                    from:
                      uri: "direct:mine"
                     steps:
                        - log: "hello"
                """);
        fake.resetCounters();

        Result result = cli.sync(photos(), "", "--routes", routes.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().strip()).isEqualTo("Error: --routes: the route file " + broken + " cannot be loaded: "
                + "line 5, column 6: expected <block end>, but found '<block mapping start>' (while parsing a block "
                + "mapping that starts at line 2)");
        assertThat(fake.requestLog()).as("not even a sign-in").isEmpty();
        assertThat(LocalFiles.published(photos())).isEmpty();
    }
}

package com.camelicloud.photos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.camelicloud.photos.component.ICloudPhotosComponent;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped routes on a plain CamelContext, as a Karaf Blueprint context runs them: no camel-main anywhere on
 * the way, settings given as a Properties object (ConfigAdmin's shape), a session made beforehand by {@code login}.
 */
class PackagedRoutesTest {

    private static final String APPLE_ID = "Karaf.User@example.com";

    @TempDir
    Path home;

    private FakeICloud fake;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void theShippedRoutesSyncOnACamelContextThatCamelMainDidNotConfigure() throws Exception {
        fake = FakeICloud.start();
        FakeAccount account = fake.createAccount(APPLE_ID, FakeDefaults.PASSWORD).srp("s2k", 1000);
        LibraryGenerator.populate(account.primaryZone(), 7, 12);
        Path state = home.resolve("state");
        assertThat(new CliRunner(fake, state, APPLE_ID).login(FakeDefaults.CODE + "\n").exitCode()).isZero();

        Properties settings = new Properties();
        settings.setProperty("icloud.username", APPLE_ID);
        settings.setProperty("icloud.data-dir", state.toString());
        settings.setProperty("icloud.auth-endpoint", fake.authEndpoint());
        settings.setProperty("icloud.setup-endpoint", fake.setupEndpoint());
        settings.setProperty("sync.directory", home.resolve("photos").toString());
        settings.setProperty("download.threads", "3");
        PackagedRoutes routes = new PackagedRoutes();
        routes.setSettings(settings);
        context = new DefaultCamelContext();
        context.addRoutes(routes);
        context.start();

        assertThat(context.getRoutes()).extracting(Route::getRouteId)
                .contains("sync-poll", "sync-page", "sync-commit", "asset-added", "fetch-file", "notify")
                .doesNotContain("ops-healthz");
        ICloudPhotosComponent component = context.getComponent("icloud-photos", ICloudPhotosComponent.class);
        assertThat(component.getConfiguration().getDataDir()).isEqualTo(state.toString());
        assertThat(context.getExecutorServiceManager().getThreadPoolProfile("syncWorkers").getPoolSize()).isEqualTo(3);

        SyncReport report = context.getRegistry().lookupByNameAndType("syncReport", SyncReport.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> report.cycles() == 1);
        assertThat(report.status()).as(String.valueOf(report.error())).isEqualTo(SyncReport.Status.SUCCESS);
        assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("photos"))))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        // the CLI's state file for this Apple ID, not a generic one
        assertThat(StateDb.fileOf(state, "karaf.user@example.com")).exists();
    }

    @Test
    void theListOfShippedRouteFilesIsEveryYamlFileOfRoutes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            List<String> shipped = files.filter(file -> file.toString().endsWith(".yaml"))
                    .map(file -> "routes/" + file.getFileName()).sorted().toList();
            List<String> accounted = new ArrayList<>(PackagedRoutes.ROUTE_FILES);
            accounted.addAll(PackagedRoutes.CAMEL_MAIN_ONLY_ROUTE_FILES);
            accounted.add(PackagedRoutes.DRY_RUN_ROUTE_FILE);
            assertThat(accounted).as("PackagedRoutes loads, or names as camel-main only or as the dry run's, every file of routes/")
                    .containsExactlyInAnyOrderElementsOf(shipped);
        }
    }
}

package com.camelicloud.photos.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.runtime.SyncBeans;
import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch mode: the same routes fired repeatedly by Quartz, reusing one session and renewing it when it expires. */
class WatchModeTest {

    private static final String APPLE_ID = "watch@example.com";
    /** What --watch-with-interval sets, with a test-sized interval. */
    private static final String WATCH_SCHEDULE = "trigger.repeatInterval=300&trigger.repeatCount=-1&trigger.misfireInstruction=4";

    @TempDir
    Path home;

    private FakeICloud fake;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void cyclesReuseTheSessionAndAnExpiredOneIsRenewedWithoutACode() throws Exception {
        fake = FakeICloud.start();
        FakeAccount account = fake.createAccount(APPLE_ID, FakeDefaults.PASSWORD).srp("s2k", 1000);
        LibraryGenerator.populate(account.primaryZone(), 21, 10);
        assertThat(new CliRunner(fake, home.resolve("state"), APPLE_ID).login(FakeDefaults.CODE + "\n").exitCode()).isZero();
        fake.resetCounters();

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("icloud.username", APPLE_ID);
        properties.put("icloud.account-key", APPLE_ID);
        properties.put("icloud.data-dir", home.resolve("state").toString());
        properties.put("icloud.auth-endpoint", fake.authEndpoint());
        properties.put("icloud.setup-endpoint", fake.setupEndpoint());
        properties.put("sync.directory", home.resolve("photos").toString());
        properties.put("auth.two-factor-source", "twoFactorCodeSource");
        properties.put("sync.schedule", WATCH_SCHEDULE);
        main = new Main();
        main.configure().addConfiguration(new SyncBeans());
        main.setOverrideProperties(properties);
        main.bind("passwordSource", (PasswordSource) FakeDefaults.PASSWORD::toCharArray);
        main.bind("twoFactorCodeSource", (TwoFactorCodeSource) challenge -> {
            throw new AssertionError("no code may be asked while the trust token is valid");
        });
        main.start();
        SyncReport report = main.lookup("syncReport", SyncReport.class);

        await().atMost(Duration.ofSeconds(30)).until(() -> report.cycles() >= 2);
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isZero();
        account.expireSessions();
        String added = account.primaryZone().addPhoto("AFTER_EXPIRY.JPG");
        int cyclesBefore = report.cycles();

        await().atMost(Duration.ofSeconds(30)).until(() -> report.cycles() >= cyclesBefore + 2
                && LocalFiles.published(home.resolve("photos")).keySet().stream().anyMatch(p -> p.endsWith("AFTER_EXPIRY.JPG")));

        main.stop();
        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCESS);
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).isZero();
        assertThat(added).isNotBlank();
    }
}

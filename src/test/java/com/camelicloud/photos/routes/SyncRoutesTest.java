package com.camelicloud.photos.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.state.SyncStateRepository;
import com.camelicloud.photos.cloudkit.ZoneId;
import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.component.sql.SqlComponent;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped YAML routes, started as the CLI starts them, with one step replaced through AdviceWith. */
class SyncRoutesTest {

    private static final String APPLE_ID = "routes@example.com";

    @TempDir
    Path home;

    private FakeICloud fake;
    private FakeAccount account;
    private Main main;

    @BeforeEach
    void signIn() {
        fake = FakeICloud.start();
        account = fake.createAccount(APPLE_ID, FakeDefaults.PASSWORD).srp("s2k", 1000);
        LibraryGenerator.populate(account.primaryZone(), 11, 40);
        assertThat(new CliRunner(fake, home.resolve("state"), APPLE_ID).login(FakeDefaults.CODE + "\n").exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        fake.close();
    }

    private CamelContext start() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("icloud.username", APPLE_ID);
        properties.put("icloud.account-key", APPLE_ID);
        properties.put("icloud.data-dir", home.resolve("state").toString());
        properties.put("icloud.auth-endpoint", fake.authEndpoint());
        properties.put("icloud.setup-endpoint", fake.setupEndpoint());
        properties.put("sync.directory", home.resolve("photos").toString());
        properties.put("auth.two-factor-source", "twoFactorCodeSource");
        // Fire a moment after start, so that advice and notifiers are in place first.
        properties.put("sync.schedule", "trigger.repeatCount=0&triggerStartDelay=1500");
        main = new Main();
        main.setOverrideProperties(properties);
        main.bind("passwordSource", (PasswordSource) FakeDefaults.PASSWORD::toCharArray);
        main.bind("twoFactorCodeSource", (TwoFactorCodeSource) challenge -> null);
        main.start();
        return main.getCamelContext();
    }

    @Test
    void aPageWhoseCommitFailsFailsTheCycleAndStoresNoToken() throws Exception {
        CamelContext context = start();
        AdviceWith.adviceWith(context, "sync-commit", route -> route.weaveByToUri("sql:classpath:sql/upsert-asset.sql*")
                .replace().throwException(new IllegalStateException("disk full")));


        SyncReport report = context.getRegistry().lookupByNameAndType("syncReport", SyncReport.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> report.cycles() == 1);
        assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(report.error()).contains("disk full");
        SyncStateRepository state = context.getRegistry().lookupByNameAndType("syncState", SyncStateRepository.class);
        assertThat(state.zoneToken(ZoneId.primary())).isEmpty();
        // The statements before the failing one were rolled back with it.
        assertThat(StateDb.of(home.resolve("state"), APPLE_ID).rows("SELECT * FROM master")).isEmpty();
    }

    @Test
    void aCleanCycleStoresTheZoneTokenAfterItsFiles() throws Exception {
        CamelContext context = start();


        SyncReport report = context.getRegistry().lookupByNameAndType("syncReport", SyncReport.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> report.cycles() == 1);
        assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCESS);
        SyncStateRepository state = context.getRegistry().lookupByNameAndType("syncState", SyncStateRepository.class);
        assertThat(state.zoneToken(ZoneId.primary())).isPresent();
        assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("photos"))))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }

    /** A page's statements are one transaction only if camel-sql writes through the pool the transactions use. */
    @Test
    void camelSqlAndThePageTransactionShareOneDataSource() throws Exception {
        CamelContext context = start();

        DataSource registered = context.getRegistry().lookupByNameAndType("stateDataSource", DataSource.class);
        SqlComponent sql = context.getComponent("sql", SqlComponent.class);
        DataSourceTransactionManager transactions = context.getRegistry()
                .lookupByNameAndType("stateTransactionManager", DataSourceTransactionManager.class);
        assertThat(sql.getDataSource()).isSameAs(registered);
        assertThat(transactions.getDataSource()).isSameAs(registered);
    }
}

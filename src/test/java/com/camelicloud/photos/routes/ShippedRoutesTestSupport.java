package com.camelicloud.photos.routes;

import java.nio.file.Path;
import java.util.Properties;

import com.camelicloud.photos.auth.PasswordSource;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.runtime.PackagedRoutes;
import com.camelicloud.photos.runtime.SyncBeans;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.StateDb;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped YAML routes and beans on a camel-main context, configured by {@code application.properties} as the CLI
 * configures them, against the fake iCloud and a folder destination in the test's temp folder. The context is not
 * started until the test has advised the routes it wants to watch or break ({@link #start()}).
 *
 * <p>The Quartz schedule of {@code sync-poll} is not started unless a subclass says otherwise ({@link #pollWithQuartz()}),
 * as the verify command does: {@link #cycle()} then sends one whole sync cycle to {@code sync-cycle}, synchronously.
 */
abstract class ShippedRoutesTestSupport extends CamelMainTestSupport {

    static final String APPLE_ID = "routes@example.com";

    @TempDir
    Path home;
    FakeICloud fake;
    FakeAccount account;

    /** The library in iCloud before the context is created. */
    abstract void populate(FakeAccount account);

    /** Settings of this class over application.properties (policy.on-delete, sync.dry-run…). */
    void configure(Properties properties) {
    }

    /** Whether sync-poll's Quartz trigger fires the cycle (once, a moment after start). */
    boolean pollWithQuartz() {
        return false;
    }

    Path photos() {
        return home.resolve("photos");
    }

    Path stateDir() {
        return home.resolve("state");
    }

    StateDb state() {
        return StateDb.of(stateDir(), APPLE_ID);
    }

    SyncReport report() {
        return context.getRegistry().lookupByNameAndType("syncReport", SyncReport.class);
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    /** The beans the CLI adds to camel-main's configurations. */
    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new SyncBeans());
    }

    /** Runs before the context is created: the fake and the settings the CLI would give. */
    @Override
    protected void setupResources() {
        fake = FakeICloud.start();
        account = fake.createAccount(APPLE_ID, FakeDefaults.PASSWORD).srp("s2k", 1000);
        populate(account);
        Properties properties = new Properties();
        properties.put("icloud.username", APPLE_ID);
        properties.put("icloud.account-key", DataDirectory.accountKey(APPLE_ID));
        properties.put("icloud.data-dir", stateDir().toString());
        properties.put("icloud.auth-endpoint", fake.authEndpoint());
        properties.put("icloud.setup-endpoint", fake.setupEndpoint());
        properties.put("sync.directory", photos().toString());
        properties.put("auth.two-factor-source", "twoFactorCodeSource");
        // fires a moment after start, when the advice and the test's expectations are in place
        properties.put("sync.schedule", "trigger.repeatCount=0&triggerStartDelay=500");
        properties.put("sync.scheduled", String.valueOf(pollWithQuartz()));
        configure(properties);
        camelContextConfiguration().withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Override
    protected void cleanupResources() {
        if (fake != null) {
            fake.close();
        }
    }

    /** What the CLI binds before camel-main reads the routes: the password and the two-factor code. */
    @Override
    protected Registry createCamelRegistry() {
        Registry registry = new DefaultRegistry();
        registry.bind("passwordSource", PasswordSource.class, (PasswordSource) FakeDefaults.PASSWORD::toCharArray);
        registry.bind("twoFactorCodeSource", TwoFactorCodeSource.class, (TwoFactorCodeSource) challenge -> FakeDefaults.CODE);
        return registry;
    }

    /** Starts the context once the test advised what it needs; in a dry run, with its routes (as the CLI does). */
    void start() throws Exception {
        PackagedRoutes.replaceForDryRun(context);
        context.start();
    }

    /** One sync cycle, as the Quartz trigger sends it; returns when the cycle has ended, however it ended. */
    SyncReport cycle() {
        template.sendBody("direct:sync-cycle", null);
        return report();
    }
}

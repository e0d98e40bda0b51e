package com.camelicloud.photos.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.LibraryGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that drive the real CLI against a fake iCloud: one fake per test class, a fresh home
 * (state and destination folders) per test, and one Apple ID per test so tests never share state.
 */
public abstract class EndToEndTest {

    protected static FakeICloud fake;
    private int freshCopies;

    @TempDir
    protected Path home;

    @BeforeAll
    static void startFake() {
        fake = FakeICloud.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    /** An account with a generated library of {@code assets} items (fast SRP parameters). */
    protected FakeAccount account(String appleId, int assets) {
        FakeAccount account = fake.createAccount(appleId, FakeDefaults.PASSWORD).srp("s2k", 1000);
        LibraryGenerator.populate(account.primaryZone(), appleId.hashCode(), assets);
        return account;
    }

    protected CliRunner cli(String appleId) {
        return new CliRunner(fake, home.resolve("state"), appleId);
    }

    /** The CLI of an account that already signed in (two-factor answered). */
    protected CliRunner signedIn(String appleId) {
        CliRunner cli = cli(appleId);
        CliRunner.Result login = cli.login(FakeDefaults.CODE + "\n");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        return cli;
    }

    protected Path photos() {
        return home.resolve("photos");
    }

    /**
     * The account's library as it is now, synced once, fresh, into a new folder with its own state (signed in
     * anew): what a destination kept up to date change by change must equal. Files as in {@link LocalFiles#published}.
     */
    protected Map<String, String> freshCopy(String appleId, String... flags) {
        Path folder = home.resolve("fresh-" + ++freshCopies);
        CliRunner.Result sync = freshlySignedIn(appleId).sync(folder, "", flags);
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        return LocalFiles.published(folder);
    }

    /** The CLI of an account signed in anew with a state of its own, for a fresh sync into any destination. */
    protected CliRunner freshlySignedIn(String appleId) {
        CliRunner cli = new CliRunner(fake, home.resolve("fresh-state-" + ++freshCopies), appleId);
        CliRunner.Result login = cli.login(FakeDefaults.CODE + "\n");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        return cli;
    }
}

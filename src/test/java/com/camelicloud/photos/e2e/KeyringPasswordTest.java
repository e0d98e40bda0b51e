package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.SecretService;
import com.camelicloud.photos.testing.StoredSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OS keyring as the store in use: a real Secret Service (GNOME Keyring on a D-Bus session bus of the test's
 * own), reached by the CLI in child processes. Skipped, with the reason, where the Debian packages are missing.
 */
class KeyringPasswordTest extends EndToEndTest {

    private static final String APPLE_ID = "keyring@example.com";

    private final List<Child> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Child child : children) {
            child.kill();
        }
    }

    @Test
    void savePasswordKeepsItInTheKeyringASignInUsesItAndClearRemovesIt() throws Exception {
        String missing = SecretService.missing();
        assumeTrue(missing == null, () -> "no Secret Service can be started: " + missing);
        FakeAccount account = account(APPLE_ID, 3).twoFactor(false);
        Path state = home.resolve("state");
        try (SecretService keyring = SecretService.start(home.resolve("keyring-home"))) {
            Child login = run(keyring, new ChildCli(fake, state, APPLE_ID), "login", "--save-password");
            Child backend = run(keyring, noPassword(), "password", "backend");
            account.expireSessions();
            fake.resetCounters();
            Child sync = run(keyring, noPassword(), "sync", "-d", photos().toString(), "--no-progress-bar");
            Child clear = run(keyring, noPassword(), "password", "clear");
            Child after = run(keyring, noPassword(), "password", "backend");

            assertThat(login.output()).contains("Stored the password of " + APPLE_ID + " in the OS keyring");
            assertThat(backend.output()).contains("In use: the OS keyring (Secret Service)")
                    .contains("A password of " + APPLE_ID + " is stored in the OS keyring");
            assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).as("signed in again with the keyring's password")
                    .isEqualTo(1);
            assertThat(sync.output()).contains("stored in the OS keyring");
            assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                    .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
            assertThat(clear.output()).contains("Removed the password of " + APPLE_ID + " from the OS keyring");
            assertThat(after.output()).contains("No password of " + APPLE_ID + " is stored");
            for (Child child : children) {
                assertThat(child.output()).doesNotContain(FakeDefaults.PASSWORD);
            }
        }
        try (var files = Files.list(state)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("the keyring, not a file, held the password").noneMatch(name -> name.contains(".password"));
        }
        StoredSecrets.assertAbsentFrom(state, FakeDefaults.PASSWORD);
    }

    private ChildCli noPassword() {
        return new ChildCli(fake, home.resolve("state"), APPLE_ID).withoutPasswordFlag();
    }

    /** Runs one command to its end, expecting success. */
    private Child run(SecretService keyring, ChildCli cli, String... args) throws IOException, InterruptedException {
        Child child = keyring.environmentOf(cli).start(List.of(args), Files.createTempFile(home, "child-", ".log"));
        children.add(child);
        assertThat(child.awaitExit(120)).as(String.join(" ", args) + "\n" + child.output()).isZero();
        return child;
    }
}

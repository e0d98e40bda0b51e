package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.credentials.EncryptedFileStore;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.state.DataDirectory;
import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.SecretsManagerStandIn;
import com.camelicloud.photos.testing.StoredSecrets;
import com.camelicloud.photos.testing.WatchProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stored password ({@code --save-password}, {@code password set|clear|backend}) as a user meets it: where the
 * password comes from and in which order, that it is never written or printed in clear, and that an unattended
 * watch-mode sync signs in again with it. This JVM has no D-Bus session bus (see the pom), so the store in use is
 * the encrypted file unless a test hands a child process a systemd credentials directory.
 */
class StoredPasswordTest extends EndToEndTest {

    private static final String WRONG = "not the password at all";
    private static final Duration AWAIT = Duration.ofSeconds(60);

    private final List<Child> children = new ArrayList<>();
    private final List<WatchProcess> watches = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Child child : children) {
            child.kill();
        }
        for (WatchProcess watch : watches) {
            watch.close();
        }
    }

    private Path state() {
        return home.resolve("state");
    }

    private Result passwordSet(String appleId, String password) {
        Result set = cli(appleId).withoutPasswordFlag().run(password + "\n", List.of("password", "set"));
        assertThat(set.exitCode()).as(set.toString()).isZero();
        return set;
    }

    @Test
    void savePasswordStoresAPasswordThatSignedInAndALaterSignInNeedsNoSource() throws IOException {
        FakeAccount account = account("save@example.com", 4);

        Result login = cli("save@example.com").login(FakeDefaults.CODE + "\n", "--save-password");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        DataDirectory files = new DataDirectory(state());
        for (Path file : List.of(files.passwordFile("save@example.com"), files.passwordKeyFile("save@example.com"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        StoredSecrets.assertAbsentFrom(state(), FakeDefaults.PASSWORD);

        account.expireSessions();
        fake.resetCounters();
        Result sync = cli("save@example.com").withoutPasswordFlag().sync(photos(), "");

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).as("signed in again with the stored password").isEqualTo(1);
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(login.stderr() + sync.stderr()).doesNotContain(FakeDefaults.PASSWORD);
    }

    @Test
    void aPasswordThatIsRejectedIsNotSaved() {
        account("rejected@example.com", 2);

        Result login = cli("rejected@example.com").password(WRONG).login("", "--save-password");

        assertThat(login.exitCode()).as(login.toString()).isEqualTo(3);
        assertThat(new DataDirectory(state()).passwordFile("rejected@example.com")).doesNotExist();
    }

    @Test
    void loginWithSavePasswordOnAReusedSessionSaysThatNothingWasStored() {
        account("reused@example.com", 1);
        signedIn("reused@example.com");

        Result again = cli("reused@example.com").login("", "--save-password");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stderr()).contains("no password was asked and none was stored").contains("password set");
        assertThat(new DataDirectory(state()).passwordFile("reused@example.com")).doesNotExist();
    }

    @Test
    void passwordClearLeavesNothingBehindAndTheNextSignInHasNoPassword() throws IOException {
        FakeAccount account = account("clear@example.com", 3).twoFactor(false);
        passwordSet("clear@example.com", FakeDefaults.PASSWORD);
        CliRunner noFlag = cli("clear@example.com").withoutPasswordFlag();
        assertThat(noFlag.run("", List.of("password", "backend")).stdout())
                .contains("In use: the encrypted file").contains("A password of clear@example.com is stored");
        assertThat(noFlag.sync(photos(), "").exitCode()).isZero();

        Result clear = noFlag.run("", List.of("password", "clear"));

        assertThat(clear.exitCode()).as(clear.toString()).isZero();
        assertThat(clear.stderr()).contains("Removed the password of clear@example.com from the encrypted file");
        StoredSecrets.assertAbsentFrom(state(), FakeDefaults.PASSWORD);
        try (var left = Files.list(state())) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains(".password"));
        }
        assertThat(noFlag.run("", List.of("password", "backend")).stdout())
                .contains("No password of clear@example.com is stored");
        account.expireSessions();
        Result sync = noFlag.sync(photos(), "");
        assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(3);
        assertThat(sync.stderr()).contains("no terminal to ask it on").contains("password set");
    }

    @Test
    void aPasswordFlagComesBeforeTheStoredPasswordWhichComesBeforeThePrompt() {
        FakeAccount account = account("order@example.com", 2).twoFactor(false);
        passwordSet("order@example.com", WRONG);

        Result withFlag = cli("order@example.com").login("");
        account.expireSessions();
        Result withoutFlag = cli("order@example.com").withoutPasswordFlag().sync(photos(), "");

        assertThat(withFlag.exitCode()).as("-p wins over the store: " + withFlag).isZero();
        assertThat(withoutFlag.exitCode()).as(withoutFlag.toString()).isEqualTo(3);
        assertThat(withoutFlag.stderr()).as("the stored password was tried, not the prompt")
                .contains("rejected the password").doesNotContain("no terminal");
        assertThat(withoutFlag.stderr()).doesNotContain(WRONG);
    }

    @Test
    void savePasswordIsRefusedForAPasswordThatAFileOrCommandKeepsAlready() throws IOException {
        account("kept@example.com", 1);
        Path file = home.resolve("password.txt");
        Files.writeString(file, FakeDefaults.PASSWORD + "\n");
        fake.resetCounters();

        Result fromFile = cli("kept@example.com").withoutPasswordFlag()
                .run("", List.of("login", "--save-password", "--password-file", file.toString()));
        Result fromCommand = cli("kept@example.com").withoutPasswordFlag()
                .run("", List.of("login", "--save-password", "--password-command", "cat " + file));

        assertThat(fromFile.exitCode()).isEqualTo(1);
        assertThat(fromFile.stderr()).contains("--save-password").contains("--password-file keeps it already")
                .contains("password set");
        assertThat(fromCommand.exitCode()).isEqualTo(1);
        assertThat(fromCommand.stderr()).contains("--password-command keeps it already");
        assertThat(fake.requestLog()).isEmpty();
    }

    /**
     * Every setting of a config file goes through Camel's placeholders: the password and the destination from the
     * environment. The config file's password comes before the store (ICLOUD_PASSWORD, like any environment
     * variable, wins over the file: theEnvironmentComesBeforeTheStoreAndSavePasswordKeepsIt).
     */
    @Test
    void configPlaceholdersGiveThePasswordAheadOfTheStore() throws Exception {
        FakeAccount account = account("placeholder@example.com", 3).twoFactor(false);
        passwordSet("placeholder@example.com", WRONG);
        Path config = home.resolve("my.properties");
        Files.writeString(config, "icloud.password={{env:TEST_ICLOUD_SECRET}}\n"
                + "sync.directory={{env:TEST_PHOTOS}}/library\n");
        fake.resetCounters();

        Child child = start(new ChildCli(fake, state(), "placeholder@example.com").withoutPasswordFlag()
                .env("TEST_ICLOUD_SECRET", FakeDefaults.PASSWORD).env("TEST_PHOTOS", photos().toString()), "sync", "--no-progress-bar", "--config", config.toString());

        assertThat(child.awaitExit(120)).as(child.output()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
        assertThat(LocalFiles.counts(LocalFiles.published(photos().resolve("library"))))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(child.output()).doesNotContain(FakeDefaults.PASSWORD);
    }

    /** The README's vault form: the password from AWS Secrets Manager through camel-aws-secrets-manager's function. */
    @Test
    void aVaultPlaceholderGivesThePasswordFromTheVault() throws Exception {
        account("vault@example.com", 2).twoFactor(false);
        Path config = home.resolve("vault.properties");
        Files.writeString(config, "icloud.password={{aws:icloud-photos#password}}\n");
        fake.resetCounters();

        try (SecretsManagerStandIn vault = new SecretsManagerStandIn("icloud-photos",
                Map.of("password", FakeDefaults.PASSWORD))) {
            Child child = start(new ChildCli(fake, state(), "vault@example.com").withoutPasswordFlag()
                    .env("CAMEL_VAULT_AWS_REGION", "eu-west-1").env("CAMEL_VAULT_AWS_ACCESS_KEY", "AKIDTEST")
                    .env("CAMEL_VAULT_AWS_SECRET_KEY", "secret-of-the-test")
                    .env("CAMEL_AWS_VAULT_IS_OVERRIDE_ENDPOINT", "true")
                    .env("CAMEL_AWS_VAULT_URI_ENDPOINT_OVERRIDE", vault.url()), "login", "--config", config.toString());

            assertThat(child.awaitExit(120)).as(child.output()).isZero();
            assertThat(vault.requestedSecrets()).contains("icloud-photos");
            assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
            assertThat(child.output()).doesNotContain(FakeDefaults.PASSWORD);
        }
    }

    @Test
    void aPlaceholderThatCannotBeResolvedStopsTheRunNamingTheKeyButNotItsValue() throws IOException {
        account("unresolved@example.com", 1).twoFactor(false);
        Path config = home.resolve("bad.properties");
        Files.writeString(config, "icloud.password=pa{{ss\n");
        Path unrelated = home.resolve("unrelated.properties");
        Files.writeString(unrelated, "examples.webhook-url={{env:NOT_SET_FOR_THIS_TEST}}\n");
        fake.resetCounters();

        Result result = cli("unresolved@example.com").withoutPasswordFlag()
                .run("", List.of("login", "--config", config.toString()));
        assertThat(fake.requestLog()).isEmpty();
        Result login = cli("unresolved@example.com").run("", List.of("login", "--config", unrelated.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("bad.properties line 1: icloud.password refers to a placeholder")
                .doesNotContain("pa{{ss");
        assertThat(login.exitCode()).as("a key that login does not read is the routes' business: " + login).isZero();
    }

    /** ICLOUD_PASSWORD comes before the store; with --save-password it replaces what the store held. */
    @Test
    void theEnvironmentComesBeforeTheStoreAndSavePasswordKeepsIt() throws Exception {
        FakeAccount account = account("env@example.com", 2).twoFactor(false);
        passwordSet("env@example.com", WRONG);

        Child login = start(new ChildCli(fake, state(), "env@example.com").withoutPasswordFlag()
                .env("ICLOUD_PASSWORD", FakeDefaults.PASSWORD), "login", "--save-password");

        assertThat(login.awaitExit(120)).as(login.output()).isZero();
        assertThat(login.output()).contains("Stored the password of env@example.com in the encrypted file")
                .doesNotContain(FakeDefaults.PASSWORD);
        assertThat(new EncryptedFileStore(state()).read("env@example.com"))
                .hasValueSatisfying(stored -> assertThat(new String(stored)).isEqualTo(FakeDefaults.PASSWORD));
        account.expireSessions();
        Result sync = cli("env@example.com").withoutPasswordFlag().sync(photos(), "");
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
    }

    /** Under systemd, the password is the unit's credential: read before the file, never written by the sync. */
    @Test
    void aSystemdCredentialSignsInAndPasswordSetSaysHowToChangeIt() throws Exception {
        FakeAccount account = account("systemd@example.com", 3).twoFactor(false);
        passwordSet("systemd@example.com", WRONG);
        Path credentials = Files.createDirectories(home.resolve("credentials"));
        Path credential = credentials.resolve("icloud-password");
        Files.writeString(credential, FakeDefaults.PASSWORD);
        Files.setPosixFilePermissions(credential, PosixFilePermissions.fromString("r--------"));
        account.expireSessions();
        fake.resetCounters();

        Child sync = start(service("systemd@example.com", credentials), "sync", "-d", photos().toString(),
                "--no-progress-bar");
        assertThat(sync.awaitExit(120)).as(sync.output()).isZero();
        Child backend = start(service("systemd@example.com", credentials), "password", "backend");
        assertThat(backend.awaitExit(60)).as(backend.output()).isZero();
        Child set = start(service("systemd@example.com", credentials), "password", "set");
        assertThat(set.awaitExit(60)).as(set.output()).isEqualTo(1);

        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(sync.output()).contains("stored in the systemd credential").doesNotContain(FakeDefaults.PASSWORD);
        assertThat(backend.output()).contains("In use: the systemd credential, " + credential)
                .contains("A password of systemd@example.com is stored in the systemd credential");
        assertThat(set.output()).contains("systemd-creds encrypt --name=icloud-password");
    }

    /**
     * Unattended watch mode: the first service signs in with ICLOUD_PASSWORD and --save-password keeps it; the next
     * one, started with no password at all after the session expired, signs in again with the stored one without
     * asking anything.
     */
    @Test
    void aWatchModeSyncSignsInAgainWithTheStoredPasswordWithoutAPrompt() throws Exception {
        FakeAccount account = account("watch-stored@example.com", 4);
        signedIn("watch-stored@example.com");
        account.expireSessions();
        fake.resetCounters();

        WatchProcess saving = watch("watch-stored@example.com", FakeDefaults.PASSWORD, "--save-password");
        awaitHealthy(saving);
        assertThat(saving.stop()).as(saving.output()).isEqualTo(143);
        assertThat(new EncryptedFileStore(state()).read("watch-stored@example.com")).isPresent();

        account.expireSessions();
        account.primaryZone().addPhoto("AFTER_EXPIRY.JPG");
        fake.resetCounters();
        WatchProcess stored = watch("watch-stored@example.com", null);
        awaitHealthy(stored);
        assertThat(stored.stop()).as(stored.output()).isEqualTo(143);

        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).as("one password sign-in, with the stored password")
                .isEqualTo(1);
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).as("the trust token still holds: no code").isZero();
        assertThat(stored.output()).contains("Signing in with the password of watch-stored@example.com stored in "
                + "the encrypted file");
        assertThat(LocalFiles.published(photos()).keySet()).anyMatch(path -> path.endsWith("AFTER_EXPIRY.JPG"));
        assertThat(saving.output() + stored.output()).doesNotContain(FakeDefaults.PASSWORD);
        StoredSecrets.assertAbsentFrom(state(), FakeDefaults.PASSWORD);
    }

    private ChildCli service(String appleId, Path credentials) {
        return new ChildCli(fake, state(), appleId).withoutPasswordFlag()
                .env("CREDENTIALS_DIRECTORY", credentials.toString());
    }

    private Child start(ChildCli cli, String... args) throws IOException {
        Child child = cli.start(List.of(args), Files.createTempFile(home, "child-", ".log"));
        children.add(child);
        return child;
    }

    private WatchProcess watch(String appleId, String password, String... flags) throws IOException {
        WatchProcess watch = WatchProcess.start(fake, appleId, state(), photos(), WatchProcess.freePort(), password,
                Files.createTempFile(home, "watch-", ".log"), flags);
        watches.add(watch);
        return watch;
    }

    /** Waits until {@code /healthz} answers 200: a cycle succeeded. */
    private static void awaitHealthy(WatchProcess watch) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!watch.isAlive()) {
                throw new AssertionError("the watch process ended\n" + watch.output());
            }
            try {
                if (watch.get("/healthz").status() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the ops server is not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no successful cycle within " + AWAIT.toSeconds() + " s\n" + watch.output());
    }
}

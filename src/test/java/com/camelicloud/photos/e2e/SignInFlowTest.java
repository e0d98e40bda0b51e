package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import org.junit.jupiter.api.Test;

/** Sign-in as a user meets it: password sources, two-factor variants, account protections, throttling. */
class SignInFlowTest extends EndToEndTest {

    private FakeAccount account(String appleId) {
        return account(appleId, 4);
    }

    @Test
    void loginStoresASessionThatTheNextSyncReusesWithoutPasswordOrCode() {
        account("login@example.com");
        fake.resetCounters();

        Result login = cli("login@example.com").login(FakeDefaults.CODE + "\n");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.stderr()).contains("Signed in as login@example.com");
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);

        fake.resetCounters();
        Result sync = cli("login@example.com").password("not needed any more").sync(home.resolve("photos"), "");

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isZero();
    }

    @Test
    void anSmsOnlyAccountGetsItsCodeBySms() {
        FakeAccount account = account("sms@example.com").smsOnly(true);
        fake.resetCounters();

        Result result = cli("sms@example.com").login(FakeDefaults.CODE + "\n");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("sent by SMS");
        assertThat(fake.calls(Endpoint.PHONE_PUSH)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).isZero();
        assertThat(account.pushedCodes()).hasSize(1);
    }

    @Test
    void anExpiredSessionWithAValidTrustTokenSignsInAgainWithoutACode() {
        FakeAccount account = account("expired@example.com");
        assertThat(cli("expired@example.com").login(FakeDefaults.CODE + "\n").exitCode()).isZero();
        account.expireSessions();
        fake.resetCounters();

        Result result = cli("expired@example.com").sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("photos"))))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }

    @Test
    void securityKeyAccountsAreRefusedClearly() {
        account("fido@example.com").fido(true);

        Result result = cli("fido@example.com").login("");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("security keys").contains("not support");
    }

    @Test
    void disabledWebAccessNamesTheSettingToChange() {
        account("noweb@example.com").webAccessDisabled(true).twoFactor(false);

        Result result = cli("noweb@example.com").sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("Access iCloud Data on the Web");
    }

    @Test
    void advancedDataProtectionNamesTheSettingToChange() {
        account("adp@example.com").adp(true).twoFactor(false);

        Result result = cli("adp@example.com").sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("Advanced Data Protection").contains("Access iCloud Data on the Web");
    }

    @Test
    void passwordFileAndPasswordCommandAreUsedAndNeverEchoed() throws IOException {
        account("sources@example.com").twoFactor(false);
        Path file = home.resolve("password.txt");
        Files.writeString(file, FakeDefaults.PASSWORD + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CliRunner cli = cli("sources@example.com").withoutPasswordFlag();

        Result fromFile = cli.run("", List.of("login", "--password-file", file.toString()));
        Result fromCommand = cli.run("", List.of("login", "--data-dir", home.resolve("other").toString(),
                "--password-command", "cat " + file));

        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(fromCommand.exitCode()).as(fromCommand.toString()).isZero();
        assertThat(fromFile.stderr() + fromCommand.stderr()).doesNotContain(FakeDefaults.PASSWORD);
    }

    @Test
    void aChinaAccountSwitchesToTheChinaHostsOnceAndRemembersIt() throws IOException {
        account("china@example.com").domainToUse("iCloud.com.cn").twoFactor(false);

        Result result = cli("china@example.com").sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readString(home.resolve("state/china@example.com.session.json"))).contains("\"region\" : \"cn\"");
    }

    @Test
    void misdirectedAnswersGetFreshConnectionsNotANewSignIn() {
        account("misdirected@example.com");
        assertThat(cli("misdirected@example.com").login(FakeDefaults.CODE + "\n").exitCode()).isZero();
        fake.resetCounters();
        fake.faults().misdirect421Next(1);

        Result result = cli("misdirected@example.com").sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isZero();
    }

    @Test
    void throttledSignInWaitsForRetryAfterAndDoesNotCascade() {
        account("busy@example.com").twoFactor(false);
        fake.resetCounters();
        fake.faults().failNext(Endpoint.SIGNIN_INIT, 503, 1, 1);

        Result result = cli("busy@example.com").login("");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isEqualTo(2);
        assertThat(fake.calls(Endpoint.SIGNIN_COMPLETE)).isEqualTo(1);
    }

    @Test
    void badFlagsStopBeforeAnyNetworkCall() {
        account("flags@example.com");
        fake.resetCounters();

        Result domain = cli("flags@example.com").run("", List.of("sync", "-d", home.toString(), "--domain", "de"));
        Result watch = cli("flags@example.com").run("", List.of("sync", "-d", home.toString(), "--watch-with-interval", "5"));
        Result missingDir = cli("flags@example.com").run("", List.of("sync"));

        assertThat(domain.exitCode()).isEqualTo(1);
        assertThat(domain.stderr()).contains("--domain").contains("com or cn");
        assertThat(watch.exitCode()).isEqualTo(1);
        assertThat(watch.stderr()).contains("--watch-with-interval").contains("60");
        assertThat(missingDir.exitCode()).isEqualTo(1);
        assertThat(missingDir.stderr()).contains("--directory");
        assertThat(fake.requestLog()).isEmpty();
    }
}

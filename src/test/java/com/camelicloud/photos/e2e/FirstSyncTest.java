package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.stream.Stream;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.Test;

/** The real CLI against the fake iCloud: sign-in, first full sync, a second run, and the failures a user meets. */
class FirstSyncTest extends EndToEndTest {

    @Test
    void firstSyncWritesEveryFileByteIdenticalAndASecondRunChangesNothing() throws IOException {
        FakeAccount account = account("first@example.com", 300);
        Path photos = home.resolve("photos");
        fake.resetCounters();

        Result first = cli("first@example.com").sync(photos, FakeDefaults.CODE + "\n");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        Map<String, String> files = LocalFiles.published(photos);
        assertThat(LocalFiles.counts(files)).isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(files.keySet()).allMatch(path -> path.matches("\\d{4}/\\d{2}/\\d{2}/[^/]+"), "dated folders");
        assertThat(LocalFiles.leftovers(photos, ".icloud-tmp")).isEmpty();
        assertThat(photos.resolve(".icloud-photos-tmp")).doesNotExist();
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).isEqualTo(1);

        Path state = home.resolve("state");
        Path session = state.resolve("first@example.com.session.json");
        assertThat(Files.getPosixFilePermissions(session))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(session)).doesNotContain(FakeDefaults.PASSWORD);
        assertThat(StateDb.fileOf(state, "first@example.com")).exists();
        Map<Path, Long> modified = modificationTimes(photos);

        fake.resetCounters();
        Result second = cli("first@example.com").sync(photos, "");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isZero();
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
        assertThat(LocalFiles.published(photos)).isEqualTo(files);
        assertThat(modificationTimes(photos)).isEqualTo(modified);
    }

    @Test
    void aFullEnumerationFetchesAgainOnlyTheFilesThatWentMissing() throws IOException {
        FakeAccount account = account("missing@example.com", 30);
        Path photos = home.resolve("photos");
        assertThat(cli("missing@example.com").sync(photos, FakeDefaults.CODE + "\n").exitCode()).isZero();
        Map<String, String> files = LocalFiles.published(photos);
        String lost = files.keySet().stream().sorted().findFirst().orElseThrow();
        Files.delete(photos.resolve(lost));
        fake.resetCounters();

        Result result = cli("missing@example.com").sync(photos, "", "--no-incremental");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(LocalFiles.published(photos)).isEqualTo(files);
        assertThat(LocalFiles.counts(files)).isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }

    @Test
    void aWrongPasswordExitsWith3AndSaysThePasswordWasRejected() {
        account("wrong-password@example.com", 3);

        Result result = cli("wrong-password@example.com").password("not the password")
                .sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("rejected the password");
        assertThat(result.stderr()).doesNotContain("not the password");
        assertThat(fake.account("wrong-password@example.com").pushedCodes()).isEmpty();
    }

    @Test
    void aWrongTwoFactorCodeIsAskedAgainWithoutANewPush() {
        FakeAccount account = account("wrong-code@example.com", 5);
        fake.resetCounters();

        Result result = cli("wrong-code@example.com").sync(home.resolve("photos"), "000000\n" + FakeDefaults.CODE + "\n");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("incorrect").contains("attempt 2 of 3");
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_PUSH)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.TRUSTED_DEVICE_VERIFY)).isEqualTo(2);
        assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("photos"))))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }

    @Test
    void threeWrongCodesStopWithExitCode3() {
        account("three-wrong@example.com", 2);

        Result result = cli("three-wrong@example.com").sync(home.resolve("photos"), "000000\n111111\n222222\n");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("3 incorrect two-factor codes");
        assertThat(home.resolve("photos")).doesNotExist();
    }

    @Test
    void serviceUnavailableWithRetryAfterDuringTheListingIsWaitedOut() {
        FakeAccount account = account("throttled@example.com", 20);
        cli("throttled@example.com").login(FakeDefaults.CODE + "\n");
        fake.resetCounters();
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 503, 1, 2);

        Result result = cli("throttled@example.com").sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(home.resolve("photos"))))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isZero();
    }

    private static Map<Path, Long> modificationTimes(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toMap(p -> p, p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }
}

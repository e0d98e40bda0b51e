package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeZone;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.FakeDefaults;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every piece of stored state can go stale or be damaged; the next run recovers with the destination complete and
 * no completed file downloaded twice (docs/protocol.md §4.3).
 */
class StaleStateTest extends EndToEndTest {

    private record Synced(FakeAccount account, FakeZone zone, CliRunner cli) {
    }

    @AfterEach
    void resetFaults() {
        fake.faults().reset();
    }

    private Synced synced(String appleId, int assets) {
        FakeAccount account = account(appleId, assets);
        CliRunner cli = signedIn(appleId);
        Result first = cli.sync(photos(), "");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        fake.resetCounters();
        return new Synced(account, account.primaryZone(), cli);
    }

    private Result sync(Synced synced, String... flags) {
        Result result = synced.cli().sync(photos(), "", flags);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private StateDb state(String appleId) {
        return StateDb.of(home.resolve("state"), appleId);
    }

    @Test
    void aRejectedDatabaseTokenIsDroppedAndEachLibraryGoesOnFromItsOwnToken() {
        Synced synced = synced("dbtoken@example.com", 20);
        String databaseToken = state("dbtoken@example.com").databaseToken("private");
        String zoneToken = state("dbtoken@example.com").zoneToken("PrimarySync");
        fake.faults().invalidateDatabaseTokens();
        synced.zone().addPhoto("AFTER_0001.JPG");

        sync(synced);

        // asked again without a token; the zone walked on from its own token: no listing, one new file
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isEqualTo(2);
        assertThat(fake.calls(Endpoint.RECORDS_QUERY)).isZero();
        assertThat(fake.calls(Endpoint.CHANGES_ZONE)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(1);
        assertThat(LocalFiles.counts(LocalFiles.published(photos()))).isEqualTo(LocalFiles.expectedOriginals(synced.zone()));
        assertThat(state("dbtoken@example.com").databaseToken("private")).isNotEqualTo(databaseToken);
        assertThat(state("dbtoken@example.com").zoneToken("PrimarySync")).isNotEqualTo(zoneToken);

        fake.resetCounters();
        sync(synced);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }

    @Test
    void aDatabaseTokenRejectedWithHttp200IsDroppedToo() {
        Synced synced = synced("dbtoken200@example.com", 10);
        fake.faults().failNext(Endpoint.CHANGES_DATABASE, 200, null, 1,
                "{\"serverErrorCode\":\"BAD_REQUEST\",\"reason\":\"Unknown sync continuation type\"}");

        sync(synced);

        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isEqualTo(2);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        fake.resetCounters();
        sync(synced);
        assertThat(fake.cloudKitCalls()).isEqualTo(1);
    }

    @Test
    void aTruncatedFileIsReplacedInPlaceNotDuplicatedBesideTheDamage() throws IOException {
        Synced synced = synced("truncated@example.com", 12);
        Map<String, String> before = LocalFiles.published(photos());
        List<String> paths = before.keySet().stream().sorted().toList();
        String damaged = paths.get(0);
        String deleted = paths.get(1);
        Path damagedFile = photos().resolve(damaged);
        Files.write(damagedFile, Arrays.copyOf(Files.readAllBytes(damagedFile), 100));
        Files.delete(photos().resolve(deleted));

        sync(synced, "--no-incremental");

        assertThat(LocalFiles.published(photos())).isEqualTo(before);
        assertThat(fake.calls(Endpoint.CDN)).isEqualTo(2);
    }

    @Test
    void aDamagedSessionFileMeansSigningInAgainNotAWedgedTool() throws IOException {
        Synced synced = synced("session@example.com", 6);
        Path session = home.resolve("state").resolve("session@example.com.session.json");
        Files.write(session, new byte[] {'{', 0, 1, 2, '"'});

        Result result = synced.cli().sync(photos(), FakeDefaults.CODE + "\n");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fake.calls(Endpoint.SIGNIN_INIT)).isEqualTo(1);
        assertThat(fake.calls(Endpoint.CDN)).isZero();
        assertThat(Files.readString(session)).startsWith("{").doesNotContain("\u0000");
    }

    @Test
    void aThrottledDatabaseCallKeepsTheStoredToken() {
        Synced synced = synced("dbthrottled@example.com", 5);
        String databaseToken = state("dbthrottled@example.com").databaseToken("private");
        fake.faults().failNext(Endpoint.CHANGES_DATABASE, 503, 0, 20);

        Result result = synced.cli().sync(photos(), "");

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(fake.calls(Endpoint.CHANGES_DATABASE)).isEqualTo(4);
        assertThat(state("dbthrottled@example.com").databaseToken("private")).isEqualTo(databaseToken);
    }
}

package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.fake.FakeICloud;
import com.camelicloud.photos.fake.LibraryGenerator;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.FakeDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when iCloud keeps failing during a sync. */
class FailureTest {

    private static FakeICloud fake;

    @TempDir
    Path home;

    @BeforeAll
    static void startFake() {
        fake = FakeICloud.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Test
    void aListingThatKeepsFailingEndsTheRunWithExitCode1AndNoToken() {
        FakeAccount account = fake.createAccount("failing@example.com", FakeDefaults.PASSWORD).srp("s2k", 1000);
        LibraryGenerator.populate(account.primaryZone(), 5, 30);
        CliRunner cli = new CliRunner(fake, home.resolve("state"), "failing@example.com");
        assertThat(cli.login(FakeDefaults.CODE + "\n").exitCode()).isZero();
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 503, 1, 10);

        Result result = cli.sync(home.resolve("photos"), "");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("records/query").contains("503");
    }
}

package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;


import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.CliRunner.Result;
import org.junit.jupiter.api.Test;

/** What a user sees when iCloud keeps failing during a sync. */
class FailureTest extends EndToEndTest {

    @Test
    void aListingThatKeepsFailingEndsTheRunWithExitCode1AndNoToken() {
        account("failing@example.com", 30);
        CliRunner cli = signedIn("failing@example.com");
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 503, 1, 10);

        Result result = cli.sync(photos(), "");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("records/query").contains("503");
    }
}

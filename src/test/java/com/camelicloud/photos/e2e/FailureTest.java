package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeAccount;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StateDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a user sees when iCloud keeps failing during a sync. */
class FailureTest extends EndToEndTest {

    /** Failures a test queued but did not use would hit the next test's calls. */
    @AfterEach
    void clearFaults() {
        fake.faults().reset();
    }

    @Test
    void aListingThatKeepsFailingEndsTheRunWithExitCode1AndNoToken() {
        account("failing@example.com", 30);
        CliRunner cli = signedIn("failing@example.com");
        fake.faults().failNext(Endpoint.RECORDS_QUERY, 503, 1, 10);

        Result result = cli.sync(photos(), "");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("records/query").contains("503");
    }

    @Test
    void aListingPageThatFailsFailsTheRunAtThatPageAfterThePageBeforeWasCommitted() {
        String appleId = "pagefails@example.com";
        FakeAccount account = account(appleId, 250);
        CliRunner cli = signedIn(appleId);
        fake.resetCounters();
        // CheckIndexingState and page 1 answer; page 2 (requested while page 1 downloads) fails for good.
        fake.faults().passNext(Endpoint.RECORDS_QUERY, 2).failNext(Endpoint.RECORDS_QUERY, 400, null, 1);

        Result failed = cli.sync(photos(), "");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.stderr()).contains("records/query failed: HTTP 400");
        StateDb state = StateDb.of(home.resolve("state"), appleId);
        List<Map<String, Object>> committed = state.rows("SELECT asset_id, files_complete FROM asset");
        assertThat(committed).as("page 1 (at most 100 items) and nothing after it").hasSizeBetween(1, 100)
                .allSatisfy(row -> assertThat(row).containsEntry("files_complete", 1));
        assertThat(state.zoneToken("PrimarySync")).isNull();
        assertThat(LocalFiles.published(photos())).hasSize(state.rows("SELECT file_key FROM media_file").size());
        assertThat(fake.calls(Endpoint.RECORDS_QUERY)).as("nothing asked after the failure").isEqualTo(3);

        Result resumed = cli.sync(photos(), "");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(LocalFiles.counts(LocalFiles.published(photos())))
                .isEqualTo(LocalFiles.expectedOriginals(account.primaryZone()));
    }
}

package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.camelicloud.photos.fake.CdnFault;
import com.camelicloud.photos.fake.Endpoint;
import com.camelicloud.photos.fake.FakeICloud.LoggedRequest;
import com.camelicloud.photos.testing.CliRunner;
import com.camelicloud.photos.testing.CliRunner.Result;
import com.camelicloud.photos.testing.EndToEndTest;
import org.junit.jupiter.api.Test;

/**
 * The listing requests of a walk's next pages are sent while the current page downloads (PageReadAhead), several
 * ahead, and none the walk would not make anyway. A read-ahead that fails: {@link FailureTest}.
 */
class ListingReadAheadTest extends EndToEndTest {

    /** Three records/query pages of at most 100 items (200 records), then the empty page and its probe. */
    private static final int ASSETS = 250;

    @Test
    void theNextListingPagesAreRequestedWhileThePageBeforeStillDownloads() {
        account("overlap@example.com", ASSETS);
        CliRunner cli = signedIn("overlap@example.com");
        fake.resetCounters();
        // Page 1's first file breaks off after a 2 s stall and is fetched again: page 1 commits only after that.
        fake.faults().cdn(CdnFault.stall(1_000, Duration.ofSeconds(2)), 1);

        Result result = cli.sync(photos(), "", "--retry-delay", "0");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<LoggedRequest> log = fake.requestLog();
        String stalledFile = log.stream().filter(r -> r.endpoint() == Endpoint.CDN).findFirst().orElseThrow().path();
        int refetch = IntStream.range(0, log.size())
                .filter(i -> log.get(i).endpoint() == Endpoint.CDN && log.get(i).path().equals(stalledFile))
                .skip(1).findFirst().orElseThrow();
        long queriesBeforePage1Done = log.subList(0, refetch).stream()
                .filter(r -> r.endpoint() == Endpoint.RECORDS_QUERY).count();
        // CheckIndexingState, page 1, then pages 2 and 3, the empty page and its probe all read ahead
        assertThat(queriesBeforePage1Done).isEqualTo(1 + 3 + 2);
        // nothing more than without read-ahead: no rank past the probe after the count iCloud reported; then the
        // Hidden index (--on-hidden keep): its one page, the empty page and its probe
        assertThat(fake.calls(Endpoint.RECORDS_QUERY)).isEqualTo(1 + 3 + 2 + 3);
    }

    @Test
    void aListingLimitIsNeverReadBeyond() {
        account("aheadrecent@example.com", ASSETS);
        CliRunner cli = signedIn("aheadrecent@example.com");
        fake.resetCounters();

        Result result = cli.sync(photos(), "", "--recent", "150");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        // CheckIndexingState, page 1 and page 2 (read ahead), which reaches the limit: no third page
        assertThat(fake.calls(Endpoint.RECORDS_QUERY)).isEqualTo(3);
    }
}

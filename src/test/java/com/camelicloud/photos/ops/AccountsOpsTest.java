package com.camelicloud.photos.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The ops endpoints of several accounts: one Prometheus text whose samples name their account. */
class AccountsOpsTest {

    @Test
    void theMetricsOfSeveralAccountsAreOneTextWithEachFamilyOnceAndEverySampleLabelled() {
        Map<String, String> scrapes = new LinkedHashMap<>();
        scrapes.put("anna", """
                # HELP icloud_photos_files_downloaded_total \s
                # TYPE icloud_photos_files_downloaded_total counter
                icloud_photos_files_downloaded_total 20.0
                # HELP icloud_photos_requests_total \s
                # TYPE icloud_photos_requests_total counter
                icloud_photos_requests_total{endpoint="records/query",status="200"} 3.0
                """);
        scrapes.put("bob", """
                # HELP icloud_photos_files_downloaded_total \s
                # TYPE icloud_photos_files_downloaded_total counter
                icloud_photos_files_downloaded_total 7.0
                """);

        assertThat(AccountsOps.labelled(scrapes).lines().toList()).isEqualTo(List.of(
                "# HELP icloud_photos_files_downloaded_total  ",
                "# TYPE icloud_photos_files_downloaded_total counter",
                "icloud_photos_files_downloaded_total{account=\"anna\"} 20.0",
                "icloud_photos_files_downloaded_total{account=\"bob\"} 7.0",
                "# HELP icloud_photos_requests_total  ",
                "# TYPE icloud_photos_requests_total counter",
                "icloud_photos_requests_total{account=\"anna\",endpoint=\"records/query\",status=\"200\"} 3.0"));
    }

    @Test
    void anUnknownAccountIsNotFoundAndACodeWithoutAnAccountNeedsOneWaiting() {
        AccountsOps ops = new AccountsOps(List.of("anna", "bob"));

        assertThat(((TwoFactorInbox.Reply) ops.report("carl")).httpStatus()).isEqualTo(404);
        assertThat(ops.submit("123456", "carl").httpStatus()).isEqualTo(404);
        assertThat(ops.submit("123456", null).httpStatus()).isEqualTo(409);
        assertThat(((AccountsOps.Overall) ops.report(null)).httpStatus()).as("not started yet").isEqualTo(503);
    }
}

package com.camelicloud.photos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import com.camelicloud.photos.testing.ChildCli;
import com.camelicloud.photos.testing.ChildCli.Child;
import com.camelicloud.photos.testing.EndToEndTest;
import com.camelicloud.photos.testing.LocalFiles;
import com.camelicloud.photos.testing.StoredSecrets;
import org.junit.jupiter.api.Test;

/**
 * {@code --log-level trace} is what a user turns on and pastes into a bug report: it shows how the sync went and
 * never a credential. A child JVM, since the log levels are fixed when a JVM's first logger is created.
 */
class TraceLogTest extends EndToEndTest {

    @Test
    void aSyncAtTraceLevelLogsNoPasswordTokenCookieOrSignedDownloadUrl() throws Exception {
        String appleId = "trace@example.com";
        account(appleId, 6);
        signedIn(appleId);

        Child child = new ChildCli(fake, home.resolve("state"), appleId)
                .sync(photos(), Files.createTempFile(home, "trace-", ".log"), "--log-level", "trace");
        int exit = child.awaitExit(120);

        String output = child.output();
        assertThat(exit).as(output).isZero();
        assertThat(LocalFiles.published(photos())).as(output).isNotEmpty();
        assertThat(output).as("the debug lines of the downloads are there").contains("DEBUG", ": GET ");
        // A CDN URL is signed by its query (docs/protocol.md §8.8): expiry e, key k, signature s.
        assertThat(output).as("a signed download URL").doesNotContainPattern("[?&](e|k|s)=[^&\\s]{4,}");
        StoredSecrets.assertNoneIn(output, home.resolve("state"), appleId);
    }
}

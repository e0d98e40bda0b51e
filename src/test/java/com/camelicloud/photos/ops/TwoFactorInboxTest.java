package com.camelicloud.photos.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.camelicloud.photos.auth.CodeHandoff;
import com.camelicloud.photos.auth.TwoFactorCodeSource.Delivery;
import com.camelicloud.photos.auth.TwoFactorCodeSource.TwoFactorChallenge;
import com.camelicloud.photos.sync.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox as the sign-in uses it: a wrong code, then the next attempt, with codes from /mfa or another process. */
class TwoFactorInboxTest {

    private static final String APPLE_ID = "inbox@example.com";

    @TempDir
    Path dataDir;

    private static TwoFactorChallenge attempt(int n, String previousError) {
        return new TwoFactorChallenge(APPLE_ID, Delivery.TRUSTED_DEVICE, null, n, 3, previousError);
    }

    /** What the sign-in does: reads a code, is told it is wrong, reads the next one. */
    private static CompletableFuture<String> signIn(TwoFactorInbox inbox) {
        return CompletableFuture.supplyAsync(() -> {
            String first = inbox.readCode(attempt(1, null));
            String second = inbox.readCode(attempt(2, "Apple says the code " + first + " is incorrect."));
            inbox.codeAccepted();
            return second;
        });
    }

    @Test
    void aRefusalReachesLoginCodeInAnotherProcess() throws Exception {
        TwoFactorInbox inbox = new TwoFactorInbox(dataDir.toString(), APPLE_ID, new SyncReport());
        CodeHandoff otherProcess = new CodeHandoff(dataDir, APPLE_ID);
        CompletableFuture<String> signIn = signIn(inbox);
        await().atMost(Duration.ofSeconds(5)).until(() -> otherProcess.waitingProcess().isPresent());

        otherProcess.handOver("000000");
        Optional<CodeHandoff.Outcome> refused = otherProcess.awaitResult(Duration.ofSeconds(5));

        assertThat(refused).as("the verdict on the wrong code").isPresent();
        assertThat(refused.get().result()).isEqualTo(CodeHandoff.Result.REJECTED);
        assertThat(refused.get().message()).contains("000000").contains("incorrect");
        assertThat(otherProcess.waitingProcess()).as("the sync waits for the next code").isPresent();

        otherProcess.handOver("123456");
        Optional<CodeHandoff.Outcome> accepted = otherProcess.awaitResult(Duration.ofSeconds(5));
        assertThat(accepted).isPresent();
        assertThat(accepted.get().result()).isEqualTo(CodeHandoff.Result.ACCEPTED);
        assertThat(signIn.get(5, TimeUnit.SECONDS)).isEqualTo("123456");
        assertThat(otherProcess.waitingProcess()).isEmpty();
    }

    @Test
    void whoeverHearsTheRefusalOverHttpCanSendTheNextCodeAtOnce() throws Exception {
        TwoFactorInbox inbox = new TwoFactorInbox(dataDir.toString(), APPLE_ID, new SyncReport());
        CompletableFuture<String> signIn = signIn(inbox);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.pending().isPresent());

        TwoFactorInbox.Reply refused = inbox.submit("000000");
        assertThat(refused.httpStatus()).isEqualTo(422);
        assertThat(refused.message()).contains("incorrect");
        assertThat(inbox.pending()).as("waiting again when the 422 goes out").isPresent();

        TwoFactorInbox.Reply accepted = inbox.submit("123-456");
        assertThat(accepted.httpStatus()).isEqualTo(200);
        assertThat(signIn.get(5, TimeUnit.SECONDS)).isEqualTo("123456");
        assertThat(inbox.submit("123456").httpStatus()).as("nobody waits any more").isEqualTo(409);
        assertThat(inbox.submit("12345").httpStatus()).as("not six digits").isEqualTo(400);
    }
}

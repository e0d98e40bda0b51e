package com.camelicloud.photos.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.camelicloud.photos.auth.CodeHandoff;
import com.camelicloud.photos.auth.CodeHandoff.Outcome;
import com.camelicloud.photos.auth.CodeHandoff.Result;
import com.camelicloud.photos.auth.TwoFactorCodeSource;
import com.camelicloud.photos.sync.SyncReport;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-factor codes for a sync nobody watches (watch mode, a service, Karaf): when Apple asks for a code, the
 * cycle waits here, listeners send the {@code 2fa_required} notification, and the code arrives through
 * {@code POST /mfa} on the ops port or {@code login --code} from another process. Waiting blocks only this
 * cycle; it never signs in again, so Apple sends no further codes meanwhile.
 */
public class TwoFactorInbox implements TwoFactorCodeSource, SyncReport.Listener, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(TwoFactorInbox.class);
    /** How long {@code POST /mfa} waits for Apple's verdict before answering "submitted". */
    private static final Duration VERDICT_WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    /** Told when a code is needed. */
    @FunctionalInterface
    public interface Listener {
        void codeNeeded(TwoFactorChallenge challenge);
    }

    /** The answer to a submitted code, with the HTTP status {@code /mfa} replies with. */
    public record Reply(@com.fasterxml.jackson.annotation.JsonIgnore int httpStatus, String status, String message) {
    }

    private final CodeHandoff handoff;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> submitted = new LinkedBlockingQueue<>();
    private volatile TwoFactorChallenge pending;
    private volatile CompletableFuture<Outcome> verdict;
    private volatile boolean verdictForHandoff;
    private CamelContext camelContext;

    public TwoFactorInbox(String dataDir, String appleId, SyncReport report) {
        this.handoff = new CodeHandoff(Path.of(dataDir), appleId);
        report.addListener(this);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The challenge a cycle is waiting on, if one is. */
    public Optional<TwoFactorChallenge> pending() {
        return Optional.ofNullable(pending);
    }

    @Override
    public String readCode(TwoFactorChallenge challenge) {
        // Waiting again before the previous code's verdict goes out: announcing clears the handoff's old result
        // file, which would otherwise take the verdict with it, and whoever hears "rejected" may send the next
        // code at once.
        pending = challenge;
        handoff.announceWaiting();
        if (challenge.previousError() != null) {
            settle(new Outcome(Result.REJECTED, challenge.previousError()));
        }
        LOG.warn("Apple asks for a two-factor code for {} (attempt {} of {}): POST it to /mfa on the ops port or run "
                + "`login --code CODE`", challenge.appleId(), challenge.attempt(), challenge.maxAttempts());
        listeners.forEach(listener -> listener.codeNeeded(challenge));
        try {
            while (camelContext == null || !camelContext.isStopping()) {
                String code = submitted.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                boolean fromHandoff = false;
                if (code == null) {
                    code = handoff.takeCode().orElse(null);
                    fromHandoff = code != null;
                }
                if (code != null) {
                    if (fromHandoff) {
                        verdict = new CompletableFuture<>();
                    }
                    verdictForHandoff = fromHandoff;
                    return code;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            pending = null;
            handoff.withdraw();
        }
    }

    @Override
    public void codeAccepted() {
        settle(new Outcome(Result.ACCEPTED, "Apple accepted the code"));
    }

    /** A cycle that ends while a code awaits its verdict failed on it (too many wrong codes, an expired session). */
    @Override
    public void cycleFinished(SyncReport report) {
        if (report.status() == SyncReport.Status.FAILED) {
            settle(new Outcome(Result.REJECTED, report.error()));
        }
    }

    /**
     * {@code POST /mfa}: hands the code to the waiting cycle and waits for Apple's verdict. The body is the
     * code itself, {@code code=123456} or {@code {"code":"123456"}}; spaces and dashes are ignored.
     */
    public Reply submit(String body) {
        String code = CodeHandoff.normalize(body).orElse(null);
        if (code == null) {
            return new Reply(400, "invalid", "send the six digits of the code as the request body");
        }
        if (pending == null) {
            return new Reply(409, "not-waiting", "no sync is waiting for a two-factor code");
        }
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        verdict = answer;
        submitted.add(code);
        try {
            Outcome outcome = answer.get(VERDICT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return outcome.result() == Result.ACCEPTED ? new Reply(200, "accepted", outcome.message())
                    : new Reply(422, "rejected", outcome.message());
        } catch (TimeoutException e) {
            return new Reply(202, "submitted", "the code was handed to the sync; Apple has not answered yet");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(503, "stopping", "the application is stopping");
        } catch (ExecutionException e) {
            return new Reply(500, "error", String.valueOf(e.getCause().getMessage()));
        }
    }

    private void settle(Outcome outcome) {
        CompletableFuture<Outcome> current = verdict;
        if (current != null && current.complete(outcome) && verdictForHandoff) {
            handoff.publishResult(outcome.result(), outcome.message());
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}

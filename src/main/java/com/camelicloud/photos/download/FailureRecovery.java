package com.camelicloud.photos.download;

import com.camelicloud.photos.download.DownloadException.Reason;
import com.camelicloud.photos.http.RetryPolicy;
import java.time.Duration;

/**
 * What one download does after a failed attempt (docs/protocol.md §8.8, §9.3): refresh the URL once when the CDN
 * refused it or served an error page, retry a transient failure after the delay of the http package's
 * {@link RetryPolicy}, or give up.
 */
final class FailureRecovery {

    /** The next step: refresh the URL, or wait {@code delay} and make retry number {@code retry}. */
    record Step(boolean refreshUrl, int retry, Duration delay) {
    }

    private final RetryPolicy policy;
    private final boolean canRefresh;
    private boolean refreshed;
    private int retries;

    FailureRecovery(RetryPolicy policy, boolean canRefresh) {
        this.policy = policy;
        this.canRefresh = canRefresh;
    }

    /**
     * @param attempts the requests made so far, for the message when giving up
     * @throws DownloadException {@code problem}, completed, when the download has failed
     */
    Step after(DownloadException problem, int attempts) {
        Reason reason = problem.reason();
        if ((reason == Reason.URL_EXPIRED || reason == Reason.ERROR_BODY) && !refreshed && canRefresh) {
            refreshed = true;
            return new Step(true, retries, Duration.ZERO);
        }
        boolean retryable = switch (reason) {
            case THROTTLED, SERVER_ERROR, STREAM_ERROR, LENGTH_MISMATCH, ERROR_BODY -> true;
            default -> false;
        };
        if (!retryable) {
            if (reason == Reason.URL_EXPIRED) {
                throw problem.withProblem(problem.problem()
                        + (refreshed ? " even after a URL refresh" : " and the URL cannot be refreshed"));
            }
            throw problem;
        }
        if (retries >= policy.maxRetries()) {
            throw problem.withProblem(problem.problem() + " (gave up after " + attempts + " attempts)");
        }
        retries++;
        return new Step(false, retries, policy.delay(retries - 1, problem.retryAfter()));
    }

    /** Whether the URL was refreshed. */
    boolean refreshed() {
        return refreshed;
    }

    int maxRetries() {
        return policy.maxRetries();
    }
}

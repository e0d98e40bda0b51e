package com.camelicloud.photos.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.camelicloud.photos.auth.AuthenticationException.Reason;
import com.camelicloud.photos.http.ApiResponse;
import com.camelicloud.photos.http.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a call to Apple's sign-in services is made and its failures named (docs/protocol.md §2.7): a busy service (429,
 * 5xx) is retried by {@link RetryPolicy#SIGN_IN}, and reported as throttling once retrying is no longer reasonable.
 */
final class SignInCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SignInCalls.class);

    /** One HTTP exchange with a sign-in service. */
    @FunctionalInterface
    interface Call {
        ApiResponse run() throws IOException, InterruptedException;
    }

    private SignInCalls() {
    }

    static ApiResponse throttleAware(String endpoint, Call call) throws IOException, InterruptedException {
        for (int retry = 0; ; retry++) {
            ApiResponse response = call.run();
            if (!isThrottle(response.status())) {
                return response;
            }
            Optional<Duration> asked = response.retryAfter();
            if (retry >= RetryPolicy.SIGN_IN.maxRetries()
                    || asked.filter(wait -> wait.compareTo(RetryPolicy.SIGN_IN.retryAfterCap()) > 0).isPresent()) {
                throw throttled(endpoint, response);
            }
            Duration wait = RetryPolicy.SIGN_IN.delay(retry, asked);
            LOG.info("{} answered HTTP {}; waiting {} s as Apple asked", endpoint, response.status(), wait.toSeconds());
            Thread.sleep(wait.toMillis());
        }
    }

    static void throwIfThrottled(String endpoint, ApiResponse response) {
        if (isThrottle(response.status())) {
            throw throttled(endpoint, response);
        }
    }

    private static boolean isThrottle(int status) {
        return status == 429 || status >= 500;
    }

    private static AuthenticationException throttled(String endpoint, ApiResponse response) {
        Duration wait = response.retryAfter().orElse(Duration.ofMinutes(15));
        return new AuthenticationException(Reason.THROTTLED, "iCloud is throttling sign-in (" + endpoint
                + " answered HTTP " + response.status() + "); wait " + Math.max(1, wait.toMinutes())
                + " minute(s) before trying again", wait);
    }

    static AuthenticationException unexpected(String endpoint, ApiResponse response) {
        return new AuthenticationException(Reason.PROTOCOL_ERROR, endpoint + " answered HTTP " + response.status()
                + ", which camel-icloud-photos does not expect; try again later");
    }
}

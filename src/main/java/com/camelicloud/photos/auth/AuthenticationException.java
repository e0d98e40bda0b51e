package com.camelicloud.photos.auth;

import java.time.Duration;

/**
 * Sign-in failed in a way a human must act on. The message says what happened and what to do;
 * it never contains a password, token or cookie.
 */
public class AuthenticationException extends RuntimeException {

    /** Why sign-in stopped; the CLI turns most of them into exit code 3. */
    public enum Reason {
        WRONG_PASSWORD,
        /** HTTP 403 from idmsa: Apple uses it for bad credentials and for throttling alike (docs/protocol.md U10). */
        CREDENTIALS_OR_THROTTLED,
        THROTTLED,
        PASSWORD_UNAVAILABLE,
        TWO_FACTOR_FAILED,
        TWO_FACTOR_UNAVAILABLE,
        SECURITY_KEY_UNSUPPORTED,
        LEGACY_TWO_STEP_UNSUPPORTED,
        ADVANCED_DATA_PROTECTION,
        WEB_ACCESS_DISABLED,
        TERMS_UPDATE_NEEDED,
        PHOTOS_NOT_AVAILABLE,
        WRONG_REGION,
        /** An answer we do not understand (HTTP 400, a missing field): a protocol change or a bug, never the user's password. */
        PROTOCOL_ERROR
    }

    private final Reason reason;
    private final Duration retryAfter;

    public AuthenticationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public AuthenticationException(Reason reason, String message, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How long Apple asked us to wait, when it said. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Throttling is the one failure that time alone cures. */
    public boolean isThrottling() {
        return reason == Reason.THROTTLED;
    }
}

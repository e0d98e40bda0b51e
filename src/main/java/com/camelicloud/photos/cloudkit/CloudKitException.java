package com.camelicloud.photos.cloudkit;

import java.util.Set;

/**
 * CloudKit answered an error we cannot retry away. {@link #serverErrorCode()} is the body's
 * {@code serverErrorCode} when there was one (docs/protocol.md §3.13), else null.
 */
public class CloudKitException extends RuntimeException {

    public static final String BAD_REQUEST = "BAD_REQUEST";
    public static final String ZONE_NOT_FOUND = "ZONE_NOT_FOUND";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    /** docs/protocol.md §3.13, §9.2: Apple asks us to slow down; with HTTP 429 and 503 these are throttling. */
    public static final Set<String> THROTTLING_CODES = Set.of("RETRY_LATER", "TRY_AGAIN_LATER", "THROTTLED");
    /**
     * Codes that mean "later", retried with backoff: throttling, and a record lock held elsewhere (§3.13), which like
     * a 500 is not Apple limiting us.
     */
    public static final Set<String> TRANSIENT_CODES = Set.of("RETRY_LATER", "TRY_AGAIN_LATER", "THROTTLED", "CAS_OP_LOCK");
    /** Codes that mean "the session is not good": renewed down the sign-in ladder. */
    public static final Set<String> AUTH_CODES = Set.of("AUTHENTICATION_FAILED", "AUTHENTICATION_REQUIRED");

    private final String endpoint;
    private final int httpStatus;
    private final String serverErrorCode;

    public CloudKitException(String endpoint, int httpStatus, String serverErrorCode, String message) {
        super(message);
        this.endpoint = endpoint;
        this.httpStatus = httpStatus;
        this.serverErrorCode = serverErrorCode;
    }

    public String endpoint() {
        return endpoint;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String serverErrorCode() {
        return serverErrorCode;
    }

    public boolean is(String code) {
        return code.equals(serverErrorCode);
    }

    /**
     * CloudKit refused the request itself: a body-level error or a 4xx that is neither throttling nor a session
     * problem (those were retried or renewed before this exception). Asking the same again will not help.
     */
    public boolean isRejection() {
        if (serverErrorCode == null) {
            return httpStatus >= 400 && httpStatus < 500 && httpStatus != 429;
        }
        boolean notTheRequest = httpStatus == 429 || httpStatus >= 500 || TRANSIENT_CODES.contains(serverErrorCode)
                || AUTH_CODES.contains(serverErrorCode) || ACCESS_DENIED.equals(serverErrorCode);
        return !notTheRequest;
    }
}

package com.camelicloud.photos.cloudkit;

/**
 * CloudKit answered an error we cannot retry away. {@link #serverErrorCode()} is the body's
 * {@code serverErrorCode} when there was one (docs/protocol.md §3.13), else null.
 */
public class CloudKitException extends RuntimeException {

    public static final String BAD_REQUEST = "BAD_REQUEST";
    public static final String ZONE_NOT_FOUND = "ZONE_NOT_FOUND";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";

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
}

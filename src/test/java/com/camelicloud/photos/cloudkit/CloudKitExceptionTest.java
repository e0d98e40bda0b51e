package com.camelicloud.photos.cloudkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which CloudKit failures mean "this request is refused" (drop what it carried) rather than "later" or "sign in". */
class CloudKitExceptionTest {

    private static boolean rejection(int status, String code) {
        return new CloudKitException("changes/database", status, code, "x").isRejection();
    }

    @Test
    void aBodyLevelErrorOrAClientErrorIsARejection() {
        assertThat(rejection(400, "BAD_REQUEST")).isTrue();
        assertThat(rejection(200, "BAD_REQUEST")).isTrue();
        assertThat(rejection(200, "ZONE_NOT_FOUND")).isTrue();
        assertThat(rejection(400, null)).isTrue();
        assertThat(rejection(404, null)).isTrue();
    }

    @Test
    void throttlingOutagesAndSessionProblemsAreNot() {
        assertThat(rejection(429, null)).isFalse();
        assertThat(rejection(503, "TRY_AGAIN_LATER")).isFalse();
        assertThat(rejection(500, null)).isFalse();
        assertThat(rejection(200, "THROTTLED")).isFalse();
        assertThat(rejection(200, "AUTHENTICATION_REQUIRED")).isFalse();
        assertThat(rejection(403, "ACCESS_DENIED")).isFalse();
        assertThat(rejection(200, null)).isFalse();
    }
}

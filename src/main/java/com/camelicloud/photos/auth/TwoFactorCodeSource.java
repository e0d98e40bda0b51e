package com.camelicloud.photos.auth;

/** Supplies a two-factor code typed by a human: on a terminal, from stdin, or (watch mode) over HTTP. */
@FunctionalInterface
public interface TwoFactorCodeSource {

    /**
     * Blocks until a code is available.
     *
     * @return the code as typed (a string: leading zeros matter), or null when none will ever come
     */
    String readCode(TwoFactorChallenge challenge);

    /** Apple accepted the last code read; a source that waits for the outcome (HTTP, another process) hears it here. */
    default void codeAccepted() {
    }

    /**
     * What the human is asked for.
     *
     * @param delivery      where the code was sent
     * @param phoneHint     the masked phone number for SMS, else null
     * @param attempt       1-based attempt number
     * @param previousError why the last code was refused, or null on the first attempt
     */
    record TwoFactorChallenge(String appleId, Delivery delivery, String phoneHint, int attempt, int maxAttempts,
                              String previousError) {
    }

    enum Delivery {
        TRUSTED_DEVICE,
        SMS
    }
}

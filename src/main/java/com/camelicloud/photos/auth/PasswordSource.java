package com.camelicloud.photos.auth;

/**
 * Where the iCloud password comes from. Asked only when the session ladder reaches SRP, so a run
 * with a valid session never prompts. The caller wipes the returned array after use.
 */
@FunctionalInterface
public interface PasswordSource {

    /** @throws AuthenticationException with {@code PASSWORD_UNAVAILABLE} when no password can be had */
    char[] password();

    /**
     * Called with the password this source gave once iCloud accepted it (the sign-in completed), before the caller
     * wipes it: {@code --save-password} stores it then, and only then.
     */
    default void accepted(char[] password) {
    }
}

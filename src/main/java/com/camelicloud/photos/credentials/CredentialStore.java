package com.camelicloud.photos.credentials;

import java.util.Optional;

/**
 * One place where an account's iCloud password can be kept between runs ({@code password set},
 * {@code --save-password}). Accounts are told apart by Apple ID. No message of this interface's methods or of
 * their exceptions contains a password.
 */
public interface CredentialStore {

    /** What the store is, for messages: "OS keyring (Secret Service)", "systemd credential", "encrypted file". */
    String name();

    /**
     * Empty when the store can be used here, else why not. May take seconds (the keyring is asked), so
     * {@link CredentialStores} asks once per run.
     */
    Optional<String> unavailableReason();

    /** Where the account's password is or would be kept, for {@code password backend}. */
    String location(String appleId);

    /** Empty when {@link #write} and {@link #delete} work, else why not and how the password is changed instead. */
    default Optional<String> readOnlyReason() {
        return Optional.empty();
    }

    /** The account's password, if this store holds one; the caller wipes the array. */
    Optional<char[]> read(String appleId);

    /** Keeps {@code password} as the account's, replacing any other. */
    void write(String appleId, char[] password);

    /** Removes the account's password; true when there was one. */
    boolean delete(String appleId);
}

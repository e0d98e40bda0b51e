package com.camelicloud.photos.state;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an account's state lives under {@code --data-dir}: one file name stem per Apple ID, safe on
 * every filesystem, so several accounts can share a data directory.
 */
public record DataDirectory(Path root) {

    public Path sessionFile(String appleId) {
        return root.resolve(accountKey(appleId) + ".session.json");
    }

    public Path databaseFile(String appleId) {
        return root.resolve(accountKey(appleId) + ".db");
    }

    public Path lockFile(String appleId) {
        return root.resolve(accountKey(appleId) + ".lock");
    }

    /** The password kept by {@code password set} or {@code --save-password} when no keyring answers, encrypted. */
    public Path passwordFile(String appleId) {
        return root.resolve(accountKey(appleId) + ".password");
    }

    /** The AES key of {@link #passwordFile}: beside it, so the encryption only keeps the password out of plain sight. */
    public Path passwordKeyFile(String appleId) {
        return root.resolve(accountKey(appleId) + ".password.key");
    }

    /** Where a running sync that waits for a two-factor code says so, and where another process hands one over. */
    public Path codeHandoffStem(String appleId) {
        return root.resolve(accountKey(appleId) + ".two-factor");
    }

    /** The Apple ID lower-cased with every character outside {@code [a-z0-9@._-]} replaced by {@code _}. */
    public static String accountKey(String appleId) {
        return appleId.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._-]", "_");
    }
}

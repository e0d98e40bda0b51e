package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where an account's state lives under {@code --data-dir}: one file name stem per Apple ID, safe on
 * every filesystem, so several accounts can share a data directory; one state database per destination.
 */
public record DataDirectory(Path root) {

    public Path sessionFile(String appleId) {
        return root.resolve(accountKey(appleId) + ".session.json");
    }

    /** The state database of an account's one destination, as versions before per-destination state kept it. */
    public Path legacyDatabaseFile(String appleId) {
        return root.resolve(accountKey(appleId) + ".db");
    }

    /** The state database of one destination of an account (see {@link StateLocation}). */
    public Path databaseFile(String appleId, String destinationIdentity) {
        return root.resolve(accountKey(appleId) + ".dest-" + destinationHash(destinationIdentity) + ".db");
    }

    /** Every state database of an account under this directory, the legacy one first when present. */
    public List<Path> databaseFiles(String appleId) {
        List<Path> files = new ArrayList<>();
        Path legacy = legacyDatabaseFile(appleId);
        if (Files.isRegularFile(legacy)) {
            files.add(legacy);
        }
        Pattern own = Pattern.compile(Pattern.quote(accountKey(appleId)) + "\\.dest-[0-9a-f]{12}\\.db");
        try (Stream<Path> list = Files.list(root)) {
            list.filter(file -> own.matcher(file.getFileName().toString()).matches()).sorted().forEach(files::add);
        } catch (NoSuchFileException e) {
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the data directory " + root + ": " + e.getMessage(), e);
        }
        return files;
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

    /** A short, stable, file-name-safe digest of a destination's identity. */
    static String destinationHash(String destinationIdentity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(destinationIdentity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Apple ID lower-cased with every character outside {@code [a-z0-9@._-]} replaced by {@code _}. */
    public static String accountKey(String appleId) {
        return appleId.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._-]", "_");
    }
}

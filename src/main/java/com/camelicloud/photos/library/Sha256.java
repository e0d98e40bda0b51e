package com.camelicloud.photos.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 of the project, in lower-case hex: of a file's bytes, as the sync state records them, and of text
 * (identities that name files and folders).
 */
public final class Sha256 {

    private Sha256() {
    }

    /** Reads {@code in} to its end and closes it; {@code what} names the file in an error. */
    public static String of(InputStream in, String what) {
        try (DigestInputStream digesting = new DigestInputStream(in, newDigest())) {
            digesting.transferTo(OutputStream.nullOutputStream());
            return hex(digesting.getMessageDigest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** Of a local file's bytes. */
    public static String of(Path file) {
        try {
            return of(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Of the UTF-8 bytes of {@code text}. */
    public static String ofText(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A digest to feed bytes as they come; {@link #hex(MessageDigest)} ends it. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}

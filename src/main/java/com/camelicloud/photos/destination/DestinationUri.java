package com.camelicloud.photos.destination;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code -d} names: a local folder, {@code s3://bucket/prefix} or {@code sftp://user@host[:port]/path}.
 *
 * @param location the local folder (absolute), the S3 key prefix or the remote SFTP path; never null
 */
public record DestinationUri(Kind kind, String location, String bucket, String user, String host, int port) {

    public enum Kind {
        FILE,
        S3,
        SFTP;

        /** The value of {@code destination.type}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String ACCEPTED = "a folder, s3://bucket/prefix or sftp://user@host[:port]/path";

    public static DestinationUri parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-d/--directory is required: " + ACCEPTED);
        }
        String text = value.trim();
        if (!text.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            String local = text.startsWith("file:") ? text.substring("file:".length()) : text;
            return new DestinationUri(Kind.FILE, Path.of(local).toAbsolutePath().normalize().toString(), null, null, null, -1);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("-d '" + value + "' is not a valid URI (" + e.getReason() + "); use " + ACCEPTED);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        return switch (scheme) {
            case "s3" -> {
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    throw new IllegalArgumentException("-d '" + value + "' names no bucket; use s3://bucket/prefix");
                }
                yield new DestinationUri(Kind.S3, trimSlashes(path), uri.getHost(), null, null, -1);
            }
            case "sftp" -> {
                if (uri.getHost() == null || uri.getUserInfo() == null || uri.getUserInfo().isBlank()) {
                    throw new IllegalArgumentException("-d '" + value + "' needs a user and a host: sftp://user@host[:port]/path");
                }
                if (uri.getUserInfo().contains(":")) {
                    throw new IllegalArgumentException("-d must not carry a password; use --sftp-password-file or a key");
                }
                yield new DestinationUri(Kind.SFTP, path.isEmpty() ? "." : path, null, uri.getUserInfo(), uri.getHost(),
                        uri.getPort() < 0 ? 22 : uri.getPort());
            }
            case "file" -> new DestinationUri(Kind.FILE, Path.of(uri).toAbsolutePath().normalize().toString(), null, null,
                    null, -1);
            default -> throw new IllegalArgumentException("-d scheme '" + scheme + "' is not supported; use " + ACCEPTED);
        };
    }

    private static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /**
     * Whether {@code identity}, a destination's {@code Destination.identity()}, names this destination (an S3 one on
     * whichever endpoint it was synced through: see {@code S3Destination.identity()}).
     */
    public boolean names(String identity) {
        return identity != null && (identity.equals(toString()) || identity.startsWith(toString() + " at "));
    }

    /** The object key of a file: the prefix, a slash, the relative path. */
    public String keyOf(String relativePath) {
        return location.isEmpty() ? relativePath : location + "/" + relativePath;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FILE -> location;
            case S3 -> "s3://" + bucket + "/" + location;
            case SFTP -> "sftp://" + user + "@" + host + ":" + port + location;
        };
    }
}

package com.camelicloud.photos.download;

import com.camelicloud.photos.library.Resource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Naming and clean-up of partial downloads in the temp directory (docs/protocol.md §8.7). */
public final class TempFiles {

    private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final Path directory;
    private final String suffix;
    private final Duration staleAge;

    public TempFiles(Path directory, String suffix, Duration staleAge) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
        this.staleAge = Objects.requireNonNull(staleAge, "staleAge");
    }

    public Path directory() {
        return directory;
    }

    public String suffix() {
        return suffix;
    }

    public Duration staleAge() {
        return staleAge;
    }

    /** Where the given rendition's bytes accumulate. */
    public Path pathFor(Resource resource) {
        return directory.resolve(baseName(resource) + suffix);
    }

    /**
     * The temp name without suffix: base32 (RFC 4648, no padding) of the decoded {@code fileChecksum}, as kei does.
     * The checksum identifies this rendition's bytes (§5.14), so a resumed file always belongs to the same version.
     * Without a usable checksum: SHA-256 hex of the URL path, which embeds the checksums and survives URL refreshes.
     */
    public static String baseName(Resource resource) {
        String checksum = resource.checksum();
        if (checksum != null && !checksum.isBlank()) {
            byte[] decoded = decodeBase64(checksum.trim());
            if (decoded != null && decoded.length > 0) {
                return base32(decoded);
            }
        }
        return sha256Hex(urlPath(resource.downloadUrl()));
    }

    /**
     * Deletes temp files older than the stale age. Only regular files directly in the directory whose names end in
     * the suffix are considered; anything else is never touched.
     *
     * @return how many files were deleted
     */
    public int deleteStale() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, p -> p.getFileName().toString()
                .endsWith(suffix))) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isStale(file)) {
                        Files.delete(file);
                        deleted++;
                        LOG.debug("Deleted stale temp file {}", file.getFileName());
                    }
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile: fine
                } catch (IOException e) {
                    LOG.warn("Could not delete stale temp file {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not list temp directory {}: {}", directory, e.toString());
        }
        if (deleted > 0) {
            LOG.info("Deleted {} stale temp file(s) from {}", deleted, directory);
        }
        return deleted;
    }

    /** Whether the file was last modified longer ago than the stale age. */
    public boolean isStale(Path file) throws IOException {
        Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        return modified.isBefore(Instant.now().minus(staleAge));
    }

    /** RFC 4648 base32, upper case, without padding. */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 0x1F]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 0x1F]);
        }
        return out.toString();
    }

    private static byte[] decodeBase64(String text) {
        // Apple sends standard base64; the URL carries the base64url form, so accept both.
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }

    private static String urlPath(String url) {
        if (url == null) {
            return "";
        }
        int query = url.indexOf('?');
        String withoutQuery = query >= 0 ? url.substring(0, query) : url;
        try {
            String path = URI.create(MediaDownloader.encodeForUri(withoutQuery)).getRawPath();
            return path == null ? withoutQuery : path;
        } catch (IllegalArgumentException e) {
            return withoutQuery;
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

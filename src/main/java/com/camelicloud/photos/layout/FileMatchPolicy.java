package com.camelicloud.photos.layout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * {@code --file-match-policy} (docs/protocol.md §8.5): the names a rendition may take, best first. The caller
 * holds the occupancy oracle: it tries {@link #candidates} in order and takes the first path that is free
 * or already holds this very file. Whether an occupied path "is the same file" (same size, same checksum,
 * state says so) is the caller's decision, not this enum's.
 */
public enum FileMatchPolicy {
    /**
     * icloudpd's and kei's default: the plain name; if a different file holds it, {@code <stem>-<size>.<ext>}
     * ({@code IMG_7409-1884695.JPG}).
     */
    NAME_SIZE_DEDUP_WITH_SUFFIX("name-size-dedup-with-suffix"),
    /**
     * Always {@code <stem>_<id7>.<ext>}, id7 being the first 7 characters of the URL-safe, unpadded base64 of
     * the UTF-8 master recordName ({@code IMG_7409_QVk2Yyt.JPG}). URL-safe as kei does: icloudpd's standard
     * base64 can put a {@code /} in a file name.
     */
    NAME_ID7("name-id7");

    private static final int ID7_LENGTH = 7;
    private static final int TAG_HEX_LENGTH = 12;

    private final String cliName;

    FileMatchPolicy(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static FileMatchPolicy parse(String value) {
        return CliValues.parse("--file-match-policy", value, List.of(values()), FileMatchPolicy::cliName);
    }

    /** Same as {@link #candidates(FileName, long, String, String)} for a rendition stored on the master. */
    public List<String> candidates(FileName name, long sizeBytes, String masterRecordName) {
        return candidates(name, sizeBytes, masterRecordName, null);
    }

    /**
     * The file names to try, in order; all distinct, each at most 255 bytes (suffixes survive the cut).
     * <ul>
     *   <li>{@code name-size-dedup-with-suffix}: {@code IMG_7409.JPG}, {@code IMG_7409-1884695.JPG},
     *       {@code IMG_7409-1884695_<tag>.JPG}</li>
     *   <li>{@code name-id7}: {@code IMG_7409_QVk2Yyt.JPG}, {@code IMG_7409_QVk2Yyt-1884695.JPG},
     *       {@code IMG_7409-1884695_<tag>.JPG}</li>
     * </ul>
     * The last one is the unique fallback: {@code <tag>} is 12 lower-case hex digits of the SHA-256 of the
     * recordName(s). It is not id7 because id7 is weak — recordNames share leading characters, and base64
     * differs only by case on case-insensitive file systems (macOS, Windows). A negative size (unknown) leaves
     * the size out.
     *
     * @param assetRecordName pass the CPLAsset recordName for renditions that live on the asset (adjusted):
     *                        two assets sharing one master can carry different edits; null otherwise
     */
    public List<String> candidates(FileName name, long sizeBytes, String masterRecordName, String assetRecordName) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(masterRecordName, "masterRecordName");
        String size = sizeBytes >= 0 ? "-" + sizeBytes : "";
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (this == NAME_SIZE_DEDUP_WITH_SUFFIX) {
            names.add(name.value());
            names.add(name.withSuffix(size).value());
        } else {
            String id7 = "_" + id7(masterRecordName);
            names.add(name.withSuffix(id7).value());
            names.add(name.withSuffix(id7 + size).value());
        }
        names.add(name.withSuffix(size + "_" + uniqueTag(masterRecordName, assetRecordName)).value());
        return List.copyOf(names);
    }

    /** The first 7 characters of URL-safe, unpadded base64 of the UTF-8 recordName (fewer if it is that short). */
    public static String id7(String masterRecordName) {
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(masterRecordName.getBytes(StandardCharsets.UTF_8));
        return encoded.substring(0, Math.min(ID7_LENGTH, encoded.length()));
    }

    private static String uniqueTag(String masterRecordName, String assetRecordName) {
        String identity = assetRecordName == null ? masterRecordName : masterRecordName + "\n" + assetRecordName;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, TAG_HEX_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

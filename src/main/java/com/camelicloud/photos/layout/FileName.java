package com.camelicloud.photos.layout;

import java.util.Objects;

/**
 * A file name kept as three parts, so that suffixes survive the 255-byte cap: {@link #value()} shortens the
 * stem only. Without this, {@code <long name>.JPG} and {@code <long name>-1884695.JPG} could be cut to the
 * same string and a collision could never be resolved.
 *
 * <p>The constructor cleans every part (forbidden and control characters to {@code _}, NFC, leading and
 * trailing dots and spaces removed) so no instance can render an unsafe name, whoever built it. It does
 * not drop non-ASCII characters; {@link FileNames} does that in ASCII mode.
 *
 * @param stem      the name without extension; an empty stem becomes {@code _}
 * @param suffix    what the layout appends, e.g. {@code -medium}, {@code _HEVC}, {@code -1884695}; may be ""
 * @param extension without the dot, e.g. {@code JPG}; "" for none
 */
public record FileName(String stem, String suffix, String extension) {

    /** Longest text after the last dot that {@link #split} takes for an extension. */
    private static final int MAX_EXTENSION_CHARS = 16;

    public FileName {
        Objects.requireNonNull(stem, "stem");
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(extension, "extension");
        stem = FileNameSanitizer.UNICODE.clean(stem);
        if (stem.isEmpty()) {
            stem = "_";
        }
        suffix = cleanSuffix(suffix);
        extension = FileNameSanitizer.UNICODE.clean(extension);
    }

    /**
     * Splits a name at its last dot when what follows looks like an extension (1–16 ASCII letters or digits);
     * otherwise the whole name is the stem. No cleaning beyond the constructor's.
     */
    public static FileName split(String name) {
        String text = name == null ? "" : name;
        int dot = extensionDot(text);
        return dot < 0 ? new FileName(text, "", "") : new FileName(text.substring(0, dot), "", text.substring(dot + 1));
    }

    /** Where {@link #split} splits {@code name}, or -1. */
    static int extensionDot(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && isExtension(name.substring(dot + 1)) ? dot : -1;
    }

    static boolean isExtension(String text) {
        if (text.isEmpty() || text.length() > MAX_EXTENSION_CHARS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** This name with {@code more} appended to the suffix: {@code IMG_7409-medium} + {@code -1884695}. */
    public FileName withSuffix(String more) {
        return new FileName(stem, suffix + more, extension);
    }

    /** The safe file name: stem, suffix, dot, extension; device names prefixed with {@code _}; at most 255 bytes. */
    public String value() {
        String tail = suffix + (extension.isEmpty() ? "" : "." + extension);
        String head = FileNameSanitizer.isReserved(stem + tail) ? "_" + stem : stem;
        return FileNameSanitizer.fit(head, tail);
    }

    @Override
    public String toString() {
        return value();
    }

    /** A suffix sits between stem and extension, so only its characters need cleaning, not its ends. */
    private static String cleanSuffix(String suffix) {
        return FileNameSanitizer.UNICODE.cleanCharacters(suffix);
    }
}

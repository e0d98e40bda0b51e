package com.camelicloud.photos.download;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Content validation of downloaded bodies (docs/protocol.md §8.9, items 3–5). */
final class ContentChecks {

    /** How much of a file's start the checks look at; leading whitespace before an error page fits easily. */
    static final int HEAD_BYTES = 1024;

    private static final List<String> MARKUP_ERRORS = List.of("<!doctype", "<html");
    private static final List<String> JSON_ERROR_KEYS = List.of("\"error\"", "\"errors\"", "\"message\"", "\"code\"");
    private static final Set<String> MOV_TOP_ATOMS = Set.of("ftyp", "wide", "mdat", "moov", "free", "skip", "pnot");

    /** Outcome of a magic-bytes check. */
    enum Magic {
        MATCHES,
        MISMATCH,
        /** No signature known for this UTI (RAW formats other than DNG, AVI, sidecars…). */
        NOT_CHECKED
    }

    private ContentChecks() {
    }

    /** CDN error pages come with HTTP 200 and {@code Content-Type: text/html}. */
    static boolean isHtml(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    /**
     * The error-page signature the body starts with (after whitespace), if any: {@code <!doctype}, {@code <html},
     * or a JSON object whose first key is {@code error}, {@code errors}, {@code message} or {@code code}.
     * No media format starts like that, so a match is never a false alarm.
     */
    static Optional<String> errorBodySignature(byte[] head, int length) {
        int i = skipWhitespace(head, 0, length);
        for (String marker : MARKUP_ERRORS) {
            if (startsWithIgnoreCase(head, i, length, marker)) {
                return Optional.of(marker);
            }
        }
        if (i < length && head[i] == '{') {
            int key = skipWhitespace(head, i + 1, length);
            for (String name : JSON_ERROR_KEYS) {
                if (startsWithIgnoreCase(head, key, length, name)) {
                    return Optional.of("{" + name);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the file starts like its UTI says it should. A mismatch only deserves a warning. */
    static Magic magic(String uti, byte[] head, int length) {
        if (uti == null) {
            return Magic.NOT_CHECKED;
        }
        boolean matches;
        switch (uti) {
            case "public.jpeg" -> matches = startsWith(head, length, 0, 0xFF, 0xD8);
            case "public.png" -> matches = startsWith(head, length, 0, 0x89, 'P', 'N', 'G');
            case "public.heic", "public.heif", "public.avif", "public.mpeg-4", "com.apple.m4v-video" ->
                    matches = "ftyp".equals(ascii(head, length, 4, 4));
            case "com.apple.quicktime-movie" -> matches = MOV_TOP_ATOMS.contains(ascii(head, length, 4, 4));
            case "com.adobe.raw-image", "public.tiff" -> matches = startsWith(head, length, 0, 'I', 'I', '*', 0)
                    || startsWith(head, length, 0, 'M', 'M', 0, '*');
            case "org.webmproject.webp" -> matches = "RIFF".equals(ascii(head, length, 0, 4))
                    && "WEBP".equals(ascii(head, length, 8, 4));
            case "com.compuserve.gif" -> matches = "GIF8".equals(ascii(head, length, 0, 4));
            default -> {
                return Magic.NOT_CHECKED;
            }
        }
        return matches ? Magic.MATCHES : Magic.MISMATCH;
    }

    private static int skipWhitespace(byte[] data, int from, int length) {
        int i = from;
        if (i == 0 && length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB
                && (data[2] & 0xFF) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'
                || data[i] == '\f')) {
            i++;
        }
        return i;
    }

    private static boolean startsWithIgnoreCase(byte[] data, int from, int length, String prefix) {
        if (length - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toLowerCase((char) (data[from + k] & 0xFF)) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] data, int length, int offset, int... expected) {
        if (length < offset + expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if ((data[offset + k] & 0xFF) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] data, int length, int offset, int count) {
        return length < offset + count ? "" : new String(data, offset, count, StandardCharsets.ISO_8859_1);
    }
}

package com.camelicloud.photos.layout;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Makes one untrusted path component safe to create on any common file system (docs/protocol.md §8.4).
 * File and album names come from the server and are hostile input: the result of {@link #sanitize} never
 * contains {@code /} or {@code \}, is never {@code .} or {@code ..}, never empty, never a Windows device
 * name, and never longer than {@value #MAX_BYTES} UTF-8 bytes.
 *
 * <p>Two modes: {@link #UNICODE} (the product's default) keeps every printable character;
 * {@link #ASCII} drops non-ASCII characters the way icloudpd does without
 * {@code --keep-unicode-in-filenames} ({@code IMG_中文_7409.JPG} → {@code IMG__7409.JPG}).
 */
public final class FileNameSanitizer {

    /** The common per-component limit (ext4, APFS, NTFS in UTF-16 units is looser; bytes is the strict one). */
    public static final int MAX_BYTES = 255;

    public static final FileNameSanitizer UNICODE = new FileNameSanitizer(true);
    public static final FileNameSanitizer ASCII = new FileNameSanitizer(false);

    /**
     * Windows refuses these as the part before the first dot, whatever the extension and case
     * ({@code con.jpg} cannot be created). Superscript digits are included because Windows reserves them too.
     */
    private static final Set<String> WINDOWS_RESERVED = Set.of(
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "COM\u00B9", "COM\u00B2", "COM\u00B3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "LPT\u00B9", "LPT\u00B2", "LPT\u00B3");

    private final boolean keepUnicode;

    private FileNameSanitizer(boolean keepUnicode) {
        this.keepUnicode = keepUnicode;
    }

    /** The sanitizer for kei's and icloudpd's {@code --keep-unicode-in-filenames} setting. */
    public static FileNameSanitizer of(boolean keepUnicode) {
        return keepUnicode ? UNICODE : ASCII;
    }

    public boolean keepsUnicode() {
        return keepUnicode;
    }

    /**
     * One safe path component for {@code component}; see the class comment for the guarantees. When the name
     * must be cut, an extension (1–16 ASCII letters or digits after the last dot) is kept.
     */
    public String sanitize(String component) {
        String cleaned = clean(component);
        if (cleaned.isEmpty()) {
            return "_";
        }
        String withoutDevice = protectReserved(cleaned);
        int dot = FileName.extensionDot(withoutDevice);
        if (dot > 0) {
            return fit(withoutDevice.substring(0, dot), withoutDevice.substring(dot));
        }
        return fit(withoutDevice, "");
    }

    /**
     * The character-level part of {@link #sanitize}: NFC, forbidden and control characters to {@code _},
     * non-ASCII dropped in ASCII mode, leading and trailing dots and spaces stripped. May return "" — callers
     * that need a component must go through {@link #sanitize} or {@link FileName}.
     */
    String clean(String text) {
        return stripDotsAndSpaces(cleanCharacters(text));
    }

    /** {@link #clean} without the stripping of ends, for text that goes in the middle of a name. */
    String cleanCharacters(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // NFC first, so that a decomposed "o + U+0308" counts as one character in both modes.
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (isUnsafe(cp)) {
                out.append('_');
            } else if (keepUnicode || cp < 0x80) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Characters that are refused by some file system, that break shell scripts and logs, or that can
     * disguise a name: the Windows set, every C0/C1 control and DEL, lone surrogates (no valid encoding on
     * disk), line/paragraph separators, and bidirectional overrides (which make {@code gpj.exe} look like
     * {@code exe.jpg}).
     */
    private static boolean isUnsafe(int cp) {
        switch (cp) {
            case '<', '>', ':', '"', '/', '\\', '|', '?', '*':
                return true;
            default:
                break;
        }
        if (cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F)) {
            return true;
        }
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Windows device names, checked on the part before the first dot (trailing spaces ignored, as Windows does). */
    static boolean isReserved(String name) {
        int dot = name.indexOf('.');
        String device = (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
        return WINDOWS_RESERVED.contains(device.toUpperCase(Locale.ROOT));
    }

    static String protectReserved(String name) {
        return isReserved(name) ? "_" + name : name;
    }

    /**
     * {@code head + tail} cut to {@value #MAX_BYTES} UTF-8 bytes by shortening {@code head} only, so that an
     * extension or a disambiguating suffix in {@code tail} survives. Cuts fall on character (grapheme)
     * boundaries, never inside a surrogate pair. {@code head} must already be clean and non-empty.
     */
    static String fit(String head, String tail) {
        int budget = MAX_BYTES - utf8Length(tail);
        if (utf8Length(head) <= budget) {
            return stripTrailingIfLast(head + tail);
        }
        if (budget < 1) {
            // Only reachable with an absurd tail handed to FileName directly: keep the start of everything.
            return stripTrailingIfLast(truncate(head + tail, MAX_BYTES));
        }
        String shortened = stripDotsAndSpaces(new StringBuilder(truncate(head, budget)));
        if (shortened.isEmpty()) {
            shortened = "_";
        }
        return stripTrailingIfLast(shortened + tail);
    }

    /** Trailing dots and spaces are dropped by Windows and hide the real name: a cut must not leave any. */
    private static String stripTrailingIfLast(String name) {
        int end = name.length();
        while (end > 0 && isDotOrSpace(name.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? "_" : name.substring(0, end);
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that ends on a character boundary. */
    static String truncate(String text, int maxBytes) {
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        int keep = 0;
        int bytes = 0;
        int start = characters.first();
        for (int end = characters.next(); end != BreakIterator.DONE; start = end, end = characters.next()) {
            int width = utf8Length(text.substring(start, end));
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            keep = end;
        }
        // Belt and braces: never end on a high surrogate, whatever the break rules of this JDK say.
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep);
    }

    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String stripDotsAndSpaces(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && isDotOrSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isDotOrSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.subSequence(start, end).toString();
    }

    private static boolean isDotOrSpace(char c) {
        return c == '.' || c == ' ';
    }

    @Override
    public String toString() {
        return keepUnicode ? "FileNameSanitizer[unicode]" : "FileNameSanitizer[ascii]";
    }
}

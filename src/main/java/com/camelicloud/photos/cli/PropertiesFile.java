package com.camelicloud.photos.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A properties file read so that every setting keeps its line, for messages that name it. The JDK parses each
 * entry (escapes, continuation lines, {@code =}, {@code :} or a space between key and value); this class only
 * refuses what is no properties text: bytes that are not UTF-8, control characters, or a key that no setting
 * could have. A file of random bytes, or a binary file named by mistake, stops the run instead of becoming
 * garbage keys.
 */
final class PropertiesFile {

    /** One setting of the file. */
    /** @param file how messages name the file the entry is in */
    record Entry(String key, String value, int line, String file) {
    }

    /** What a key looks like: {@code policy.on-delete}, {@code camel.threadpool.config[syncWorkers].pool-size}. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-\\[\\]]*");

    private PropertiesFile() {
    }

    /**
     * The entries of {@code file}, in file order; messages name it by its absolute path.
     *
     * @throws UsageException when it cannot be read, or naming the line and the problem
     */
    static List<Entry> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(bytes, file.toAbsolutePath().normalize().toString());
    }

    /**
     * The entries of {@code bytes}, in file order.
     *
     * @param name how messages name the file (its path)
     * @throws UsageException naming the file, the line and the problem
     */
    static List<Entry> parse(byte[] bytes, String name) {
        String text = decode(bytes, name);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Entry> entries = new ArrayList<>();
        for (int index = 0; index < lines.length; index++) {
            int first = index + 1;
            String trimmed = lines[index].stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(lines[index]);
            while (endsWithContinuation(lines[index]) && index + 1 < lines.length) {
                index++;
                logical.append('\n').append(lines[index]);
            }
            checkCharacters(logical, name, first);
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException(name + " line " + first + ": " + e.getMessage());
            }
            for (String key : one.stringPropertyNames()) {
                if (!KEY.matcher(key).matches()) {
                    throw new UsageException(name + " line " + first + ": '" + key + "' is not a setting key; a "
                            + "properties file has lines such as policy.on-delete=quarantine");
                }
                entries.add(new Entry(key, one.getProperty(key), first, name));
            }
        }
        return entries;
    }

    private static String decode(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(buffer).toString();
        } catch (MalformedInputException e) {
            throw new UsageException(name + " line " + lineOf(bytes, buffer.position()) + ": not UTF-8 text; a "
                    + "settings file is a properties text file (key=value lines), saved as UTF-8");
        } catch (CharacterCodingException e) {
            throw new UsageException(name + " is not UTF-8 text: " + e.getMessage());
        }
    }

    private static void checkCharacters(CharSequence text, String name, int firstLine) {
        int line = firstLine;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < 0x20 && c != '\t' && c != '\f' || c == 0x7f) {
                throw new UsageException(name + " line " + line + ": control character 0x"
                        + Integer.toHexString(c) + "; a settings file is a properties text file (key=value lines)");
            }
        }
    }

    /** A line continues on the next when it ends with an odd number of backslashes. */
    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}

package com.camelicloud.photos.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What one setting accepts. {@link #check} returns the value as the routes want it (trimmed, lower-cased where the
 * routes compare it) or throws: a {@link Problem} says what the value must be, and {@link Settings} puts the flag,
 * or the file and line, or the environment variable in front of it; any other {@link IllegalArgumentException}
 * comes from the parser the routes use themselves (a folder pattern, a date, a rate) and is shown as it is.
 */
@FunctionalInterface
interface Check {

    String check(String value);

    /** What the value must be, without saying where it came from: "must be keep, quarantine or delete, not 'x'". */
    final class Problem extends IllegalArgumentException {
        Problem(String mustBe) {
            super(mustBe);
        }
    }

    /** Any text, as given. */
    static Check text() {
        return value -> value;
    }

    static Check nonBlank(String what) {
        return value -> {
            if (value.isBlank()) {
                throw new Problem("must be " + what + ", not empty");
            }
            return value.trim();
        };
    }

    /** An empty value (the setting's "none") or one that {@code check} accepts. */
    static Check optional(Check check) {
        return value -> value.isBlank() ? "" : check.check(value);
    }

    static Check bool() {
        return value -> {
            String normalized = value.trim().toLowerCase(Locale.ROOT);
            if (!normalized.equals("true") && !normalized.equals("false")) {
                throw new Problem("must be true or false, not '" + value + "'");
            }
            return normalized;
        };
    }

    static Check integer(long min, long max) {
        return value -> {
            long number;
            try {
                number = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new Problem("must be a whole number between " + min + " and " + max + ", not '" + value + "'");
            }
            if (number < min || number > max) {
                throw new Problem("must be between " + min + " and " + max + ", not " + number);
            }
            return Long.toString(number);
        };
    }

    /** One of {@code accepted}, whatever the case; the routes compare the lower-case spelling. */
    static Check choice(String... accepted) {
        return value -> {
            String normalized = value.trim().toLowerCase(Locale.ROOT);
            if (!List.of(accepted).contains(normalized)) {
                throw new Problem("must be " + either(accepted) + ", not '" + value + "'");
            }
            return normalized;
        };
    }

    /** Accepted by {@code parser}, the one the routes use; its message names the problem and what is accepted. */
    static Check parsedBy(Consumer<String> parser) {
        return value -> {
            parser.accept(value);
            return value.trim();
        };
    }

    /** A comma-separated list (how repeatable flags reach the routes), each item accepted by {@code item}. */
    static Check list(Check item) {
        return value -> {
            List<String> items = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    items.add(item.check(part.trim()));
                }
            }
            return String.join(",", items);
        };
    }

    static Check httpUrl() {
        return value -> {
            try {
                URI uri = URI.create(value.trim());
                if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    return value.trim();
                }
            } catch (IllegalArgumentException notAUri) {
                // answered below
            }
            throw new Problem("must be an http(s) URL, not '" + value + "'");
        };
    }

    /** A name for a file inside a folder the settings give elsewhere: no folder separator. */
    static Check fileName(String example) {
        return value -> {
            if (value.isBlank() || value.contains("/") || value.contains("\\")) {
                throw new Problem("must be a file name such as " + example + ", not '" + value + "'");
            }
            return value;
        };
    }

    static Check readableFile() {
        return value -> {
            Path file = Path.of(value.trim());
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new Problem("must name a readable file; " + file + " does not exist or is not readable");
            }
            return file.toAbsolutePath().toString();
        };
    }

    static Check executableFile() {
        return value -> {
            Path file = Path.of(value.trim());
            if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
                throw new Problem("must name an executable file; " + file + " does not exist or is not executable "
                        + "(chmod +x)");
            }
            return file.toAbsolutePath().toString();
        };
    }

    /** "a", "a or b", "a, b or c". */
    private static String either(String... values) {
        if (values.length == 1) {
            return values[0];
        }
        return String.join(", ", List.of(values).subList(0, values.length - 1)) + " or " + values[values.length - 1];
    }
}

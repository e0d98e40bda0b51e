package com.camelicloud.photos.layout;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses a command-line spelling into one of a fixed set of values, with an error the CLI can show as is. */
final class CliValues {

    private CliValues() {
    }

    static <T> T parse(String option, String value, List<T> accepted, Function<T, String> spelling) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (T candidate : accepted) {
            if (spelling.apply(candidate).equals(wanted)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("Invalid value '" + value + "' for " + option + "; accepted values: "
                + accepted.stream().map(spelling).collect(Collectors.joining(", ")));
    }
}

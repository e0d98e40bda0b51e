package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL files of the state, per dialect: {@code sql/<file>} where the dialects agree (the schema migrations, the
 * routes' statements), {@code sql/<dialect>/<file>} where one needs its own, the dialect being the JDBC URL's
 * subprotocol ({@code sqlite}, {@code postgresql}...). A file only some dialects have is a step the others skip.
 */
final class StateSql {

    private StateSql() {
    }

    /** {@code jdbc:postgresql://host/db} → {@code postgresql}. */
    static String dialect(String jdbcUrl) {
        String[] parts = jdbcUrl.split(":", 3);
        return parts.length < 3 ? "" : parts[1].toLowerCase(Locale.ROOT);
    }

    /** The dialect's own version of {@code file}, else the shared one; empty when neither exists. */
    static Optional<String> read(String dialect, String file) {
        Optional<String> own = dialect.isEmpty() ? Optional.empty() : resource("/sql/" + dialect + "/" + file);
        return own.isPresent() ? own : resource("/sql/" + file);
    }

    private static Optional<String> resource(String path) {
        try (InputStream in = StateSql.class.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

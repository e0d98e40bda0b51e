package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * {@code --rebuild-state}: a destination's state database is moved aside (never deleted: it may be a newer version's,
 * or hold what a support engineer wants to look at), so that the run that follows builds a new one from a full listing
 * and the files already at the destination (import-existing).
 */
final class StateRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(StateRebuild.class);
    /** SQLite keeps a database in up to four files. */
    private static final String[] PARTS = {"", "-wal", "-shm", "-journal"};
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private StateRebuild() {
    }

    /** What is wrong with a database file, or empty when this version can use it. */
    static Optional<String> problem(Path database) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
             Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
                String result = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    return Optional.of("is damaged (" + result + ")");
                }
            }
            try (ResultSet tables = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                if (!tables.next()) {
                    return Optional.empty();
                }
            }
            try (ResultSet version = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                int found = version.next() ? version.getInt(1) : 0;
                return found > SchemaMigrator.currentSchemaVersion()
                        ? Optional.of(new SchemaMigrator.NewerSchemaException(found).getMessage()) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.of(StateDatabaseException.problem(e));
        }
    }

    /**
     * Moves {@code database} (and its journal files) to {@code <name>.before-rebuild-<time>}; does nothing when there
     * is no such database.
     */
    static void moveAside(Path database, String destination) {
        if (!Files.exists(database)) {
            return;
        }
        String why = problem(database).orElse("could be read");
        String aside = database.getFileName() + ".before-rebuild-" + LocalDateTime.now().format(STAMP);
        try {
            // the journal files keep SQLite's names beside the moved database, which then opens with all its data
            for (String part : PARTS) {
                Path file = database.resolveSibling(database.getFileName() + part);
                if (Files.exists(file)) {
                    Files.move(file, database.resolveSibling(aside + part), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the state database " + database + " aside: " + e.getMessage(), e);
        }
        LOG.warn("The state database {} {}; it was moved aside to {} (kept, not deleted). The state of {} is rebuilt "
                + "from a full listing and the files already there.", database, why, database.resolveSibling(aside),
                destination);
    }
}

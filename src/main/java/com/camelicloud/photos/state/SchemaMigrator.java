package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the state schema to the current version: each {@code sql/schema/V<n>__*.sql} not yet applied
 * runs in its own transaction together with the version bump, so a crash never leaves half a migration.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    /** In order; append new migrations, never edit a released one. */
    static final List<String> MIGRATIONS = List.of("V1__initial.sql", "V2__albums_and_placement.sql",
            "V3__album_links.sql", "V4__album_links_by_file.sql", "V5__destination.sql", "V6__last_sync.sql",
            "V7__metadata_digest.sql");

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @return the schema version after migrating
     * @throws StateDatabaseException when the database is damaged, is no database or is a newer version's
     */
    public int migrate() {
        try {
            return migrateSchema();
        } catch (NewerSchemaException e) {
            throw StateDatabaseException.newer(url(), e);
        } catch (DataAccessException e) {
            throw StateDatabaseException.of(url(), e);
        }
    }

    private String url() {
        return dataSource instanceof HikariDataSource pool ? pool.getJdbcUrl() : String.valueOf(dataSource);
    }

    private int migrateSchema() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        Integer current = jdbc.queryForObject("SELECT COALESCE(MAX(version), 0) FROM schema_version", Integer.class);
        int version = current == null ? 0 : current;
        if (version > MIGRATIONS.size()) {
            throw new NewerSchemaException(version);
        }
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (int next = version + 1; next <= MIGRATIONS.size(); next++) {
            String script = MIGRATIONS.get(next - 1);
            int target = next;
            transaction.executeWithoutResult(status -> {
                statements(script).forEach(jdbc::execute);
                jdbc.update("INSERT INTO schema_version (version) VALUES (?)", target);
            });
            LOG.info("State schema migrated to version {} ({})", target, script);
        }
        return MIGRATIONS.size();
    }

    /** The database was written by a later version of this program, whose schema this one cannot know. */
    public static final class NewerSchemaException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NewerSchemaException(int version) {
            super("was written by a newer camel-icloud-photos (schema version " + version + "; this version knows up to "
                    + MIGRATIONS.size() + ")");
        }
    }

    static List<String> statements(String script) {
        String text;
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("/sql/schema/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}

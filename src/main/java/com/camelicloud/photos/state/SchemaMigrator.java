package com.camelicloud.photos.state;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the state schema to the current version: each {@code sql/schema/V<n>__*.sql} (or its dialect's own version,
 * {@link StateSql}) not yet applied runs in its own transaction together with the version bump, so a crash never leaves
 * half a migration; where the dialect has a {@code migration-lock.sql}, each such transaction takes it first, so that
 * processes starting together on one database migrate it once.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    /** Taken by every schema change where the dialect has it (nodes of a cluster starting together). */
    static final String LOCK = "migration-lock.sql";
    /** In order; append new migrations, never edit a released one. */
    static final List<String> MIGRATIONS = List.of("V1__initial.sql", "V2__albums_and_placement.sql",
            "V3__album_links.sql", "V4__album_links_by_file.sql", "V5__destination.sql", "V6__last_sync.sql",
            "V7__damaged_copies.sql", "V8__freeing_icloud_space.sql", "V9__metadata_digest.sql",
            "V10__indexes_for_every_cycle.sql");

    private final DataSource dataSource;

    /** @return the version {@link #migrate()} brings a schema to */
    public static int currentSchemaVersion() {
        return MIGRATIONS.size();
    }

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
        String dialect = StateSql.dialect(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getURL()));
        List<String> lock = StateSql.read(dialect, LOCK).map(SchemaMigrator::split).orElse(List.of());
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transaction.executeWithoutResult(status -> {
            lock.forEach(jdbc::execute);
            jdbc.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        });
        int version = currentVersion(jdbc);
        if (version > MIGRATIONS.size()) {
            throw new NewerSchemaException(version);
        }
        for (int next = version + 1; next <= MIGRATIONS.size(); next++) {
            String script = MIGRATIONS.get(next - 1);
            int target = next;
            boolean applied = Boolean.TRUE.equals(transaction.execute(status -> {
                lock.forEach(jdbc::execute);
                // another node may have migrated while this one waited for the lock
                if (currentVersion(jdbc) >= target) {
                    return false;
                }
                statements(dialect, script).forEach(jdbc::execute);
                jdbc.update("INSERT INTO schema_version (version) VALUES (?)", target);
                return true;
            }));
            if (applied) {
                LOG.info("State schema migrated to version {} ({})", target, script);
            }
        }
        return MIGRATIONS.size();
    }

    private static int currentVersion(JdbcTemplate jdbc) {
        Integer current = jdbc.queryForObject("SELECT COALESCE(MAX(version), 0) FROM schema_version", Integer.class);
        return current == null ? 0 : current;
    }

    /** The database was written by a later version of this program, whose schema this one cannot know. */
    public static final class NewerSchemaException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NewerSchemaException(int version) {
            super("was written by a newer camel-icloud-photos (schema version " + version + "; this version knows up to "
                    + MIGRATIONS.size() + ")");
        }
    }

    /** The statements of a migration, in the dialect's own version where it has one (see {@link StateSql}). */
    static List<String> statements(String dialect, String script) {
        return split(StateSql.read(dialect, "schema/" + script).orElseThrow(() -> new IllegalStateException(
                "migration " + script + " is missing from the classpath")));
    }

    /** The statements of a SQL file: one per {@code ;} at a line's end, comment lines left out. */
    static List<String> split(String text) {
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

package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
            "V3__album_links.sql", "V4__album_links_by_file.sql", "V6__metadata_digest.sql");

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return the schema version after migrating */
    public int migrate() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        Integer current = jdbc.queryForObject("SELECT COALESCE(MAX(version), 0) FROM schema_version", Integer.class);
        int version = current == null ? 0 : current;
        if (version > MIGRATIONS.size()) {
            throw new IllegalStateException("the state database has schema version " + version + ", newer than this "
                    + "camel-icloud-photos understands (" + MIGRATIONS.size() + "); upgrade camel-icloud-photos");
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

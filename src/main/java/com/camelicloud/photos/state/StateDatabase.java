package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The JDBC pool behind the sync state. SQLite by default; any JDBC database works by changing the
 * URL (the SQL is portable between SQLite and PostgreSQL).
 */
public final class StateDatabase {

    private StateDatabase() {
    }

    /**
     * A pool for the state database of one destination. For SQLite: WAL journal and a busy timeout, and the file's
     * directory is created owner-only; SQLite wants a single writer, so keep {@code poolSize} at 1 there.
     */
    public static HikariDataSource dataSource(StateLocation location, String user, String password, int poolSize) {
        String url = location.jdbcUrl();
        HikariConfig config = new HikariConfig();
        config.setPoolName("camel-icloud-photos-state");
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(Math.max(1, poolSize));
        if (location.schema() != null) {
            createSchema(location, user, password);
            config.setSchema(location.schema());
        }
        if (url.startsWith("jdbc:sqlite:")) {
            prepareSqliteFile(url.substring("jdbc:sqlite:".length()));
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("synchronous", "FULL");
        }
        return new HikariDataSource(config);
    }

    /** The schema of one account's destination on a database server, created on first use. */
    private static void createSchema(StateLocation location, String user, String password) {
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), blankToNull(user),
                blankToNull(password)); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + location.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the state database " + location.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The state database cannot be read: says which, why, and what to do, in one line. */
    public static IllegalStateException unreadable(String database, Exception cause) {
        return new IllegalStateException("the state database " + database + " cannot be read (" + cause.getMessage()
                + "); move it aside and run `verify --rebuild-state` to rebuild it from iCloud and the files already "
                + "synced", cause);
    }

    private static void prepareSqliteFile(String location) {
        String path = location.startsWith("file:") ? location.substring(5) : location;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals(":memory:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            PrivateFiles.createPrivateDirectory(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + parent + ": " + e.getMessage(), e);
        }
    }
}

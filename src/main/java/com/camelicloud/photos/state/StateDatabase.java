package com.camelicloud.photos.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.sqlite.SQLiteConfig;

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
        if (url.startsWith("jdbc:sqlite:")) {
            prepareSqliteFile(url.substring("jdbc:sqlite:".length()));
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("synchronous", "FULL");
        }
        return new HikariDataSource(config);
    }

    /**
     * One read-only connection to an existing SQLite state database ({@link StateLocation#existing}), for reading it
     * while a sync may be writing it; close it with {@link SingleConnectionDataSource#destroy()}.
     */
    public static SingleConnectionDataSource readOnly(StateLocation location) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(30_000);
        try {
            return new SingleConnectionDataSource(DriverManager.getConnection(location.jdbcUrl(), config.toProperties()),
                    true);
        } catch (SQLException e) {
            throw unreadable(location.describe(), e);
        }
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
